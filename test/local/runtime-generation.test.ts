import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DeleteMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime';
import type { CfnResource } from '../../local/template/cfn-types';
import { findTraces, traceAround } from '../../local/trace';
import { writeInlineAssembly } from '../../support/inline-stack';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../support/local-defaults';
import { ManualClock } from '../../support/manual-clock';
import { receiveAtLeast } from '../../support/observers/queues';

const START = Date.parse('2026-01-01T00:00:00Z');
const MINUTE = 60_000;
const queue = (name: string): CfnResource => ({ Type: 'AWS::SQS::Queue', Properties: { QueueName: name } });
const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
const subscription = (topic: string, queueId: string): CfnResource => ({
  Type: 'AWS::SNS::Subscription',
  Properties: { TopicArn: { Ref: topic }, Protocol: 'sqs', Endpoint: arnOf(queueId), RawMessageDelivery: true },
});
const scheduled = (name: string, expression: string): CfnResource => ({
  Type: 'AWS::Events::Rule',
  Properties: { Name: name, ScheduleExpression: expression, Targets: [{ Id: 'ticks', Arn: arnOf('Ticks') }] },
});

/** What local IAM needs, as AWS does: a queue policy letting a service send to the queue, a topic policy letting it publish. */
const queuePolicy = (queueId: string, service: string): CfnResource => ({
  Type: 'AWS::SQS::QueuePolicy',
  Properties: {
    Queues: [{ Ref: queueId }],
    PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sqs:SendMessage', Resource: arnOf(queueId) }] },
  },
});
const topicPolicy = (topicId: string, service: string): CfnResource => ({
  Type: 'AWS::SNS::TopicPolicy',
  Properties: {
    Topics: [{ Ref: topicId }],
    PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sns:Publish', Resource: { Ref: topicId } }] },
  },
});

/** Before: topic `alerts` and the schedule `every-five-minutes`. */
const BEFORE: Record<string, CfnResource> = {
  Ticks: queue('ticks'),
  AlertsQueue: queue('alerts-queue'),
  Alerts: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'alerts' } },
  AlertsToQueue: subscription('Alerts', 'AlertsQueue'),
  AlertsQueuePolicy: queuePolicy('AlertsQueue', 'sns.amazonaws.com'),
  TicksPolicy: queuePolicy('Ticks', 'events.amazonaws.com'),
  EveryFiveMinutes: scheduled('every-five-minutes', 'rate(5 minutes)'),
};

/** After: `alerts` and its schedule are gone; topic `orders`, published to by a rule, and `every-minute` are new. */
const AFTER: Record<string, CfnResource> = {
  Ticks: queue('ticks'),
  OrdersQueue: queue('orders-queue'),
  Orders: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'orders' } },
  OrdersToQueue: subscription('Orders', 'OrdersQueue'),
  OrdersQueuePolicy: queuePolicy('OrdersQueue', 'sns.amazonaws.com'),
  OrdersPolicy: topicPolicy('Orders', 'events.amazonaws.com'),
  TicksPolicy: queuePolicy('Ticks', 'events.amazonaws.com'),
  EveryMinute: scheduled('every-minute', 'rate(1 minute)'),
  OrdersRule: {
    Type: 'AWS::Events::Rule',
    Properties: { Name: 'orders-to-topic', EventPattern: { source: ['shop'] }, Targets: [{ Id: 'orders', Arn: { Ref: 'Orders' } }] },
  },
};

/**
 * A reload (watch mode's `apply`) replaces the template's topics, scheduled rules and rules' SNS targets with the
 * new template's, on the endpoint the clients already hold, and the new ones are traced like the rest.
 */
