import {
  DescribeArchiveCommand,
  DescribeEventBusCommand,
  DescribeReplayCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  InvalidEventPatternException,
  ListArchivesCommand,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  ResourceNotFoundException,
  StartReplayCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import type { LocalEventBridge } from '../../../local/eventbridge';
import type { LocalSqs } from '../../../local/sqs';
import { waitFor } from '../../../support/waiting';
import {
  ACCOUNT,
  AUDIT_FUNCTION_ARN,
  BUS,
  type BusOnEndpoint,
  REGION,
  queueArn,
  startBusOnEndpoint,
  userCreatedEntry,
} from './support';
import { CALLER_WITHOUT_IAM } from '../../../local/protocol/authorization';

const SAMPLE_EVENT = JSON.stringify({
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'UserCreated',
  source: 'users-fanout.users',
  account: ACCOUNT,
  time: '2026-01-01T00:00:00Z',
  region: REGION,
  resources: [],
  detail: { data: { userId: 'u-1', interests: ['chess'] } },
});

describe('EventBridge rules, buses and archives from the template', () => {
  let harness: BusOnEndpoint;
  let sqs: LocalSqs;
  let bus: LocalEventBridge;
  let client: EventBridgeClient;

  beforeAll(async () => {
    harness = await startBusOnEndpoint();
    ({ sqs, bus, client } = harness);
  });

  afterAll(() => harness.close());

  it('tests an event pattern: match, no match and an invalid pattern with the engine message', async () => {
    const match = await client.send(
      new TestEventPatternCommand({ EventPattern: JSON.stringify({ detail: { data: { interests: ['chess'] } } }), Event: SAMPLE_EVENT }),
    );
    expect(match.Result).toBe(true);
    const miss = await client.send(new TestEventPatternCommand({ EventPattern: JSON.stringify({ source: ['elsewhere'] }), Event: SAMPLE_EVENT }));
    expect(miss.Result).toBe(false);

    const error = await client
      .send(new TestEventPatternCommand({ EventPattern: JSON.stringify({ source: 'not-an-array' }), Event: SAMPLE_EVENT }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidEventPatternException);
    expect((error as Error).message).toMatch(/^Event pattern is not valid\. Reason: /);

    await expect(client.send(new TestEventPatternCommand({ EventPattern: '{}', Event: '{"source":"x"}' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('missing required fields'),
    });
  });

  it('lists and describes buses, including the default bus', async () => {
    const buses = await client.send(new ListEventBusesCommand({}));
    expect(buses.EventBuses?.map((listed) => listed.Name)).toEqual(['default', BUS.name]);
    const custom = await client.send(new ListEventBusesCommand({ NamePrefix: 'users-' }));
    expect(custom.EventBuses).toEqual([{ Name: BUS.name, Arn: BUS.arn }]);
    const described = await client.send(new DescribeEventBusCommand({ Name: BUS.arn }));
    expect(described).toMatchObject({ Name: BUS.name, Arn: BUS.arn });
    const defaultBus = await client.send(new DescribeEventBusCommand({}));
    expect(defaultBus.Arn).toBe(`arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default`);
    await expect(client.send(new DescribeEventBusCommand({ Name: 'nope' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('lists rules by bus and prefix and describes one', async () => {
    const all = await client.send(new ListRulesCommand({ EventBusName: BUS.name }));
    expect(all.Rules?.map((listed) => listed.Name)).toEqual(
      ['other-source', 'switched-off', 'user-created-details', 'user-created-to-audit', 'user-created-to-welcome'],
    );
    const prefixed = await client.send(new ListRulesCommand({ EventBusName: BUS.name, NamePrefix: 'user-created-to' }));
    expect(prefixed.Rules?.map((listed) => listed.Name)).toEqual(['user-created-to-audit', 'user-created-to-welcome']);
    expect((await client.send(new ListRulesCommand({}))).Rules).toEqual([]);

    const described = await client.send(new DescribeRuleCommand({ Name: 'user-created-to-welcome', EventBusName: BUS.name }));
    expect(described).toMatchObject({
      Name: 'user-created-to-welcome',
      Arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/${BUS.name}/user-created-to-welcome`,
      State: 'ENABLED',
      Description: 'Welcome emails',
      EventBusName: BUS.name,
    });
    expect(JSON.parse(described.EventPattern!)).toEqual({ source: ['users-fanout.users'], 'detail-type': ['UserCreated'] });
    await expect(client.send(new DescribeRuleCommand({ Name: 'missing', EventBusName: BUS.name }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Rule missing does not exist on EventBus ${BUS.name}.`,
    });
  });

  it('lists the targets of a rule with their retry policy and DLQ', async () => {
    const targets = await client.send(new ListTargetsByRuleCommand({ Rule: 'user-created-to-audit', EventBusName: BUS.name }));
    expect(targets.Targets).toEqual([
      {
        Id: 'audit',
        Arn: AUDIT_FUNCTION_ARN,
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3_600 },
        DeadLetterConfig: { Arn: queueArn('audit-dlq') },
      },
    ]);
    const withPath = await client.send(new ListTargetsByRuleCommand({ Rule: 'user-created-details', EventBusName: BUS.name }));
    expect(withPath.Targets?.[0].InputPath).toBe('$.detail.data');
  });

  it('archives matching events and replays them onto the bus', async () => {
    await client.send(new PutEventsCommand({ Entries: [userCreatedEntry('u-archived'), { EventBusName: BUS.name, Source: 'other.source', DetailType: 'X', Detail: '{}' }] }));
    const archives = await client.send(new ListArchivesCommand({}));
    expect(archives.Archives).toEqual([expect.objectContaining({ ArchiveName: 'users-archive', EventSourceArn: BUS.arn, State: 'ENABLED', EventCount: 1, RetentionDays: 7 })]);
    const archive = await client.send(new DescribeArchiveCommand({ ArchiveName: 'users-archive' }));
    expect(archive.ArchiveArn).toBe(`arn:aws:events:${REGION}:${ACCOUNT}:archive/users-archive`);

    await waitFor('no delivery left pending', () => bus.pendingDeliveries() === 0);
    sqs.port.receive(queueArn('welcome'), 10, CALLER_WITHOUT_IAM).forEach((message) => sqs.port.delete(queueArn('welcome'), message.receiptHandle, CALLER_WITHOUT_IAM));

    await client.send(
      new StartReplayCommand({
        ReplayName: 'again',
        EventSourceArn: archive.ArchiveArn,
        EventStartTime: new Date(Date.now() - 60_000),
        EventEndTime: new Date(Date.now() + 60_000),
        Destination: { Arn: BUS.arn, FilterArns: [`arn:aws:events:${REGION}:${ACCOUNT}:rule/${BUS.name}/user-created-to-welcome`] },
      }),
    );
    const [replayed] = await waitFor('the replayed event in the welcome queue', () => {
      const received = sqs.port.receive(queueArn('welcome'), 10, CALLER_WITHOUT_IAM);
      return received.length > 0 ? received : undefined;
    });
    expect(JSON.parse(replayed.body)).toMatchObject({ 'replay-name': 'again', detail: { data: { userId: 'u-archived' } } });
    const replay = await client.send(new DescribeReplayCommand({ ReplayName: 'again' }));
    expect(replay.State).toBe('COMPLETED');
  });

  it('refuses calls that would change the template-defined resources', async () => {
    await expect(client.send(new PutRuleCommand({ Name: 'new', EventPattern: '{}' }))).rejects.toMatchObject({ name: 'UnknownOperationException' });
  });
});
