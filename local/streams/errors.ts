import type { AccessDenial } from '../protocol/authorization';
import { AwsError } from '../protocol/aws-error';

/** DynamoDB Streams namespaces its error types like DynamoDB does. */
export const STREAMS_ERROR_PREFIX = 'com.amazonaws.dynamodb.v20120810#';

export function streamNotFound(streamArn: string): AwsError {
  return new AwsError(
    'ResourceNotFoundException',
    `Requested resource not found: Stream: ${streamArn} not found`,
    400,
    STREAMS_ERROR_PREFIX,
  );
}

export function shardNotFound(shardId: string, streamArn: string): AwsError {
  return new AwsError(
    'ResourceNotFoundException',
    `Requested resource not found: Shard: ${shardId} in Stream: ${streamArn} not found`,
    400,
    STREAMS_ERROR_PREFIX,
  );
}

export function trimmedDataAccess(sequenceNumber: string, trimHorizon: string): AwsError {
  return new AwsError(
    'TrimmedDataAccessException',
    `Attempted to access data older than the trim horizon: sequence number ${sequenceNumber} is before ${trimHorizon}`,
    400,
    STREAMS_ERROR_PREFIX,
  );
}

export function expiredIterator(issuedAtMs: number, nowMs: number, lifetimeMs: number): AwsError {
  return new AwsError(
    'ExpiredIteratorException',
    `Iterator expired. The iterator was created at time ${new Date(issuedAtMs).toUTCString()} while right now it is ` +
      `${new Date(nowMs).toUTCString()} which is further in the future than the tolerated delay of ${lifetimeMs} milliseconds.`,
    400,
    STREAMS_ERROR_PREFIX,
  );
}

/** A request the caller may not make: coral's AccessDeniedException, HTTP 400, as DynamoDB answers it. */
export const accessDenied = (denial: AccessDenial): AwsError => new AwsError('AccessDeniedException', denial.message, 400, 'com.amazon.coral.service#');
/**
 * DynamoDB Streams' answer to more than two readers of one shard, with what the local runtime knows: who the readers
 * are. The SDKs treat LimitExceededException as throttling and retry it.
 */
export function tooManyShardReaders(shardId: string, streamArn: string, readers: readonly string[], refused: string): AwsError {
  return new AwsError(
    'LimitExceededException',
    `More than 2 processes are reading from the same streams shard at the same time: ${shardId} of ${streamArn} is read by ` +
      `${readers.join(' and ')}; ${refused} is refused until one of them stops`,
    400,
    STREAMS_ERROR_PREFIX,
  );
}
