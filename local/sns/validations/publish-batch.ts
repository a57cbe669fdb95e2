import { AwsError } from '../../protocol/aws-error';
import { SnsError, batchEntryIdsNotDistinct, emptyBatchRequest, tooManyEntriesInBatchRequest } from '../errors';
import { checkedMessage, listMember, MAX_MESSAGE_BYTES, messageSize, requiredString, type CheckedMessage, type Input } from './fields';

const MAX_ENTRIES = 10;
const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** One entry after its own checks: a bad entry fails alone, listed among the batch's failures. */
export type CheckedBatchEntry = { Id: string; message: CheckedMessage } | { Id: string; invalid: AwsError };

export interface PublishBatchInput {
  topicArn: string;
  entries: CheckedBatchEntry[];
}

export function validatePublishBatch(input: Input): PublishBatchInput {
  const topicArn = requiredString(input, 'TopicArn');
  const entries = (listMember(input, 'PublishBatchRequestEntries') ?? []) as Input[];
  if (entries.length === 0) throw emptyBatchRequest();
  if (entries.length > MAX_ENTRIES) throw tooManyEntriesInBatchRequest();
  const ids = entries.map((entry) => entry?.Id);
  if (ids.some((id) => typeof id !== 'string' || !ENTRY_ID.test(id))) {
    throw new SnsError('InvalidBatchEntryId', 'The Id of a batch entry in a batch request doesn\'t abide by the specification.');
  }
  if (new Set(ids).size !== ids.length) throw batchEntryIdsNotDistinct();
  const total = entries.reduce((sum, entry) => sum + messageSize(typeof entry.Message === 'string' ? entry.Message : '', undefined), 0);
  if (total > MAX_MESSAGE_BYTES) throw new SnsError('BatchRequestTooLong', 'The length of all the messages put together is more than the limit.');
  return {
    topicArn,
    entries: entries.map((entry) => {
      const Id = entry.Id as string;
      try {
        return { Id, message: checkedMessage(entry) };
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        return { Id, invalid: error };
      }
    }),
  };
}
