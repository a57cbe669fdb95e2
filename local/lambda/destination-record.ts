import { LambdaInvokeResult } from '../model/ports';

export type AsyncFailureCondition = 'RetriesExhausted' | 'EventAgeExceeded';

/** The record Lambda sends to an asynchronous invocation's destination, in AWS's shape. */
export interface DestinationRecord {
  version: '1.0';
  timestamp: string;
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: AsyncFailureCondition | 'Success';
    approximateInvokeCount: number;
  };
  requestPayload: unknown;
  responseContext?: { statusCode: number; executedVersion: string; functionError?: string };
  responsePayload?: unknown;
}

export function destinationRecord(input: {
  /** Epoch ms the record is made. */
  at: number;
  requestId: string;
  functionArn: string;
  condition: DestinationRecord['requestContext']['condition'];
  invokeCount: number;
  event: unknown;
  /** The last invocation's outcome; absent when the event expired before it ever ran. */
  lastResult?: LambdaInvokeResult;
}): DestinationRecord {
  const record: DestinationRecord = {
    version: '1.0',
    timestamp: new Date(input.at).toISOString(),
    requestContext: {
      requestId: input.requestId,
      functionArn: `${input.functionArn}:$LATEST`,
      condition: input.condition,
      approximateInvokeCount: input.invokeCount,
    },
    requestPayload: input.event,
  };
  if (input.lastResult === undefined) return record;
  const { error, payload } = input.lastResult;
  record.responseContext = { statusCode: 200, executedVersion: '$LATEST', ...(error ? { functionError: 'Unhandled' } : {}) };
  record.responsePayload = error
    ? { errorType: error.errorType, errorMessage: error.errorMessage, ...(error.trace ? { trace: error.trace } : {}) }
    : payload;
  return record;
}
