import { authorization, type AuthorizationTable } from '../protocol/authorization';
import { pipeArn } from '../template/arns';
import type { PIPES_OPERATIONS } from './operations';
import type { PipesState } from './state';

/** The permission each Pipes API operation needs, from the Service Authorization Reference. */
export const PIPES_AUTHORIZATION = {
  DescribePipe: authorization([{ action: 'pipes:DescribePipe', resourceType: 'pipe' }], (input, state, context) => [
    { action: 'pipes:DescribePipe', resource: state.pipes.find((pipe) => pipe.name === input.Name)?.arn ?? pipeArn(context, input.Name) },
  ]),
  ListPipes: authorization([{ action: 'pipes:ListPipes', resourceType: '*' }], () => [{ action: 'pipes:ListPipes', resource: '*' }]),
} satisfies AuthorizationTable<PipesState, typeof PIPES_OPERATIONS>;
