import { readFile } from 'node:fs/promises';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { parsePutEventsArguments, USAGE, type PutEventsArguments } from './arguments';
import { CliError } from './cli-error';
import { parseEntries } from './entries';
import { formatResult, sendEntries } from './send-entries';

export interface PutEventsIo {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
  createClient: (args: PutEventsArguments) => EventBridgeClient;
}

export const EXIT_OK = 0;
export const EXIT_ENTRY_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

/** The whole command: validate everything first, send only when every entry is valid, report every entry. */
export async function runPutEvents(argv: readonly string[], io: PutEventsIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(USAGE);
    return EXIT_OK;
  }
  try {
    const args = parsePutEventsArguments(argv, io.env);
    const entries = parseEntries(await readEntriesFile(args.file), args.file, args.bus);
    const results = await sendEntries(io.createClient(args), entries);
    results.forEach((result) => io.out(formatResult(result)));
    const failed = results.filter((result) => !('eventId' in result)).length;
    io.out(`${results.length - failed} sent, ${failed} failed`);
    return failed === 0 ? EXIT_OK : EXIT_ENTRY_FAILED;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.err(`put-events: ${error.message}`);
    return EXIT_BAD_INPUT;
  }
}

async function readEntriesFile(path: string): Promise<string> {
  try {
    return await readFile(path.replace(/^file:\/\//, ''), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${path}: cannot read the file (${code ?? (error as Error).message})`);
  }
}
