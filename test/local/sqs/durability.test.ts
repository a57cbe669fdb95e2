import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { createSqs } from '../../../local/sqs';
import { openStateStore } from '../../../local/storage/state-store';
import { ManualClock } from '../../../support/manual-clock';
import { ACCOUNT, REGION, queueModel, temporaryDirectory } from '../../../support/local-fixtures';
import { CALLER_WITHOUT_IAM } from '../../../local/protocol/authorization';

describe('SQS durability', () => {
  it('keeps queued and in-flight messages and their receive counts across a SIGKILL', async () => {
    const stateDirectory = temporaryDirectory('sqs-durability-');
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures', 'work-then-sigkill.ts'), stateDirectory], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.signal).toBe('SIGKILL');
    const { inFlight } = JSON.parse(child.stdout.trim()) as { inFlight: string[] };
    expect(inFlight).toHaveLength(6);

    const queue = queueModel('durable', { visibilityTimeoutSeconds: 600 });
    const store = openStateStore(stateDirectory);
    const sqs = createSqs({ queues: [queue], store, endpoint: '', region: REGION, account: ACCOUNT });
    const visible = sqs.port.receive(queue.arn, 10, CALLER_WITHOUT_IAM);
    const visibleAgain = sqs.port.receive(queue.arn, 10, CALLER_WITHOUT_IAM);
    // 20 sent, 4 deleted, 6 still invisible after the restart: 10 remain to receive, none of them in flight before.
    expect(visible.length + visibleAgain.length).toBe(10);
    expect([...visible, ...visibleAgain].every((message) => !inFlight.includes(message.messageId))).toBe(true);
    expect([...visible, ...visibleAgain].every((message) => message.attributes.ApproximateReceiveCount === '1')).toBe(true);

    // The in-flight ones come back with their receive count once their visibility ends.
    for (const message of [...visible, ...visibleAgain]) sqs.port.changeVisibility(queue.arn, message.receiptHandle, 600, CALLER_WITHOUT_IAM);
    await sqs.close();
    store.close();

    const later = openStateStore(stateDirectory);
    const clock = new ManualClock(Date.now() + 601_000);
    const restarted = createSqs({ queues: [queue], store: later, endpoint: '', region: REGION, account: ACCOUNT, clock });
    const redelivered = restarted.port.receive(queue.arn, 10, CALLER_WITHOUT_IAM);
    const ids = redelivered.map((message) => message.messageId);
    expect(ids).toEqual(expect.arrayContaining(inFlight));
    const counts = new Map(redelivered.map((message) => [message.messageId, message.attributes.ApproximateReceiveCount]));
    expect(inFlight.map((id) => counts.get(id))).toEqual(inFlight.map(() => '2'));
    await restarted.close();
    later.close();
  });
});
