import type { DeliveryKind } from '../../cdk/subscription/subscriber-entry';
import { parseCommandLine } from '../../local/cli/command-line';
import { ScaffoldError } from './scaffold-error';

export interface NewSubscriberArguments {
  name: string;
  /** The contract's detail-type, e.g. `UserCreated`. */
  eventName: string;
  delivery: DeliveryKind;
  /** For a webhook: the URL `npm start` posts to when no stage names one. */
  endpoint?: string;
}

export const USAGE =
  'usage: npm run new-subscriber -- <name> [--event UserCreated] [--delivery queued|direct|queue-only|webhook] [--endpoint <local URL, webhook only>]';

const DELIVERY_KINDS: readonly DeliveryKind[] = ['queued', 'direct', 'queue-only', 'webhook'];
const LOOPBACK_URL = /^http:\/\/(127(\.\d{1,3}){3}|localhost)(:\d+)?(\/\S*)?$/;

/** Queued is the default: it is the safe choice for anything that calls a rate-limited service. */
export function parseNewSubscriberArguments(argv: readonly string[]): NewSubscriberArguments {
  const { values, positionals } = parseCommandLine(
    { args: [...argv], allowPositionals: true, options: { event: { type: 'string' }, delivery: { type: 'string' }, endpoint: { type: 'string' } } },
    (message) => new ScaffoldError(`${message}; ${USAGE}`),
  );
  if (positionals.length !== 1) {
    const problem = positionals.length === 0 ? 'missing the subscriber name' : 'expected exactly one subscriber name';
    throw new ScaffoldError(`${problem}; ${USAGE}`);
  }
  const delivery = values.delivery ?? 'queued';
  if (!isDeliveryKind(delivery)) {
    throw new ScaffoldError(`unknown delivery "${delivery}": use one of ${DELIVERY_KINDS.join(', ')}`);
  }
  const { endpoint } = values;
  if (endpoint !== undefined && delivery !== 'webhook') throw new ScaffoldError('--endpoint is for --delivery webhook only');
  if (endpoint !== undefined && !LOOPBACK_URL.test(endpoint)) {
    throw new ScaffoldError(
      `--endpoint ${endpoint} is not a local http URL such as http://127.0.0.1:9999/crm-hook; ` +
        'it is where npm start posts, and each stage names its real https endpoint at deploy',
    );
  }
  return { name: positionals[0], eventName: values.event ?? 'UserCreated', delivery, ...(endpoint !== undefined ? { endpoint } : {}) };
}

function isDeliveryKind(value: string): value is DeliveryKind {
  return (DELIVERY_KINDS as readonly string[]).includes(value);
}
