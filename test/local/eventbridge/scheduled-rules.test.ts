import { DescribeRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DeleteMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TemplateError } from '../../../local/template/cfn-types';
import { ManualClock } from '../../../support/manual-clock';
import { startInlineStack, type InlineStack } from '../../../support/inline-stack';
import { receiveAtLeast } from '../../../support/observers/queues';

const START = Date.parse('2026-01-01T00:00:00Z');
const MINUTE = 60_000;

const TEMPLATE = {
  Ticks: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'ticks' } },
  Mornings: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'mornings' } },
  EveryFiveMinutes: {
    Type: 'AWS::Events::Rule',
    Properties: { Name: 'every-five-minutes', ScheduleExpression: 'rate(5 minutes)', Targets: [{ Id: 'ticks', Arn: { 'Fn::GetAtt': ['Ticks', 'Arn'] } }] },
  },
  Morning: {
    Type: 'AWS::Events::Rule',
    Properties: { Name: 'morning', ScheduleExpression: 'cron(0 10 * * ? *)', Targets: [{ Id: 'mornings', Arn: { 'Fn::GetAtt': ['Mornings', 'Arn'] } }] },
  },
  Paused: {
    Type: 'AWS::Events::Rule',
    Properties: { Name: 'paused', State: 'DISABLED', ScheduleExpression: 'rate(1 minute)', Targets: [{ Id: 'ticks', Arn: { 'Fn::GetAtt': ['Ticks', 'Arn'] } }] },
  },
};

describe('scheduled rules, on the runtime clock, through the endpoint', () => {
  let stack: InlineStack | undefined;
  let sqs: SQSClient | undefined;
  afterEach(async () => {
    sqs?.destroy();
    await stack?.stop();
    stack = undefined;
  });

  async function start(clock: ManualClock, stateDir?: string): Promise<InlineStack> {
    stack = await startInlineStack(TEMPLATE, { clock, stateDir });
    sqs?.destroy();
    sqs = new SQSClient(stack.clientConfig);
    return stack;
  }

  const receive = (queue: string, atLeast = 1) => receiveAtLeast(sqs as SQSClient, queue, atLeast);

  it('a rate rule sends a Scheduled Event each period, a cron rule at its minute, a disabled rule never', async () => {
    const clock = new ManualClock(START);
    await start(clock);
    clock.advance(5 * MINUTE);
    const [tick] = await receive('ticks');
    await (sqs as SQSClient).send(new DeleteMessageCommand({ QueueUrl: `${stack?.runtime.endpoint}/000000000000/ticks`, ReceiptHandle: tick.ReceiptHandle }));
    expect(JSON.parse(tick.Body as string)).toEqual({
      version: '0',
      id: expect.any(String),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: '2026-01-01T00:05:00Z',
      region: 'us-east-1',
      resources: ['arn:aws:events:us-east-1:000000000000:rule/every-five-minutes'],
      detail: {},
    });

    clock.advance(10 * 60 * MINUTE - 5 * MINUTE);
    const [morning] = await receive('mornings');
    expect(JSON.parse(morning.Body as string)).toMatchObject({ time: '2026-01-01T10:00:00Z', resources: ['arn:aws:events:us-east-1:000000000000:rule/morning'] });
    // 120 ticks in ten hours, the first already read; none from the disabled rule, which would tick every minute.
    const ticks = await receive('ticks', 119);
    expect(ticks).toHaveLength(119);
    expect(JSON.parse(ticks[118].Body as string).time).toBe('2026-01-01T10:00:00Z');
  });

  it('lists the schedules with their next run, and runs one now on request', async () => {
    const clock = new ManualClock(START);
    const { runtime } = await start(clock);
    const listed = await (await fetch(`${runtime.endpoint}/_local/eventbridge/schedules`)).json();
    expect(listed).toEqual({
      schedules: [
        { rule: 'every-five-minutes', arn: 'arn:aws:events:us-east-1:000000000000:rule/every-five-minutes', scheduleExpression: 'rate(5 minutes)', state: 'ENABLED', nextRun: '2026-01-01T00:05:00.000Z' },
        { rule: 'morning', arn: 'arn:aws:events:us-east-1:000000000000:rule/morning', scheduleExpression: 'cron(0 10 * * ? *)', state: 'ENABLED', nextRun: '2026-01-01T10:00:00.000Z' },
        { rule: 'paused', arn: 'arn:aws:events:us-east-1:000000000000:rule/paused', scheduleExpression: 'rate(1 minute)', state: 'DISABLED' },
      ],
    });

    const run = await fetch(`${runtime.endpoint}/_local/eventbridge/schedules/morning`, { method: 'POST' });
    expect(run.status).toBe(200);
    const { eventId } = (await run.json()) as { eventId: string };
    const [morning] = await receive('mornings');
    expect(JSON.parse(morning.Body as string)).toMatchObject({ id: eventId, time: '2026-01-01T00:00:00Z', 'detail-type': 'Scheduled Event' });

    const unknown = await fetch(`${runtime.endpoint}/_local/eventbridge/schedules/nightly`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: 'No scheduled rule named nightly; GET /_local/eventbridge/schedules lists them' });
    expect((await fetch(`${runtime.endpoint}/_local/eventbridge/schedules/paused`, { method: 'POST' })).status).toBe(409);
  });

  it('DescribeRule shows the schedule expression', async () => {
    const { clientConfig } = await start(new ManualClock(START));
    const events = new EventBridgeClient(clientConfig);
    const rule = await events.send(new DescribeRuleCommand({ Name: 'every-five-minutes' }));
    events.destroy();
    expect(rule).toMatchObject({ Name: 'every-five-minutes', ScheduleExpression: 'rate(5 minutes)', EventBusName: 'default', State: 'ENABLED' });
  });

  it('a rate keeps its cadence across a restart', async () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schedules-'));
    const clock = new ManualClock(START);
    await start(clock, stateDir);
    clock.advance(3 * MINUTE);
    await stack?.stop();
    clock.advance(MINUTE);
    await start(clock, stateDir);
    clock.advance(MINUTE);
    const [tick] = await receive('ticks');
    expect(JSON.parse(tick.Body as string).time).toBe('2026-01-01T00:05:00Z');
  });
});

describe('scheduled rules EventBridge would refuse', () => {
  const withRule = (properties: Record<string, unknown>) => ({ Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'custom' } }, Refused: { Type: 'AWS::Events::Rule', Properties: properties } });

  it('refuses an expression that is not valid, saying why', async () => {
    await expect(startInlineStack(withRule({ ScheduleExpression: 'cron(0 10 * * * *)' }))).rejects.toThrow(
      new TemplateError('Refused (AWS::Events::Rule): Parameter ScheduleExpression is not valid: cron(0 10 * * * *): use ? in exactly one of Day-of-month and Day-of-week'),
    );
  });

  it('refuses a schedule on a custom bus', async () => {
    await expect(startInlineStack(withRule({ ScheduleExpression: 'rate(1 hour)', EventBusName: { Ref: 'Bus' } }))).rejects.toThrow(
      new TemplateError('Refused (AWS::Events::Rule): ScheduleExpression is supported only on the default event bus.'),
    );
  });
});
