import type { RequestContext } from '../../protocol/service';
import { invokedFunctionArn } from '../authorization';
import { lookUpFunction } from '../function-lookup';
import type { LambdaState } from '../state';
import type { InvokeInput } from '../validations/invoke';

/** Invoke's answer, in the members of the SDK's InvokeCommandOutput; the handler turns them into status, headers and body. */
export interface InvokeOutput {
  StatusCode: 200 | 202 | 204;
  ExecutedVersion: '$LATEST';
  /** Set when the handler failed; the payload is then its error. */
  FunctionError?: 'Unhandled';
  /** JSON text; absent for Event and DryRun invocations. */
  Payload?: string;
}

/**
 * RequestResponse answers 200 with the handler's result (or its error, flagged by FunctionError), Event answers 202
 * once the event is queued durably, DryRun answers 204 without running anything.
 */
export async function invoke(state: LambdaState, input: InvokeInput, context: RequestContext): Promise<InvokeOutput> {
  lookUpFunction(state.functions, input.FunctionName, input.Qualifier, context);
  if (input.InvocationType === 'DryRun') return { StatusCode: 204, ExecutedVersion: '$LATEST' };
  // The function as the request names it, qualifier included, which is what the caller was authorized for.
  const functionArn = invokedFunctionArn(input, context);
  if (input.InvocationType === 'Event') {
    await state.port.invokeAsync(functionArn, input.Payload, context.caller, { traceParent: context.traceParent });
    return { StatusCode: 202, ExecutedVersion: '$LATEST' };
  }
  const result = await state.port.invoke(functionArn, input.Payload, context.caller, { traceParent: context.traceParent });
  return {
    StatusCode: 200,
    ExecutedVersion: '$LATEST',
    ...(result.error ? { FunctionError: 'Unhandled' as const } : {}),
    Payload: JSON.stringify(result.error ?? result.payload ?? null),
  };
}
