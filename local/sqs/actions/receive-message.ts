import { receivedMessageView } from '../message-view';
import type { SqsState } from '../state';
import type { ReceiveMessageInput } from '../validations/receive-message';

export async function receiveMessage(state: SqsState, input: ReceiveMessageInput): Promise<Record<string, unknown>> {
  const { engine } = state;
  const queue = engine.queue(input.QueueUrl);
  const max = input.MaxNumberOfMessages;
  const timeout = input.VisibilityTimeout;
  const waitSeconds = input.WaitTimeSeconds ?? queue.model.receiveMessageWaitTimeSeconds;

  const deadline = engine.now() + waitSeconds * 1000;
  let received = engine.receive(queue, max, timeout);
  // Long polling: wait for a send or an expiring visibility timeout, and try again until the wait time is over.
  while (received.length === 0 && engine.now() < deadline && !engine.closed) {
    await engine.waitForAvailable(queue, deadline - engine.now());
    received = engine.receive(queue, max, timeout);
  }
  if (received.length === 0) return {};
  return { Messages: received.map((message) => receivedMessageView(message, input.MessageSystemAttributeNames, input.MessageAttributeNames)) };
}
