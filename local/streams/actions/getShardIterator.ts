import { validationError } from '../../protocol/aws-error';
import { shardNotFound, trimmedDataAccess } from '../errors';
import { isSequenceNumber, previousSequenceNumber } from '../sequence-numbers';
import { encodeShardIterator } from '../shard-iterator';
import { logForArn, type StreamsState } from '../streams-state';
import { InputValidation } from '../validation';

const ITERATOR_TYPES = ['TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'] as const;

export function getShardIterator(state: StreamsState, input: Record<string, unknown>) {
  const validation = new InputValidation(input);
  const streamArn = validation.string('StreamArn', { required: true, minLength: 37, maxLength: 1024 });
  const shardId = validation.string('ShardId', { required: true, minLength: 28, maxLength: 65 });
  const type = validation.string('ShardIteratorType', { required: true, enum: ITERATOR_TYPES });
  const sequenceNumber = validation.string('SequenceNumber', { minLength: 21, maxLength: 40 });
  validation.check();

  const log = logForArn(state, streamArn as string);
  if (shardId !== log.definition.shardId) throw shardNotFound(shardId as string, log.definition.arn);

  let afterSequenceNumber: string | undefined;
  if (type === 'LATEST') {
    // Everything issued so far is behind a LATEST iterator, in this stream or any other.
    afterSequenceNumber = state.sequence.current();
  } else if (type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER') {
    if (sequenceNumber === undefined) {
      throw validationError(`Must specify a SequenceNumber when using the ${type} ShardIteratorType`);
    }
    if (!isSequenceNumber(sequenceNumber) || sequenceNumber > state.sequence.current()) {
      throw validationError(`Invalid SequenceNumber ${sequenceNumber} for shard ${log.definition.shardId}`);
    }
    const trimmedThrough = log.trimmedThrough;
    if (trimmedThrough !== undefined && sequenceNumber <= trimmedThrough) {
      throw trimmedDataAccess(sequenceNumber, log.startingSequenceNumber());
    }
    afterSequenceNumber = type === 'AT_SEQUENCE_NUMBER' ? previousSequenceNumber(sequenceNumber) : sequenceNumber;
  }
  return {
    ShardIterator: encodeShardIterator(
      { streamArn: log.definition.arn, shardId: log.definition.shardId, afterSequenceNumber },
      state.now(),
    ),
  };
}
