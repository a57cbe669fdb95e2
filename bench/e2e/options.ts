/** Command-line options of `npm run bench`, with errors a person can act on. */
export interface BenchOptions {
  users: number;
  concurrency: number;
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]

End-to-end benchmark of the local runtime: startup (cold and warm), Lambda bundles, users inserted through the
DynamoDB endpoint until each has its welcome email and audit record, and the floor of the same AWS calls made directly.

Options:
  --users <n>         users to insert (default: 10000)
  --concurrency <n>   requests in flight at once (default: 32)
  --help              show this help`;

export class UsageError extends Error {}

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { users: 10_000, concurrency: 32, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '--users':
        options.users = positiveInteger(value(), arg);
        break;
      case '--concurrency':
        options.concurrency = positiveInteger(value(), arg);
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new UsageError(`Unknown option "${arg}". Run npm run bench -- --help for the list.`);
    }
  }
  return options;
}

function positiveInteger(raw: string, option: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${option} must be a whole number of at least 1, got "${raw}"`);
  return value;
}
