import type { PipeTargetModel } from '../model/types';

/** The ARN of whatever a pipe sends to: its bus, queue or function. */
export function pipeTargetArn(target: PipeTargetModel): string {
  if (target.kind === 'eventbridge') return target.busArn;
  return target.kind === 'sqs' ? target.queueArn : target.functionArn;
}
