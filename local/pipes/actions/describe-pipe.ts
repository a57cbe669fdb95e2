import { pipeNotFound } from '../errors';
import { pipeSummary } from '../pipe-view';
import type { PipesState } from '../state';
import type { DescribePipeInput } from '../validations/describe-pipe';

export function describePipe(state: PipesState, input: DescribePipeInput): Record<string, unknown> {
  const pipe = state.pipes.find((candidate) => candidate.name === input.Name);
  if (!pipe) throw pipeNotFound(input.Name);
  return {
    ...pipeSummary(state, pipe),
    ...(pipe.roleArn ? { RoleArn: pipe.roleArn } : {}),
    Tags: {},
  };
}
