import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import type { PutEventsArguments } from '../../events/cli/arguments';
import { EXIT_BAD_INPUT, EXIT_ENTRY_FAILED, EXIT_OK, runPutEvents } from '../../events/cli/run';

const eventBridge = mockClient(EventBridgeClient);
const samplePath = join(__dirname, '..', '..', 'events', 'samples', 'user-created.json');

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const clientArgs: PutEventsArguments[] = [];
  return {
    out,
    err,
    clientArgs,
    io: {
      env: {},
      out: (line: string) => out.push(line),
      err: (line: string) => err.push(line),
      createClient: (args: PutEventsArguments) => {
        clientArgs.push(args);
        return new EventBridgeClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
      },
    },
  };
}

beforeEach(() => eventBridge.reset());

describe('runPutEvents', () => {
  it('sends the sample to the bus it names and prints its EventId', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-1' }] });
    const run = io();

    await expect(runPutEvents([samplePath], run.io)).resolves.toBe(EXIT_OK);

    expect(run.out).toEqual(['entry 0: EventId evt-1', '1 sent, 0 failed']);
    expect(eventBridge).toHaveReceivedCommandWith(PutEventsCommand, {
      Entries: [expect.objectContaining({ Source: 'users-fanout.users', DetailType: 'UserCreated', EventBusName: 'users-fanout-dev' })],
    });
  });

  it('exits non-zero when an entry failed', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }] });
    const run = io();

    await expect(runPutEvents([samplePath, '--bus', 'users-fanout-prod'], run.io)).resolves.toBe(EXIT_ENTRY_FAILED);

    expect(run.out).toEqual(['entry 0: FAILED ThrottlingException: Rate exceeded', '0 sent, 1 failed']);
    expect(eventBridge.commandCalls(PutEventsCommand)[0].args[0].input.Entries?.[0].EventBusName).toBe('users-fanout-prod');
  });

  it('sends nothing when any entry is invalid, and says which entry and field', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'put-events-'));
    const [entry] = JSON.parse(readFileSync(samplePath, 'utf8'));
    const detail = JSON.parse(entry.Detail);
    detail.metadata.occurredAt = 'yesterday';
    const path = join(directory, 'entries.json');
    writeFileSync(path, JSON.stringify([entry, { ...entry, Detail: JSON.stringify(detail) }]));
    const run = io();

    await expect(runPutEvents([path], run.io)).resolves.toBe(EXIT_BAD_INPUT);

    expect(run.err).toEqual([`put-events: ${path}: entry 1 (users-fanout.users UserCreated): metadata.occurredAt: Invalid ISO datetime`]);
    expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
    expect(run.clientArgs).toEqual([]);
  });

  it('prints its usage for --help', async () => {
    const run = io();

    await expect(runPutEvents(['--help'], run.io)).resolves.toBe(EXIT_OK);

    expect(run.out).toEqual([expect.stringMatching(/^usage: npm run put-events -- <entries\.json> \[--bus NAME\]/)]);
  });

  it('reports a missing file in one line', async () => {
    const run = io();

    await expect(runPutEvents(['no-such-file.json'], run.io)).resolves.toBe(EXIT_BAD_INPUT);

    expect(run.err).toEqual(['put-events: no-such-file.json: cannot read the file (ENOENT)']);
  });
});
