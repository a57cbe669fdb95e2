import { GetQueueUrlCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { serviceCredentials } from '../../local/iam/credentials';
import { waitFor } from '../e2e/local-stack';

export const DLQ = {
  userCreated: 'users-fanout-dev-user-created-dlq',
  rejectedUsersPipe: 'users-fanout-dev-rejected-users-dlq',
  rejectedUsers: 'users-fanout-dev-rejected-users',
  welcomeEmail: 'users-fanout-dev-welcome-email-dlq',
  auditLog: 'users-fanout-dev-audit-log-dlq',
} as const;

/** The functions' explicit physical names, the same in AWS and in the local runtime. */
export const FUNCTION = {
  userCreatedEnrichment: 'users-fanout-dev-user-created-enrichment',
  rejectedUsersEnrichment: 'users-fanout-dev-rejected-users-enrichment',
  auditLog: 'users-fanout-dev-audit-log',
} as const;

export async function queueUrl(sqs: SQSClient, name: string): Promise<string> {
  return (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl as string;
}

/** Bodies of every message in the queue, peeked with a zero visibility timeout so nothing is hidden or consumed. */
export async function bodiesIn(sqs: SQSClient, name: string): Promise<string[]> {
  const url = await queueUrl(sqs, name);
  const bodies = new Map<string, string>();
  for (let round = 0; round < 5; round++) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
    for (const message of Messages) bodies.set(message.MessageId as string, message.Body as string);
  }
  return [...bodies.values()];
}

export function waitForMessages(sqs: SQSClient, name: string, matching: (body: string) => boolean, timeoutMs = 30_000): Promise<string[]> {
  return waitFor(
    `a message in ${name}`,
    async () => {
      const found = (await bodiesIn(sqs, name)).filter(matching);
      return found.length > 0 ? found : undefined;
    },
    timeoutMs,
  );
}

const WELCOME_EMAIL_RULE = 'arn:aws:events:us-east-1:000000000000:rule/users-fanout-dev/users-fanout-dev-welcome-email';

/**
 * What EventBridge writes to a rule target's DLQ: the event as body, the failure as message attributes. Written as
 * EventBridge writes it, as the service for the rule, which alone the queue's and its key's policies let send there.
 */
export async function seedRuleDeliveryFailure(endpoint: string, dlqName: string, event: Record<string, unknown>, targetArn: string): Promise<void> {
  const text = (value: string) => ({ DataType: 'String', StringValue: value });
  const credentials = serviceCredentials({ service: 'events.amazonaws.com', sourceArn: WELCOME_EMAIL_RULE, sourceAccount: '000000000000' });
  const sqs = new SQSClient({ endpoint, region: 'us-east-1', credentials });
  try {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: `${endpoint}/000000000000/${dlqName}`,
        MessageBody: JSON.stringify(event),
        MessageAttributes: {
          RULE_ARN: text(WELCOME_EMAIL_RULE),
        TARGET_ARN: text(targetArn),
          ERROR_CODE: text('SDK_CLIENT_ERROR'),
          ERROR_MESSAGE: text('Queue is unavailable for dlq-test@example.com'),
          EXHAUSTED_RETRY_CONDITION: text('MaximumRetryAttemptsExhausted'),
          RETRY_ATTEMPTS: text('10'),
        },
      }),
    );
  } finally {
    sqs.destroy();
  }
}
