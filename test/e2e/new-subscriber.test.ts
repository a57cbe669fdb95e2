import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { GetQueueUrlCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import * as path from 'node:path';
import { synthesize } from '../../local/cli/synth';
import { copyProject, type ProjectCopy } from '../../support/project-copy';
import { unusedSubscriberNames } from '../../support/unused-subscriber-names';
import { type InProcessRuntime, startInProcessRuntime } from '../../support/in-process-runtime';
import { stackNames } from '../../support/stack-names';
import { userItem } from '../../support/users';
import { waitFor } from '../../support/waiting';

const names = stackNames();

interface DeliveredEvent {
  source: string;
  'detail-type': string;
  detail: { metadata: { eventId: string }; data: { userId: string } };
}

/**
 * A subscriber added with `npm run new-subscriber`, in a temporary copy of the project, receives events in the
 * local runtime with no further edits: a queue-only one gets them in its queue, a queued one runs its function.
 * The names are free in this checkout, whatever subscribers it already has (see unused-names.ts).
 */
const [QUEUE_ONLY, QUEUED] = unusedSubscriberNames('partner-feed', 'crm-sync');

describe('a new subscriber in the local runtime', () => {
  let copy: ProjectCopy;
  let stack: InProcessRuntime;

  beforeAll(async () => {
    copy = copyProject();
    for (const args of [[QUEUE_ONLY, '--delivery', 'queue-only'], [QUEUED]]) {
      const result = await copy.run('tsx', ['scripts/new-subscriber/cli.ts', ...args]);
      if (result.code !== 0) throw new Error(`new-subscriber ${args.join(' ')} failed: ${result.stderr}`);
    }
    const cdkOutDir = path.join(copy.dir, 'cdk.out');
    await synthesize({ projectDir: copy.dir, outDir: cdkOutDir });
    stack = await startInProcessRuntime({ cdkOutDir });
  });
  afterAll(async () => {
    await stack?.stop();
    copy?.remove();
  });

  async function queueOnlyEvent(matches: (event: DeliveredEvent) => boolean): Promise<DeliveredEvent> {
    const { QueueUrl } = await stack.clients.sqs.send(new GetQueueUrlCommand({ QueueName: `users-fanout-dev-${QUEUE_ONLY}` }));
    return waitFor(`the event in the ${QUEUE_ONLY} queue`, async () => {
      const received = await stack.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      return (received.Messages ?? []).map((message) => JSON.parse(message.Body as string) as DeliveredEvent).find(matches);
    });
  }

  test('the sample sent with PutEvents reaches the queue-only subscriber and the queued subscriber runs on it', async () => {
    const entries = JSON.parse(copy.read('events/samples/user-created.json')) as PutEventsRequestEntry[];
    const sampleDetail = JSON.parse(entries[0].Detail as string) as DeliveredEvent['detail'];

    const result = await stack.clients.eventBridge.send(new PutEventsCommand({ Entries: entries }));

    expect(result.FailedEntryCount).toBe(0);
    const delivered = await queueOnlyEvent((event) => event.detail.metadata.eventId === sampleDetail.metadata.eventId);
    expect(delivered).toMatchObject({ source: 'users-fanout.users', 'detail-type': 'UserCreated', detail: sampleDetail });
    // Its own function's line: a subscriber the checkout already has may handle the sample too.
    const handledBy = (line: string) =>
      line.startsWith(`[users-fanout-dev-${QUEUED}] `) && line.includes('UserCreated event handled') && line.includes(sampleDetail.metadata.eventId);
    await waitFor(`${QUEUED} to handle the sample`, async () => (stack.logs.some(handledBy) ? true : undefined));
  });

  test('a user written to the table reaches the new subscriber through the stream, the pipe and the bus', async () => {
    const item = userItem({ userId: 'e2e-new-subscriber', email: 'e2e-new-subscriber@example.com' });
    await stack.clients.dynamodb.send(new PutItemCommand({ TableName: names.usersTable, Item: item }));

    const delivered = await queueOnlyEvent((event) => event.detail.data.userId === 'e2e-new-subscriber');

    expect(delivered['detail-type']).toBe('UserCreated');
    expect(stack.logs.filter((line) => line.includes('e2e-new-subscriber@example.com'))).toEqual([]);
  });
});
