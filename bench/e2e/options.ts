import { parseCommandLine, wholeNumber } from '../../local/cli/command-line';

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

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseCommandLine({
    args: [...argv],
    options: { users: { type: 'string' }, concurrency: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  return {
    users: wholeNumber(values.users ?? '10000', '--users', 1),
    concurrency: wholeNumber(values.concurrency ?? '32', '--concurrency', 1),
    help: values.help === true,
  };
}
