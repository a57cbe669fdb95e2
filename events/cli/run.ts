import { readFile } from 'node:fs/promises';
import type { EventBridgeClient, PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { describeAwsTarget } from '../../scripts/aws-target/caller-identity';
import { endpointDownMessage, isConnectionError } from '../../scripts/aws-target/connection-error';
import { TargetError } from '../../scripts/aws-target/local-endpoint';
import { parsePutEventsArguments, USAGE, type PutEventsArguments } from './arguments';
import { CliError } from './cli-error';
import { parseEntries } from './entries';
import { freshSampleEntries } from './fresh-sample';
import { refuseUnconfirmedRealEmails } from './production-guard';
import { formatResult, sendEntries } from './send-entries';

export interface PutEventsIo {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
  /** A client for where the arguments say to send; the entries say which stage's bus, for the local default caller. */
  createClient: (args: PutEventsArguments, entries: readonly PutEventsRequestEntry[]) => EventBridgeClient;
}

export const EXIT_OK = 0;
export const EXIT_ENTRY_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

export const AS_IS_NOTE =
  'note: the entries are sent as they are, and a consumer that already handled an idempotencyKey skips it by design; ' +
  'npm run put-events -- --sample user-created sends a new event each time';

/**
 * The whole command: validate everything first; say where the events go (for AWS, the account and region, before
 * anything is sent); send only when every entry is valid; report every entry.
 */
export async function runPutEvents(argv: readonly string[], io: PutEventsIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(USAGE);
    return EXIT_OK;
  }
  try {
    const args = parsePutEventsArguments(argv, io.env);
    const entries =
      args.entries.kind === 'file'
        ? parseEntries(await readEntriesFile(args.entries.path), args.entries.path, args.bus)
        : freshSampleEntries(args.entries.name, args.bus);
    refuseUnconfirmedRealEmails(entries, args.confirmedRealEmails);
    const client = io.createClient(args, entries);
    try {
      io.out(args.endpointUrl === undefined ? await describeAwsTarget(client.config, io.env) : describeEndpoint(args.endpointUrl, args.local));
      if (args.entries.kind === 'file') io.out(AS_IS_NOTE);
      const results = await sendEntries(client, entries);
      results.forEach((result) => io.out(formatResult(result)));
      const failed = results.filter((result) => !('eventId' in result));
      io.out(`${results.length - failed.length} sent, ${failed.length} failed`);
      const unanswered = failed.map((result) => ('cause' in result ? result.cause : undefined)).find(isConnectionError);
      if (unanswered !== undefined && args.endpointUrl !== undefined) io.err(`put-events: ${endpointDownMessage(args.endpointUrl, unanswered)}`);
      return failed.length === 0 ? EXIT_OK : EXIT_ENTRY_FAILED;
    } finally {
      client.destroy();
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`put-events: ${error.message}`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof TargetError) {
      io.err(`put-events: ${error.message}`);
      return EXIT_ENTRY_FAILED;
    }
    throw error;
  }
}

function describeEndpoint(endpointUrl: string, local: boolean): string {
  return local ? `target: the local runtime at ${endpointUrl}` : `target: the endpoint ${endpointUrl}`;
}

async function readEntriesFile(path: string): Promise<string> {
  try {
    return await readFile(path.replace(/^file:\/\//, ''), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${path}: cannot read the file (${code ?? (error as Error).message})`);
  }
}