describe('a template reload replaces topics and scheduled rules', () => {
  let runtime: LocalRuntime;
  let sns: SNSClient;
  let sqs: SQSClient;
  const clock = new ManualClock(START);
  const cdkOutDir = writeInlineAssembly(BEFORE);

  beforeAll(async () => {
    runtime = await startLocalRuntime({ cdkOutDir, port: 0, region: LOCAL_REGION, clock, logSink: () => undefined });
    const config = { endpoint: runtime.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
    sns = new SNSClient(config);
    sqs = new SQSClient(config);
  });
  afterAll(async () => {
    sns?.destroy();
    sqs?.destroy();
    await runtime?.close();
  });

  it('serves the new topics and schedules after apply, and no longer the removed ones', async () => {
    const topicArn = (name: string) => `arn:aws:sns:${LOCAL_REGION}:000000000000:${name}`;
    await sns.send(new PublishCommand({ TopicArn: topicArn('alerts'), Message: 'before the reload' }));
    expect((await receiveAtLeast(sqs, 'alerts-queue', 1)).map((message) => message.Body)).toEqual(['before the reload']);

    fs.writeFileSync(path.join(cdkOutDir, 'Inline.template.json'), JSON.stringify({ Resources: AFTER }));
    const changes = await runtime.apply(runtime.loadModel());
    expect(changes).toEqual({
      added: ['every-minute', 'orders', 'orders-queue', 'orders-to-topic'],
      removed: ['alerts', 'alerts-queue', 'every-five-minutes'],
    });

    await expect(sns.send(new PublishCommand({ TopicArn: topicArn('alerts'), Message: 'after' }))).rejects.toMatchObject({ name: 'NotFoundException' });
    await sns.send(new PublishCommand({ TopicArn: topicArn('orders'), Message: 'after the reload' }));
    const [order] = await receiveAtLeast(sqs, 'orders-queue', 1);
    expect(order.Body).toBe('after the reload');
    await sqs.send(new DeleteMessageCommand({ QueueUrl: `${runtime.endpoint}/000000000000/orders-queue`, ReceiptHandle: order.ReceiptHandle }));

    const listed = (await (await fetch(`${runtime.endpoint}/_local/eventbridge/schedules`)).json()) as { schedules: Array<{ rule: string }> };
    expect(listed.schedules.map((schedule) => schedule.rule)).toEqual(['every-minute']);
    // Five minutes: five runs of the new rule; the removed five-minute rule would have added a sixth.
    clock.advance(5 * MINUTE);
    const ticks = await receiveAtLeast(sqs, 'ticks', 5);
    expect(ticks.map((tick) => JSON.parse(tick.Body as string).resources)).toEqual(Array(5).fill([`arn:aws:events:${LOCAL_REGION}:000000000000:rule/every-minute`]));
  });

  it("traces an event from the bus through the new rule's SNS target to the topic's queue", async () => {
    const events = new EventBridgeClient({ endpoint: runtime.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const { Entries = [] } = await events.send(new PutEventsCommand({ Entries: [{ Source: 'shop', DetailType: 'OrderPlaced', Detail: '{"order":"o-1"}' }] }));
    events.destroy();
    const [delivered] = await receiveAtLeast(sqs, 'orders-queue', 1);
    expect(JSON.parse(delivered.Body as string)).toMatchObject({ id: Entries[0].EventId, source: 'shop' });

    const [match] = findTraces(runtime.tracer, Entries[0].EventId).matches;
    const trace = traceAround(runtime.tracer, match);
    expect(trace?.spans.map((span) => span.kind)).toEqual(['events.put', 'events.match', 'events.delivery', 'sns.publish', 'sqs.message']);
  });
});

const role = (queueIds: string[]): CfnResource => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    RoleName: 'worker',
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    Policies: [{ PolicyName: 'send', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: queueIds.map(arnOf) }] } }],
  },
});

/** Local IAM is read from the template, so a reload that edits a role's policy applies the edited grant. */
describe('a template reload applies edited grants', () => {
  it("refuses a role's send before its policy names the queue, and allows it after the reload", async () => {
    const resources = { Inbox: queue('inbox'), Outbox: queue('outbox') };
    const cdkOutDir = writeInlineAssembly({ ...resources, Worker: role(['Inbox']) });
    const runtime = await startLocalRuntime({ cdkOutDir, port: 0, region: LOCAL_REGION, logSink: () => undefined });
    const roleArn = 'arn:aws:iam::000000000000:role/worker';
    const sqs = new SQSClient({ endpoint: runtime.endpoint, region: LOCAL_REGION, credentials: runtime.iam.callers.credentialsFor(roleArn, 'reload-test'), maxAttempts: 1 });
    const send = () => sqs.send(new SendMessageCommand({ QueueUrl: `${runtime.endpoint}/000000000000/outbox`, MessageBody: 'hello' }));
    try {
      await expect(send()).rejects.toMatchObject({ name: 'AccessDenied', message: expect.stringContaining('sqs:sendmessage on resource: arn:aws:sqs:us-east-1:000000000000:outbox') });

      fs.writeFileSync(path.join(cdkOutDir, 'Inline.template.json'), JSON.stringify({ Resources: { ...resources, Worker: role(['Inbox', 'Outbox']) } }));
      await runtime.apply(runtime.loadModel());
      await expect(send()).resolves.toMatchObject({ MessageId: expect.any(String) });
    } finally {
      sqs.destroy();
      await runtime.close();
    }
  });
});
