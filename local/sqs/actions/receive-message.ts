import type { SqsEngine } from '../engine';
import { receivedMessageView } from '../message-view';
import { MAX_WAIT_TIME_SECONDS, optionalInteger, optionalStringList, requiredString, visibilityTimeout, type Input } from '../validation';

export async function receiveMessage(engine: SqsEngine, input: Input): Promise<Record<string, unknown>> {
  const queue = engine.queue(requiredString(input, 'QueueUrl'));
  const max = optionalInteger(input, 'MaxNumberOfMessages', 1, 10, 'Must be between 1 and 10, if provided.') ?? 1;
  const timeout = visibilityTimeout(input);
  const waitSeconds =
    optionalInteger(input, 'WaitTimeSeconds', 0, MAX_WAIT_TIME_SECONDS, `Must be >= 0 and <= ${MAX_WAIT_TIME_SECONDS}, if provided.`) ??
    queue.model.receiveMessageWaitTimeSeconds;
  const systemAttributeNames = [...(optionalStringList(input, 'AttributeNames') ?? []), ...(optionalStringList(input, 'MessageSystemAttributeNames') ?? [])];
  const messageAttributeNames = optionalStringList(input, 'MessageAttributeNames') ?? [];

  const deadline = engine.now() + waitSeconds * 1000;
  let received = engine.receive(queue, max, timeout);
  // Long polling: wait for a send or an expiring visibility timeout, and try again until the wait time is over.
  while (received.length === 0 && engine.now() < deadline && !engine.closed) {
    await engine.waitForAvailable(queue, deadline - engine.now());
    received = engine.receive(queue, max, timeout);
  }
  if (received.length === 0) return {};
  return { Messages: received.map((message) => receivedMessageView(message, systemAttributeNames, messageAttributeNames)) };
}
