import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LambdaPort } from '../../model/ports';
import type { FunctionModel } from '../../model/types';
import { invalidParameterValue, invalidRequestContent } from './errors';

const INVOCATION_TYPES = ['RequestResponse', 'Event', 'DryRun'] as const;
type InvocationType = (typeof INVOCATION_TYPES)[number];

/**
 * Invoke: RequestResponse answers 200 with the handler's result (or its error, flagged by `X-Amz-Function-Error`),
 * Event answers 202 once the event is queued durably, DryRun answers 204 without running anything.
 */
export async function invoke(
  lambda: LambdaPort,
  fn: FunctionModel,
  request: IncomingMessage,
  body: Buffer,
  response: ServerResponse,
): Promise<void> {
  const invocationType = invocationTypeOf(request);
  const event = parsePayload(body);
  const executed = { 'X-Amz-Executed-Version': '$LATEST' };
  if (invocationType === 'DryRun') {
    response.writeHead(204, executed).end();
    return;
  }
  if (invocationType === 'Event') {
    await lambda.invokeAsync(fn.arn, event);
    response.writeHead(202, { ...executed, 'Content-Length': 0 }).end();
    return;
  }
  const result = await lambda.invoke(fn.arn, event);
  const payload = JSON.stringify(result.error ?? result.payload ?? null);
  response.writeHead(200, {
    ...executed,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
    ...(result.error ? { 'X-Amz-Function-Error': 'Unhandled' } : {}),
  });
  response.end(payload);
}

function invocationTypeOf(request: IncomingMessage): InvocationType {
  const header = request.headers['x-amz-invocation-type'];
  if (header === undefined) return 'RequestResponse';
  if ((INVOCATION_TYPES as readonly unknown[]).includes(header)) return header as InvocationType;
  throw invalidParameterValue(`X-Amz-Invocation-Type must be one of ${INVOCATION_TYPES.join(', ')}, got "${String(header)}"`);
}

/** An empty payload reaches the handler as `{}`, as in Lambda. */
function parsePayload(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw invalidRequestContent((error as Error).message);
  }
}
