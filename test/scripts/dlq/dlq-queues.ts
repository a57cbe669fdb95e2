import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { serviceCredentials } from '../../../local/iam/credentials';
import { LOCAL_REGION } from '../../../support/local-defaults';
import { queueUrl } from '../../../support/observers/queues';
import { stackNames } from '../../../support/stack-names';
import { waitFor } from '../../../support/waiting';

const names = stackNames();

/** Every queue `npm run dlq` lists, as the synthesized stack names them. */
export const DLQ = {
  userCreated: names.deadLetterQueues.userCreatedPipe,
  rejectedUsers: names.deadLetterQueues.rejectedUsers,
  welcomeEmail: names.deadLetterQueues.welcomeEmail,
  auditLog: names.deadLetterQueues.auditLog,
};

/** The functions' explicit physical names, the same in AWS and in the local runtime. */
export const FUNCTION = names.functions;

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

export function waitForMessages(sqs: SQSClient, name: string, matching: (body: string) => boolean): Promise<string[]> {
  return waitFor(`a message in ${name}`, async () => {
    const found = (await bodiesIn(sqs, name)).filter(matching);
    return found.length > 0 ? found : undefined;
  });
}

const WELCOME_EMAIL_RULE = 'arn:aws:events:us-east-1:000000000000:rule/users-fanout-dev/users-fanout-dev-welcome-email';

/**
 * What EventBridge writes to a rule target's DLQ: the event as body, the failure as message attributes. Written as
 * EventBridge writes it, as the service for the rule, which alone the queue's and its key's policies let send there.
 */
export async function seedRuleDeliveryFailure(endpoint: string, dlqName: string, event: object, targetArn: string): Promise<void> {
  const text = (value: string) => ({ DataType: 'String', StringValue: value });
  const credentials = serviceCredentials({ service: 'events.amazonaws.com', sourceArn: WELCOME_EMAIL_RULE, sourceAccount: '000000000000' });
  const sqs = new SQSClient({ endpoint, region: LOCAL_REGION, credentials });
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
