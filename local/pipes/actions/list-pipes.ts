import { pipeSummary, sourceArn, targetArn } from '../pipe-view';
import type { PipesState } from '../state';
import type { ListPipesInput } from '../validations/list-pipes';

/** The pipes that match every filter given, a page at a time in the template's order. */
export function listPipes(state: PipesState, input: ListPipesInput): Record<string, unknown> {
  const matching = state.pipes.filter((pipe) => {
    const current = state.status(pipe.name)?.state ?? pipe.desiredState;
    return (
      (input.NamePrefix === undefined || pipe.name.startsWith(input.NamePrefix)) &&
      (input.SourcePrefix === undefined || sourceArn(pipe).startsWith(input.SourcePrefix)) &&
      (input.TargetPrefix === undefined || targetArn(pipe).startsWith(input.TargetPrefix)) &&
      (input.DesiredState === undefined || pipe.desiredState === input.DesiredState) &&
      (input.CurrentState === undefined || current === input.CurrentState)
    );
  });
  const page = matching.slice(input.start, input.start + input.Limit);
  const end = input.start + page.length;
  return { Pipes: page.map((pipe) => pipeSummary(state, pipe)), ...(end < matching.length ? { NextToken: String(end) } : {}) };
}
