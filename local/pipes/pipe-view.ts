import type { PipeModel } from '../model/types';
import type { PipesState } from './state';

/** A target's ARN, whatever its kind. */
export function targetArn(pipe: PipeModel): string {
  const target = pipe.target;
  return target.kind === 'eventbridge' ? target.busArn : target.kind === 'sqs' ? target.queueArn : target.functionArn;
}

/** The members DescribePipe and ListPipes share: identity, states (and why, when it failed), source and target. */
export function pipeSummary(state: PipesState, pipe: PipeModel): Record<string, unknown> {
  const status = state.status(pipe.name) ?? { state: pipe.desiredState };
  return {
    Name: pipe.name,
    Arn: pipe.arn,
    DesiredState: pipe.desiredState,
    CurrentState: status.state,
    ...(status.state === 'CREATE_FAILED' ? { StateReason: status.reason } : {}),
    CreationTime: state.createdAt,
    LastModifiedTime: state.createdAt,
    Source: sourceArn(pipe),
    ...(pipe.enrichment ? { Enrichment: pipe.enrichment.functionArn } : {}),
    Target: targetArn(pipe),
  };
}

/** The ARN a pipe reads: its stream, or its queue. */
export function sourceArn(pipe: PipeModel): string {
  return pipe.source.kind === 'sqs' ? pipe.source.queueArn : pipe.source.streamArn;
}
