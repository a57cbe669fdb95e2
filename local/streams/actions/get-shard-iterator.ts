import { randomUUID } from 'node:crypto';
import { validationError } from '../../protocol/aws-error';
import { shardNotFound, trimmedDataAccess } from '../errors';
import { isSequenceNumber, previousSequenceNumber } from '../sequence-numbers';
import { encodeShardIterator } from '../shard-iterator';
import { logForArn, type StreamsState } from '../state';
import type { GetShardIteratorInput } from '../validations/get-shard-iterator';

export function getShardIterator(state: StreamsState, input: GetShardIteratorInput) {
  const log = logForArn(state, input.StreamArn);
  if (input.ShardId !== log.definition.shardId) throw shardNotFound(input.ShardId, log.definition.arn);

  let afterSequenceNumber: string | undefined;
  if (input.ShardIteratorType === 'LATEST') {
    // Everything issued so far is behind a LATEST iterator, in this stream or any other.
    afterSequenceNumber = state.sequence.current();
  } else if (input.ShardIteratorType === 'AT_SEQUENCE_NUMBER' || input.ShardIteratorType === 'AFTER_SEQUENCE_NUMBER') {
    const { SequenceNumber: sequenceNumber } = input;
    if (!isSequenceNumber(sequenceNumber) || sequenceNumber > state.sequence.current()) {
      throw validationError(`Invalid SequenceNumber ${sequenceNumber} for shard ${log.definition.shardId}`);
    }
    const trimmedThrough = log.trimmedThrough;
    if (trimmedThrough !== undefined && sequenceNumber <= trimmedThrough) {
      throw trimmedDataAccess(sequenceNumber, log.startingSequenceNumber());
    }
    afterSequenceNumber = input.ShardIteratorType === 'AT_SEQUENCE_NUMBER' ? previousSequenceNumber(sequenceNumber) : sequenceNumber;
  }
  return {
    ShardIterator: encodeShardIterator(
      { streamArn: log.definition.arn, shardId: log.definition.shardId, afterSequenceNumber, chain: randomUUID().slice(0, 8) },
      state.now(),
    ),
  };
}
