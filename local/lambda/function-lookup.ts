import type { FunctionModel } from '../model/types';
import { functionNotFound } from './errors';

const LATEST = '$LATEST';
/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`, or the partial `<account>:function:<name>[:<qualifier>]`. */
const FUNCTION_ARN = /^(?:arn:[^:]+:lambda:[^:]+:)?(\d{12}):function:([^:]+)(?::([^:]+))?$/;
const NAME_WITH_QUALIFIER = /^([^:]+)(?::([^:]+))?$/;

export interface FunctionLookupContext {
  region: string;
  account: string;
}

/**
 * Finds a function by any of the identifiers Lambda accepts: its name, its ARN or a partial ARN, each optionally
 * qualified. The runtime runs `$LATEST` only, so any other qualifier names a version that does not exist.
 */
export function lookUpFunction(
  functions: readonly FunctionModel[],
  identifier: string,
  queryQualifier: string | undefined,
  context: FunctionLookupContext,
): FunctionModel {
  const arnMatch = FUNCTION_ARN.exec(identifier);
  const nameMatch = arnMatch ? undefined : NAME_WITH_QUALIFIER.exec(identifier);
  const name = arnMatch?.[2] ?? nameMatch?.[1];
  const qualifier = queryQualifier ?? arnMatch?.[3] ?? nameMatch?.[2];
  const fn = functions.find((candidate) => candidate.name === name && (arnMatch === null || candidate.arn.split(':')[4] === arnMatch[1]));
  const requestedArn = `arn:aws:lambda:${context.region}:${arnMatch?.[1] ?? context.account}:function:${name ?? identifier}`;
  if (fn === undefined) throw functionNotFound(requestedArn);
  if (qualifier !== undefined && qualifier !== LATEST) throw functionNotFound(`${fn.arn}:${qualifier}`);
  return fn;
}
