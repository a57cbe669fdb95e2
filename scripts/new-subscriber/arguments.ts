import type { DeliveryKind } from '../../cdk/subscription/subscriber-entry';
import { parseCommandLine } from '../../local/cli/command-line';
import { ScaffoldError } from './scaffold-error';

export interface NewSubscriberArguments {
  name: string;
  /** The contract's detail-type, e.g. `UserCreated`. */
  eventName: string;
  delivery: DeliveryKind;
}

export const USAGE = 'usage: npm run new-subscriber -- <name> [--event UserCreated] [--delivery queued|direct|queue-only]';

const DELIVERY_KINDS: readonly DeliveryKind[] = ['queued', 'direct', 'queue-only'];

/** Queued is the default: it is the safe choice for anything that calls a rate-limited service. */
export function parseNewSubscriberArguments(argv: readonly string[]): NewSubscriberArguments {
  const { values, positionals } = parseCommandLine(
    { args: [...argv], allowPositionals: true, options: { event: { type: 'string' }, delivery: { type: 'string' } } },
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
  return { name: positionals[0], eventName: values.event ?? 'UserCreated', delivery };
}


function isDeliveryKind(value: string): value is DeliveryKind {
  return (DELIVERY_KINDS as readonly string[]).includes(value);
}
