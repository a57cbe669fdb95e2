import { parseArgs } from 'node:util';
import type { DeliveryKind } from '../../cdk/subscription/subscriber-entry';
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
  let parsed: ReturnType<typeof parseWithNode>;
  try {
    parsed = parseWithNode(argv);
  } catch (error) {
    throw new ScaffoldError(`${describeParseError(error as NodeJS.ErrnoException)}; ${USAGE}`);
  }
  const { values, positionals } = parsed;
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

function parseWithNode(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: { event: { type: 'string' }, delivery: { type: 'string' }, endpoint: { type: 'string' } },
  });
}

/** Node's own messages for these suggest quoting with an unbalanced quote; ours name the option plainly. */
function describeParseError(error: NodeJS.ErrnoException): string {
  const option = /'(-[^' ]*)/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option "${option}"`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `option "${option}" needs a value`;
  return error.message;
}

function isDeliveryKind(value: string): value is DeliveryKind {
  return (DELIVERY_KINDS as readonly string[]).includes(value);
}
