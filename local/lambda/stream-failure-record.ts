import type { LambdaInvokeResult, StreamRecord } from '../model/ports';
import { streamBatchInfo, type DdbStreamBatchInfo, type StreamFailureCondition } from '../stream-consumer';

/**
 * The invocation record Lambda sends to a stream mapping's on-failure destination, in AWS's documented shape: where
 * the discarded batch sits in the stream, not its records, and how the last invocation of it ended.
 */
export interface StreamInvocationRecord {
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: StreamFailureCondition;
    approximateInvokeCount: number;
  };
  /** Absent when the batch aged out before it was ever invoked. */
  responseContext?: { statusCode: 200; executedVersion: '$LATEST'; functionError?: 'Unhandled' };
  version: '1.0';
  timestamp: string;
  DDBStreamBatchInfo: DdbStreamBatchInfo;
}

/** The last invocation of a batch, which the record reports. */
export interface LastInvocation {
  requestId: string;
  result: LambdaInvokeResult;
}

export function streamInvocationRecord(input: {
  /** Epoch ms the record is made. */
  at: number;
  functionArn: string;
  streamArn: string;
  shardId: string;
  records: readonly StreamRecord[];
  condition: StreamFailureCondition;
  invokeCount: number;
  last: LastInvocation | undefined;
  /** Used when the batch was never invoked. */
  fallbackRequestId: string;
}): StreamInvocationRecord {
  const record: StreamInvocationRecord = {
    requestContext: {
      requestId: input.last?.requestId ?? input.fallbackRequestId,
      functionArn: input.functionArn,
      condition: input.condition,
      approximateInvokeCount: input.invokeCount,
    },
    version: '1.0',
    timestamp: new Date(input.at).toISOString(),
    DDBStreamBatchInfo: streamBatchInfo(input),
  };
  if (input.last) {
    record.responseContext = {
      statusCode: 200,
      executedVersion: '$LATEST',
      ...(input.last.result.error ? { functionError: 'Unhandled' as const } : {}),
    };
  }
  // Key order as in AWS's example: requestContext, responseContext, version, timestamp, DDBStreamBatchInfo.
  const { requestContext, responseContext, ...rest } = record;
  return { requestContext, ...(responseContext ? { responseContext } : {}), ...rest };
}
