import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { LocalEventBridge } from '../../../local/eventbridge';
import type { LocalSqs } from '../../../local/sqs';
import { waitFor } from '../../../support/waiting';
import {
  ACCOUNT,
  AUDIT_FUNCTION_ARN,
  BUS,
  type BusOnEndpoint,
  REGION,
  RecordingLambda,
  queueArn,
  startBusOnEndpoint,
  userCreatedEntry,
} from './support';
import { CALLER_WITHOUT_IAM } from '../../../local/protocol/authorization';

describe('EventBridge PutEvents with the real SDK client', () => {
  let harness: BusOnEndpoint;
  let sqs: LocalSqs;
  let lambda: RecordingLambda;
  let bus: LocalEventBridge;
  let client: EventBridgeClient;

  beforeEach(async () => {
    harness = await startBusOnEndpoint();
    ({ sqs, lambda, bus, client } = harness);
  });

  afterEach(() => harness.close());

  it('rejects an empty request and more than 10 entries with ValidationException', async () => {
    await expect(client.send(new PutEventsCommand({ Entries: [] }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Member must have length greater than or equal to 1'),
    });
    const eleven = Array.from({ length: 11 }, (_, index) => userCreatedEntry(`u-${index}`));
    await expect(client.send(new PutEventsCommand({ Entries: eleven }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Member must have length less than or equal to 10'),
    });
  });

  it('rejects entries over the 256 KB size limit', async () => {
    const big = { ...userCreatedEntry('big'), Detail: JSON.stringify({ blob: 'x'.repeat(262_144) }) };
    await expect(client.send(new PutEventsCommand({ Entries: [big] }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Total size of the entries in the request is over the limit.',
    });
  });

  it('reports per-entry errors as AWS does and accepts the valid entries of the same call', async () => {
    const result = await client.send(
      new PutEventsCommand({
        Entries: [
          { DetailType: 'UserCreated', Detail: '{}' },
          { Source: 'users-fanout.users', Detail: '{}' },
          { Source: 'users-fanout.users', DetailType: 'UserCreated' },
          { Source: 'users-fanout.users', DetailType: 'UserCreated', Detail: 'not json' },
          { Source: 'users-fanout.users', DetailType: 'UserCreated', Detail: '[1,2]' },
          { ...userCreatedEntry('u-1'), EventBusName: 'no-such-bus' },
          userCreatedEntry('u-2'),
        ],
      }),
    );
    expect(result.FailedEntryCount).toBe(6);
    expect(result.Entries?.slice(0, 6)).toEqual([
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'ResourceNotFoundException', ErrorMessage: 'Event bus no-such-bus does not exist.' },
    ]);
    expect(result.Entries?.[6].EventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('delivers the full envelope to matching rules only', async () => {
    const time = new Date('2026-01-02T03:04:05.678Z');
    const result = await client.send(
      new PutEventsCommand({ Entries: [{ ...userCreatedEntry('u-1'), EventBusName: BUS.arn, Time: time, Resources: ['arn:aws:dynamodb:x'] }] }),
    );
    expect(result.FailedEntryCount).toBe(0);
    const eventId = result.Entries![0].EventId;

    const [message] = await waitFor('the event in the welcome queue', () => {
      const received = sqs.port.receive(queueArn('welcome'), 10, CALLER_WITHOUT_IAM);
      return received.length > 0 ? received : undefined;
    });
    expect(JSON.parse(message.body)).toEqual({
      version: '0',
      id: eventId,
      'detail-type': 'UserCreated',
      source: 'users-fanout.users',
      account: ACCOUNT,
      time: '2026-01-02T03:04:05Z',
      region: REGION,
      resources: ['arn:aws:dynamodb:x'],
      detail: { metadata: { eventId: 'e-u-1' }, data: { userId: 'u-1' } },
    });
    await waitFor('the audit function to accept the event', () => lambda.accepted.length === 1);
    expect(lambda.accepted[0]).toEqual({ functionArn: AUDIT_FUNCTION_ARN, event: JSON.parse(message.body) });

    // InputPath hands the target only the selected part of the event.
    const [details] = await waitFor('the selected part in the details queue', () => {
      const received = sqs.port.receive(queueArn('details'), 10, CALLER_WITHOUT_IAM);
      return received.length > 0 ? received : undefined;
    });
    expect(JSON.parse(details.body)).toEqual({ userId: 'u-1' });

    // Neither the rule for another source nor the disabled rule got it.
    await waitFor('no delivery left pending', () => bus.pendingDeliveries() === 0);
    expect(sqs.port.receive(queueArn('other'), 10, CALLER_WITHOUT_IAM)).toEqual([]);
  });

  it('routes events of another source to their own rule only, and uses the default bus when none is named', async () => {
    await client.send(new PutEventsCommand({ Entries: [{ EventBusName: BUS.name, Source: 'other.source', DetailType: 'Anything', Detail: '{"a":1}' }] }));
    const [message] = await waitFor('the event in the other queue', () => {
      const received = sqs.port.receive(queueArn('other'), 10, CALLER_WITHOUT_IAM);
      return received.length > 0 ? received : undefined;
    });
    expect(JSON.parse(message.body).source).toBe('other.source');
    expect(sqs.port.receive(queueArn('welcome'), 10, CALLER_WITHOUT_IAM)).toEqual([]);

    const onDefault = await client.send(new PutEventsCommand({ Entries: [{ Source: 'users-fanout.users', DetailType: 'UserCreated', Detail: '{}' }] }));
    expect(onDefault.FailedEntryCount).toBe(0);
    // The sentinel, put on the named bus after it, reaches the same rules' targets: the default bus's event, had any rule taken it, would be there first.
    await client.send(new PutEventsCommand({ Entries: [userCreatedEntry('sentinel')] }));
    const [sentinel, ...others] = await waitFor('the sentinel in the welcome queue', () => {
      const received = sqs.port.receive(queueArn('welcome'), 10, CALLER_WITHOUT_IAM);
      return received.length > 0 ? received : undefined;
    });
    await waitFor('no delivery left pending', () => bus.pendingDeliveries() === 0);
    expect(others).toEqual([]);
    expect(JSON.parse(sentinel.body).detail.data.userId).toBe('sentinel');
    expect(lambda.accepted.map(({ event }) => (event as { detail: { data: { userId: string } } }).detail.data.userId)).toEqual(['sentinel']);
  });

  it('answers through the in-process port exactly as through the API', () => {
    const result = bus.port.putEvents([userCreatedEntry('u-9'), { Source: 'x', DetailType: 'y', Detail: '"text"' }], CALLER_WITHOUT_IAM);
    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries[1]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
  });
});
