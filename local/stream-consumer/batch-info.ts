import type { StreamRecord } from '../model/ports';

/** The conditions Lambda and Pipes report for stream records they stop retrying. */
export type StreamFailureCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

/**
 * Where a batch of stream records sits in its stream, as Lambda and Pipes put it in the records they send to an
 * on-failure destination or DLQ instead of the records themselves. An operator reads the records back with
 * GetShardIterator AT_SEQUENCE_NUMBER while the stream retains them.
 */
export interface DdbStreamBatchInfo {
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  approximateArrivalOfFirstRecord: string;
  approximateArrivalOfLastRecord: string;
  batchSize: number;
  streamArn: string;
}

/** Stream records carry their creation time in epoch seconds. */
export function recordCreatedAtMs(record: StreamRecord): number {
  return record.dynamodb.ApproximateCreationDateTime * 1000;
}

/** Arrival times are given to the second, as in AWS's records: `2019-11-14T00:13:19Z`. */
function arrivalTime(record: StreamRecord): string {
  return new Date(recordCreatedAtMs(record)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function streamBatchInfo(input: { shardId: string; streamArn: string; records: readonly StreamRecord[] }): DdbStreamBatchInfo {
  const first = input.records[0];
  const last = input.records[input.records.length - 1];
  return {
    shardId: input.shardId,
    startSequenceNumber: first.dynamodb.SequenceNumber,
    endSequenceNumber: last.dynamodb.SequenceNumber,
    approximateArrivalOfFirstRecord: arrivalTime(first),
    approximateArrivalOfLastRecord: arrivalTime(last),
    batchSize: input.records.length,
    streamArn: input.streamArn,
  };
}
