import { InvokeCommand } from '@aws-sdk/client-lambda';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { DeadLetterContent } from './decode';
import { replayThroughPipe } from './pipe-replay';
import type { StackAccess } from './stack-access';
import { readStreamBatch, type WireStreamRecord } from './stream-batch';
import { withCurrentImage } from './user-item';
import type { DeadLetterPath } from './topology';

/** `sent`: the message went back through its path and may be deleted; `kept`: it cannot go anywhere yet. */
export type ResendOutcome = { kind: 'sent'; detail: string } | { kind: 'kept'; reason: string };

/** Sends one dead-lettered message back through the path its queue belongs to. Throws, with the reason, when that fails. */
export async function resend(access: StackAccess, path: DeadLetterPath, content: DeadLetterContent): Promise<ResendOutcome> {
  const { clients } = access;
  if (path.kind === 'subscriber-queue' && hasEvent(content)) {
    const queueUrl = await access.queueUrls.of(path.queueName);
    await clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: content.eventJson }));
    return { kind: 'sent', detail: `event sent back to queue ${path.queueName}` };
  }
  if (path.kind === 'subscriber-function' && hasEvent(content)) {
    const { functionName } = path;
    const output = await clients.lambda.send(
      new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: Buffer.from(content.eventJson) }),
    );
    if (output.StatusCode !== 202) throw new Error(`Lambda answered ${output.StatusCode} to the asynchronous invocation of ${functionName}`);
    return { kind: 'sent', detail: `event handed to function ${functionName} (asynchronous invocation)` };
  }
  if (path.kind === 'subscriber-webhook') {
    return {
      kind: 'kept',
      reason:
        `no AWS call sends one event to API destination ${path.destinationName}; once the endpoint works, replay the archived ` +
        `events of that time to rule ${path.ruleName} alone (aws events start-replay ... --destination Arn=<bus ARN>,FilterArns=<rule ARN>)`,
    };
  }
  if (path.kind === 'pipe' && content.kind === 'stream-batch') {
    const records = await readStreamBatch(clients.streams, content.batch);
    const { sent } = await replayThroughPipe(access, path.pipe, records);
    return { kind: 'sent', detail: `${records.length} records read back from the stream, ${sent} sent on by pipe ${path.pipe.pipeName}'s path` };
  }
  if (path.kind === 'rejected-users' && content.kind === 'rejected-user') {
    const record = await withCurrentImage(clients.dynamodb, path.usersTableName, content.record as WireStreamRecord);
    if (record === undefined) return { kind: 'kept', reason: `the item is no longer in ${path.usersTableName} (${content.reason})` };
    const { passed, sent } = await replayThroughPipe(access, path.replayThrough, [record]);
    if (sent > 0) return { kind: 'sent', detail: `record published through pipe ${path.replayThrough.pipeName}'s path` };
    // The enrichment rejected it again and parked a fresh copy with its reason: this one may go.
    if (passed > 0) return { kind: 'sent', detail: `still not a valid event; pipe ${path.replayThrough.pipeName}'s enrichment parked it again` };
    return { kind: 'kept', reason: `the pipe's filters drop the item as the table holds it now (${content.reason})` };
  }
  throw new Error(`a ${content.kind} message cannot be redriven through the ${path.kind} path${content.kind === 'unreadable' ? `: ${content.problem}` : ''}`);
}

function hasEvent(content: DeadLetterContent): content is Extract<DeadLetterContent, { eventJson: string }> {
  return 'eventJson' in content;
}
