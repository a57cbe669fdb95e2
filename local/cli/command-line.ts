import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command line a person got wrong. Each tool prints the message and its usage, and exits with status 2. */
export class UsageError extends Error {}

/** `parseArgs` option kinds: one that takes a value (`--bus NAME`), one that is on or off (`--local`). */
export const VALUE = { type: 'string' } as const;
export const SWITCH = { type: 'boolean' } as const;

/** Builds the error a tool throws for a command line it refuses; a UsageError unless the tool has its own. */
export type Refusal = (message: string) => Error;

const usageError: Refusal = (message) => new UsageError(message);

/**
 * How every command-line tool of the project reads its arguments (npm start, npm run bench, soak, crash-test,
 * put-events, dlq, new-subscriber): Node's `parseArgs`, strict, so an unknown option, a missing value or an
 * unexpected argument is refused, with a message that names the option.
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, refuse: Refusal = usageError): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs<T>({ strict: true, ...config, args: withDashLedValues(config) });
  } catch (error) {
    throw refuse(usageMessage(error as Error & { code?: string }));
  }
}

/** `raw` as a whole number of at least `minimum`, or a refusal naming `option`. */
export function wholeNumber(raw: string, option: string, minimum: number, refuse: Refusal = usageError): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isSafeInteger(value) || value < minimum) {
    throw refuse(`${option} must be a whole number of at least ${minimum}, got "${raw}"`);
  }
  return value;
}

/**
 * parseArgs refuses `--seconds -3` as ambiguous. Here a value led by a single dash is a value (a negative number is
 * then refused by the option's own check, naming the range), and only one led by `--` reads as a missing value.
 */
function withDashLedValues(config: ParseArgsConfig): string[] | undefined {
  const { args, options = {} } = config;
  if (args === undefined) return undefined;
  const joined: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const name = args[index].startsWith('--') ? args[index].slice(2) : undefined;
    const next = args[index + 1];
    const takesValue = name !== undefined && options[name]?.type === 'string';
    if (takesValue && next !== undefined && next.startsWith('-') && !next.startsWith('--')) {
      joined.push(`${args[index]}=${next}`);
      index++;
    } else joined.push(args[index]);
  }
  return joined;
}

/**
 * Node's refusal in a line that names the option: `unknown option "-x"`, and `option "--users" needs a value` for
 * both a missing value and one led by `--` (Node's own text for these suggests quoting with an unbalanced quote).
 */
function usageMessage(error: Error & { code?: string }): string {
  const option = /'(-[^' ,]*)/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option "${option}"`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /argument missing|ambiguous/.test(error.message)) return `option "${option}" needs a value`;
  return error.message.split('\n')[0];
}
