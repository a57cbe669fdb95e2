import { randomUUID } from 'node:crypto';
import type { StreamRecord } from '../model/ports';
import { streamBatchInfo, type DdbStreamBatchInfo, type StreamFailureCondition } from '../stream-consumer';

/**
 * What a pipe with a stream source sends to its dead-letter queue: not the records, but where they sit in
 * the stream (shard and sequence numbers), as Lambda and Pipes do for DynamoDB streams.
 */
export interface StreamDeadLetterRecord {
  requestContext: {
    requestId: string;
    pipeArn: string;
    condition: StreamFailureCondition;
    approximateInvokeCount: number;
  };
  version: '1.0';
  timestamp: string;
  DDBStreamBatchInfo: DdbStreamBatchInfo;
}

export function streamDeadLetterRecord(input: {
  /** Epoch ms the record is made. */
  at: number;
  pipeArn: string;
  streamArn: string;
  shardId: string;
  records: StreamRecord[];
  condition: StreamFailureCondition;
  invokeCount: number;
}): StreamDeadLetterRecord {
  return {
    requestContext: {
      requestId: randomUUID(),
      pipeArn: input.pipeArn,
      condition: input.condition,
      approximateInvokeCount: input.invokeCount,
    },
    version: '1.0',
    timestamp: new Date(input.at).toISOString(),
    DDBStreamBatchInfo: streamBatchInfo(input),
  };
}
