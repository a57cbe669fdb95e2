import type { SqsPort } from '../model/ports';
import type { PipeModel } from '../model/types';
import type { AuthorizationCheck, CallerFactory, RequestCaller } from '../protocol/authorization';

/** Where a pipe stands, as DescribePipe reports it. */
export type PipeStatus = { state: 'RUNNING' | 'STOPPED' } | { state: 'CREATE_FAILED'; reason: string };

/** AWS's prefix of a pipe's failure reasons. */
const INVALID_INPUT = 'Input parameter is invalid from the request due to : ';

/**
 * What EventBridge Pipes checks when it creates a pipe: that it may assume the pipe's role (the role's trust
 * policy, with the pipe as `aws:SourceArn`), that the role can read the source (the four actions Lambda and Pipes
 * name for a DynamoDB stream, the three for an SQS queue) and that it can send to a stream's dead-letter queue. A
 * pipe that fails one is CREATE_FAILED with AWS's reason, and never reads its source: records wait there. The target and the enrichment
 * are not checked up front; calling them fails each batch instead, as in AWS.
 */
export function checkPipeAccess(pipe: PipeModel, callers: CallerFactory, caller: RequestCaller, sqs: SqsPort): PipeStatus {
  if (pipe.desiredState === 'STOPPED') return { state: 'STOPPED' };
  if (pipe.roleArn !== undefined) {
    const account = pipe.arn.split(':')[4];
    const pipes = callers.forService('pipes.amazonaws.com', { sourceArn: pipe.arn, sourceAccount: account });
    if (pipes.authorize([{ action: 'sts:AssumeRole', resource: pipe.roleArn }])) {
      return failed(`Pipes cannot assume the customer role ${pipe.roleArn}. Please ensure its trust policy allows pipes.amazonaws.com for this pipe`);
    }
  }
  if (pipe.source.kind === 'sqs') {
    const queue = pipe.source.queueArn;
    const queueChecks: AuthorizationCheck[] = [
      { action: 'sqs:ReceiveMessage', resource: queue },
      { action: 'sqs:DeleteMessage', resource: queue },
      { action: 'sqs:GetQueueAttributes', resource: queue },
    ];
    if (caller.authorize(queueChecks)) return failed(`Cannot access queue ${queue}. Please ensure the customer role can perform actions on source queue`);
    return { state: 'RUNNING' };
  }
  const stream = pipe.source.streamArn;
  const sourceChecks: AuthorizationCheck[] = [
    { action: 'dynamodb:DescribeStream', resource: stream },
    { action: 'dynamodb:GetShardIterator', resource: stream },
    { action: 'dynamodb:GetRecords', resource: stream },
    { action: 'dynamodb:ListStreams', resource: '*' },
  ];
  if (caller.authorize(sourceChecks)) return failed(`Cannot access stream ${stream}. Please ensure the customer role can perform actions on source stream`);
  const deadLetterArn = pipe.source.deadLetterArn;
  if (deadLetterArn !== undefined && caller.authorize(sqs.sendPermissions(deadLetterArn))) {
    return failed(`Error occurred while sending message to SQS queue: ${deadLetterArn}`);
  }
  return { state: 'RUNNING' };
}

function failed(reason: string): PipeStatus {
  return { state: 'CREATE_FAILED', reason: `${INVALID_INPUT}${reason}` };
}
