import { randomUUID } from 'node:crypto';
import { StreamRecord } from '../model/ports';

/** The conditions Lambda and Pipes report for stream records they stop retrying. */
export type StreamFailureCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

/**
 * What a pipe with a stream source sends to its dead-letter queue: not the records, but where they sit in
 * the stream (shard and sequence numbers), as Lambda and Pipes do for DynamoDB streams. An operator reads
 * them back with GetShardIterator AT_SEQUENCE_NUMBER while the stream retains them.
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
  DDBStreamBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
}

/** Stream records carry their creation time in epoch seconds. */
export function recordCreatedAtMs(record: StreamRecord): number {
  return record.dynamodb.ApproximateCreationDateTime * 1000;
}

/** Arrival times are given to the second, as in AWS's records: `2019-11-14T00:13:19Z`. */
function arrivalTime(record: StreamRecord): string {
  return new Date(recordCreatedAtMs(record)).toISOString().replace(/\.\d{3}Z$/, 'Z');
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
  const first = input.records[0];
  const last = input.records[input.records.length - 1];
  return {
    requestContext: {
      requestId: randomUUID(),
      pipeArn: input.pipeArn,
      condition: input.condition,
      approximateInvokeCount: input.invokeCount,
    },
    version: '1.0',
    timestamp: new Date(input.at).toISOString(),
    DDBStreamBatchInfo: {
      shardId: input.shardId,
      startSequenceNumber: first.dynamodb.SequenceNumber,
      endSequenceNumber: last.dynamodb.SequenceNumber,
      approximateArrivalOfFirstRecord: arrivalTime(first),
      approximateArrivalOfLastRecord: arrivalTime(last),
      batchSize: input.records.length,
      streamArn: input.streamArn,
    },
  };
}
