import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import type { PutEventsArguments } from '../../../events/cli/arguments';
import { AS_IS_NOTE, EXIT_BAD_INPUT, EXIT_ENTRY_FAILED, EXIT_OK, runPutEvents } from '../../../events/cli/run';
import { validateUserCreatedDetail, type UserCreatedDetail } from '../../../events/user-created';
import { PROJECT_DIR } from '../../../support/project';

const eventBridge = mockClient(EventBridgeClient);
const sts = mockClient(STSClient);
const samplePath = join(PROJECT_DIR, 'events', 'samples', 'user-created.json');
const sampleDetail = JSON.parse(JSON.parse(readFileSync(samplePath, 'utf8'))[0].Detail) as UserCreatedDetail;
const AWS_TARGET = 'target: AWS account 123456789012, region eu-west-1 (as arn:aws:iam::123456789012:user/ada)';

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
        return new EventBridgeClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
      },
    },
  };
}

beforeEach(() => {
  eventBridge.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/ada', UserId: 'AIDA' });
});

describe('runPutEvents', () => {
  it('in AWS, names the account and region first, notes that a file is sent as it is, sends it and prints its EventId', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-1' }] });
    const run = io();

    await expect(runPutEvents([samplePath], run.io)).resolves.toBe(EXIT_OK);

    expect(run.out).toEqual([AWS_TARGET, AS_IS_NOTE, 'entry 0: EventId evt-1', '1 sent, 0 failed']);
    expect(eventBridge).toHaveReceivedCommandWith(PutEventsCommand, {
      Entries: [expect.objectContaining({ Source: 'users-fanout.users', DetailType: 'UserCreated', EventBusName: 'users-fanout-dev' })],
    });
  });

  it('sends nothing to AWS when it cannot say whose account it is, and says in one line how to use the local runtime', async () => {
    sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error('getaddrinfo ENOTFOUND sts.eu-west-1.amazonaws.com'), { code: 'ENOTFOUND' }));
    const run = io();

    await expect(runPutEvents([samplePath], run.io)).resolves.toBe(EXIT_ENTRY_FAILED);

    expect(run.err).toEqual([
      'put-events: cannot reach AWS (getaddrinfo ENOTFOUND sts.eu-west-1.amazonaws.com). ' +
        'To use the local runtime instead, add --local (npm start serves http://127.0.0.1:4566)',
    ]);
    expect(run.out).toEqual([]);
    expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('names the local runtime as the target with --local, and asks AWS nothing', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-1' }] });
    const run = io();

    await expect(runPutEvents([samplePath, '--local'], { ...run.io, env: { PORT: '4601' } })).resolves.toBe(EXIT_OK);

    expect(run.out[0]).toBe('target: the local runtime at http://127.0.0.1:4601');
    expect(run.clientArgs[0]).toMatchObject({ endpointUrl: 'http://127.0.0.1:4601', local: true });
    expect(sts).not.toHaveReceivedCommand(GetCallerIdentityCommand);
  });

  it('--sample sends a new event about a new user each time, valid against the contract, with no note', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-1' }] });
    const run = io();

    for (let send = 0; send < 2; send++) await expect(runPutEvents(['--sample', 'user-created', '--local'], run.io)).resolves.toBe(EXIT_OK);

    expect(run.out).not.toContain(AS_IS_NOTE);
    const sent = eventBridge.commandCalls(PutEventsCommand).map((call) => {
      const [entry] = call.args[0].input.Entries ?? [];
      expect(entry).toMatchObject({ Source: 'users-fanout.users', DetailType: 'UserCreated', EventBusName: 'users-fanout-dev' });
      const detail = JSON.parse(entry.Detail as string) as UserCreatedDetail;
      expect(validateUserCreatedDetail(detail)).toMatchObject({ ok: true });
      return detail;
    });
    for (const field of ['eventId', 'idempotencyKey'] as const) {
      expect(new Set([sampleDetail.metadata[field], ...sent.map((detail) => detail.metadata[field])]).size).toBe(3);
    }
    expect(new Set([sampleDetail.data.userId, ...sent.map((detail) => detail.data.userId)]).size).toBe(3);
    for (const detail of sent) {
      expect(detail.metadata.idempotencyKey).toMatch(/^user-created:[0-9a-f]{32}$/);
      expect(detail.data.email).toMatch(/^alan\+[0-9a-f]{8}@example\.com$/);
      expect(detail.data).toMatchObject({ givenName: sampleDetail.data.givenName, interests: sampleDetail.data.interests });
      expect(Date.now() - Date.parse(detail.metadata.occurredAt)).toBeLessThan(60_000);
    }
  });

  it('names the samples when --sample names none of them', async () => {
    const run = io();

    await expect(runPutEvents(['--sample', 'user-deleted'], run.io)).resolves.toBe(EXIT_BAD_INPUT);

    expect(run.err).toEqual(['put-events: unknown sample "user-deleted": the samples are user-created-minimal, user-created (events/samples/)']);
  });

  it('exits non-zero when an entry failed', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }] });
    const run = io();

    await expect(runPutEvents([samplePath, '--bus', 'users-fanout-staging'], run.io)).resolves.toBe(EXIT_ENTRY_FAILED);

    expect(run.out.slice(2)).toEqual(['entry 0: FAILED ThrottlingException: Rate exceeded', '0 sent, 1 failed']);
    expect(eventBridge.commandCalls(PutEventsCommand)[0].args[0].input.Entries?.[0].EventBusName).toBe('users-fanout-staging');
  });

  it.each([
    ['by name', ['--bus', 'users-fanout-prod']],
    ['by ARN', ['--bus', 'arn:aws:events:eu-west-1:123456789012:event-bus/users-fanout-prod']],
  ])('refuses to send UserCreated to the production bus (%s) without --yes-send-real-emails, and asks nothing of AWS', async (_how, bus) => {
    const run = io();

    await expect(runPutEvents(['--sample', 'user-created', ...bus], run.io)).resolves.toBe(EXIT_BAD_INPUT);

    expect(run.err).toEqual([
      'put-events: entry 0 would send UserCreated to the production bus users-fanout-prod, which emails real people; ' +
        'nothing was sent. Add --yes-send-real-emails if that is what you mean',
    ]);
    expect(run.clientArgs).toEqual([]);
    expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('sends UserCreated to the production bus when --yes-send-real-emails says so', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-prod' }] });
    const run = io();

    await expect(runPutEvents(['--sample', 'user-created', '--bus', 'users-fanout-prod', '--yes-send-real-emails'], run.io)).resolves.toBe(EXIT_OK);

    expect(run.out).toEqual([AWS_TARGET, 'entry 0: EventId evt-prod', '1 sent, 0 failed']);
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

    expect(run.out).toEqual([expect.stringMatching(/^usage: npm run put-events -- <entries\.json> \| --sample <name> \[--local\]/)]);
  });

  it('reports a missing file in one line', async () => {
    const run = io();

    await expect(runPutEvents(['no-such-file.json'], run.io)).resolves.toBe(EXIT_BAD_INPUT);

    expect(run.err).toEqual(['put-events: no-such-file.json: cannot read the file (ENOENT)']);
  });
});
