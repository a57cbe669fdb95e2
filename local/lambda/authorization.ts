import { authorization, type AuthorizationTable } from '../protocol/authorization';
import type { RequestContext } from '../protocol/service';
import { functionArn } from '../template/arns';
import type { LAMBDA_OPERATIONS } from './operations';
import type { LambdaState } from './state';
import type { InvokeInput } from './validations/invoke';

/**
 * The ARN Invoke is authorized on: the function as the request names it (a name, a partial or a full ARN), with its
 * qualifier when it has one, since a grant on `function:name` does not cover `function:name:$LATEST`.
 */
export function invokedFunctionArn(input: Pick<InvokeInput, 'FunctionName' | 'Qualifier'>, context: RequestContext): string {
  const match = /^(?:arn:[^:]+:lambda:([^:]+):)?(?:(\d{12}):function:)?([^:]+)(?::([^:]+))?$/.exec(input.FunctionName);
  if (!match) return input.FunctionName;
  const [, region, account, name, qualifier] = match;
  const base = functionArn({ region: region ?? context.region, account: account ?? context.account }, name as string);
  const version = input.Qualifier ?? qualifier;
  return version === undefined ? base : `${base}:${version}`;
}

/** The permission each Lambda API operation needs, from the Service Authorization Reference. */
export const LAMBDA_AUTHORIZATION = {
  // DryRun invocations are authorized too: they exist to check that the caller may invoke.
  Invoke: authorization([{ action: 'lambda:InvokeFunction', resourceType: 'function' }], (input, _state, context) => [
    { action: 'lambda:InvokeFunction', resource: invokedFunctionArn(input, context) },
  ]),
  ListFunctions: authorization([{ action: 'lambda:ListFunctions', resourceType: '*' }], () => [{ action: 'lambda:ListFunctions', resource: '*' }]),
} satisfies AuthorizationTable<LambdaState, typeof LAMBDA_OPERATIONS>;
