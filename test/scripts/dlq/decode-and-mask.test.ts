import type { Message } from '@aws-sdk/client-sqs';
import { parseDlqArguments } from '../../../scripts/dlq/args';
import { decodeMessage, type DeadLetterMessage } from '../../../scripts/dlq/decode';
import { maskPersonalData } from '../../../scripts/dlq/personal-data';
import { renderListing } from '../../../scripts/dlq/render';
import type { DeadLetterPath } from '../../../scripts/dlq/topology';
import { freshUserCreatedEvent } from '../../../support/lambda-events';

const queuedPath: DeadLetterPath = { kind: 'subscriber-queue', subscriber: 'welcome-email', queueName: 'users-fanout-dev-welcome-email', maxReceiveCount: 5 };

describe('decoding a dead-lettered message', () => {
  test("an event moved by the subscriber queue's redrive policy: its source queue and the receive limit as attempts", () => {
    const event = freshUserCreatedEvent('u-1', 'u-1@example.com');
    const message: Message = {
      MessageId: 'm-1',
      ReceiptHandle: 'r-1',
      Body: JSON.stringify(event),
      Attributes: { SentTimestamp: '1764316800000', ApproximateReceiveCount: '6', DeadLetterQueueSourceArn: 'arn:aws:sqs:us-east-1:1:users-fanout-dev-welcome-email' },
    };

    expect(decodeMessage(message, queuedPath)).toEqual({
      messageId: 'm-1',
      sentAt: '2025-11-28T08:00:00.000Z',
      content: { kind: 'queue-redrive', eventJson: JSON.stringify(event), sourceQueueArn: 'arn:aws:sqs:us-east-1:1:users-fanout-dev-welcome-email', attempts: 5 },
    });
  });

  test('a body no producer of the path writes is unreadable, with the reason', () => {
    expect(decodeMessage({ MessageId: 'm', Body: 'plain text' }, queuedPath).content).toEqual({ kind: 'unreadable', body: 'plain text', problem: 'the body is not JSON' });
    expect(decodeMessage({ MessageId: 'm', Body: '{"hello":1}' }, queuedPath).content).toMatchObject({ kind: 'unreadable', problem: 'not a shape the subscriber-queue path writes' });
  });
});

describe('the time list shows for a message', () => {
  const sentAt = '2025-11-28T08:00:00.000Z';
  const listed = (message: DeadLetterMessage, path: DeadLetterPath) =>
    renderListing(
      { queue: { queueName: 'q', shortName: 'q', ownerNames: [], path }, depth: { visible: 1, inFlight: 0 }, messages: [message], streamRecords: new Map(), userItems: new Map() },
      { showPersonalData: false },
    )[2];

  test("is the first send for an event SQS moved by its redrive policy: SQS keeps the original send time", () => {
    const event = JSON.stringify(freshUserCreatedEvent('u-1', 'u-1@example.com'));

    expect(listed({ messageId: 'm-1', sentAt, content: { kind: 'queue-redrive', eventJson: event, attempts: 5 } }, queuedPath)).toBe(
      `  1) message m-1, first sent to queue users-fanout-dev-welcome-email ${sentAt} (SQS keeps that time when it moves a message to the DLQ)`,
    );
  });

  test('is when it was dead-lettered for what EventBridge, Lambda and Pipes send on giving up, and when it was rejected for a rejected user', () => {
    const ruleDelivery = { kind: 'rule-delivery', eventJson: '{}', ruleArn: 'r', targetArn: 't', error: 'e' } as const;
    const rejectedUser = { kind: 'rejected-user', reason: 'data.email: Invalid email address', record: {} } as const;
    const rejectedPath: DeadLetterPath = { kind: 'rejected-users', replayThrough: { pipeName: 'p', filters: [], target: { kind: 'sqs', queueName: 'q' } }, usersTableName: 'users' };

    expect(listed({ messageId: 'm-2', sentAt, content: ruleDelivery }, queuedPath)).toBe(`  1) message m-2, dead-lettered ${sentAt}`);
    expect(listed({ messageId: 'm-3', sentAt, content: rejectedUser }, rejectedPath)).toBe(`  1) message m-3, rejected ${sentAt}`);
  });
});

describe('masking personal data for the terminal', () => {
  test('addresses keep only their domain, other values of email fields only their length, the rest is untouched', () => {
    expect(
      maskPersonalData({
        data: { userId: 'u-1', email: 'ada@example.com' },
        NewImage: { email: { S: 'not-an-email' }, givenName: { S: 'Ada' } },
        note: 'sent to bob@example.org twice',
      }),
    ).toEqual({
      data: { userId: 'u-1', email: '***@example.com' },
      NewImage: { email: { S: '<hidden, 12 characters>' }, givenName: { S: 'Ada' } },
      note: 'sent to ***@example.org twice',
    });
  });
});

describe('dlq arguments', () => {
  test('flags and environment: the endpoint from AWS_ENDPOINT_URL unless --endpoint-url, AWS when neither', () => {
    expect(parseDlqArguments(['redrive', 'welcome-email', '--stage', 'prod', '--region', 'eu-west-1'], {})).toEqual({
      command: { kind: 'redrive', name: 'welcome-email' },
      stage: 'prod',
      region: 'eu-west-1',
      endpoint: undefined,
      local: false,
      max: 20,
      showPersonalData: false,
    });
    expect(parseDlqArguments(['list'], { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' }).endpoint).toBe('http://127.0.0.1:4566');
    expect(parseDlqArguments(['list', '--endpoint-url', 'http://127.0.0.1:1'], { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' }).endpoint).toBe('http://127.0.0.1:1');
  });

  test('--local is the local runtime on PORT, as npm start in the same shell serves it, and 4566 without PORT', () => {
    expect(parseDlqArguments(['list', '--local'], {})).toMatchObject({ endpoint: 'http://127.0.0.1:4566', local: true });
    expect(parseDlqArguments(['--local', 'list'], { PORT: '4601', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' })).toMatchObject({ endpoint: 'http://127.0.0.1:4601', local: true });
  });

  test('bad usage names the problem', () => {
    expect(() => parseDlqArguments(['list', '--local', '--endpoint-url', 'http://127.0.0.1:4566'], {})).toThrow('--local and --endpoint-url both name the endpoint: give one');
    expect(() => parseDlqArguments(['list', '--local'], { PORT: '70000' })).toThrow(`PORT must be the local runtime's port, from 1 to 65535, got "70000"`);
    expect(() => parseDlqArguments(['redrive'], {})).toThrow('redrive needs exactly one queue, subscriber or pipe name');
    expect(() => parseDlqArguments(['list', '--max', '0'], {})).toThrow('--max must be a whole number of at least 1, got "0"');
    expect(() => parseDlqArguments(['list', '--force'], {})).toThrow('unknown option "--force"');
    expect(() => parseDlqArguments(['purge'], {})).toThrow('Unknown command "purge"');
  });
});
