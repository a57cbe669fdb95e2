import { parseArgs } from 'node:util';
import type { DeliveryKind } from '../../cdk/subscription/subscriber-entry';
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
  return { name: positionals[0], eventName: values.event ?? 'UserCreated', delivery };
}

function parseWithNode(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: { event: { type: 'string' }, delivery: { type: 'string' } },
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
