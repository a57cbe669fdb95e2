import { AwsError } from '../../protocol/aws-error';
import type { RequestContext } from '../../protocol/service';
import { topicNotFound } from '../errors';
import type { SnsState } from '../state';
import type { PublishBatchInput } from '../validations/publish-batch';

interface BatchFailure {
  Id: string;
  Code: string;
  Message: string;
  SenderFault: boolean;
}

/** Each entry as Publish would answer it; an entry that fails is listed in Failed and the others still go out. */
export async function publishBatch(state: SnsState, input: PublishBatchInput, context: RequestContext): Promise<{ Successful: Array<{ Id: string; MessageId: string }>; Failed: BatchFailure[] }> {
  if (!state.topics.has(input.topicArn)) throw topicNotFound();
  const result = { Successful: [] as Array<{ Id: string; MessageId: string }>, Failed: [] as BatchFailure[] };
  for (const entry of input.entries) {
    if ('invalid' in entry) {
      result.Failed.push({ Id: entry.Id, Code: entry.invalid.code, Message: entry.invalid.message, SenderFault: entry.invalid.statusCode < 500 });
      continue;
    }
    try {
      const { messageId } = await state.publisher.publish({ topicArn: input.topicArn, ...entry.message }, context.traceParent);
      result.Successful.push({ Id: entry.Id, MessageId: messageId });
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      result.Failed.push({ Id: entry.Id, Code: error.code, Message: error.message, SenderFault: error.statusCode < 500 });
    }
  }
  return result;
}
