import { MAX_WAIT_TIME_SECONDS } from '../limits';
import { optionalInteger, optionalStringList, optionalVisibilityTimeout, requiredString } from './fields';

export interface ReceiveMessageInput {
  QueueUrl: string;
  MaxNumberOfMessages: number;
  VisibilityTimeout?: number;
  /** Absent: the queue's ReceiveMessageWaitTimeSeconds. */
  WaitTimeSeconds?: number;
  /** The system attributes asked for, by the older `AttributeNames` and the newer `MessageSystemAttributeNames`. */
  MessageSystemAttributeNames: string[];
  MessageAttributeNames: string[];
}

export function validateReceiveMessage(input: Record<string, unknown>): ReceiveMessageInput {
  return {
    QueueUrl: requiredString(input, 'QueueUrl'),
    MaxNumberOfMessages: optionalInteger(input, 'MaxNumberOfMessages', 1, 10, 'Must be between 1 and 10, if provided.') ?? 1,
    VisibilityTimeout: optionalVisibilityTimeout(input),
    WaitTimeSeconds: optionalInteger(input, 'WaitTimeSeconds', 0, MAX_WAIT_TIME_SECONDS, `Must be >= 0 and <= ${MAX_WAIT_TIME_SECONDS}, if provided.`),
    MessageSystemAttributeNames: [...(optionalStringList(input, 'AttributeNames') ?? []), ...(optionalStringList(input, 'MessageSystemAttributeNames') ?? [])],
    MessageAttributeNames: optionalStringList(input, 'MessageAttributeNames') ?? [],
  };
}
