import type { StreamRecord } from '../../model/ports';
import { shardNotFound, trimmedDataAccess } from '../errors';
import { decodeShardIterator, encodeShardIterator } from '../shard-iterator';
import { logForArn, type StreamsState } from '../state';
import type { GetRecordsInput } from '../validations/get-records';

/** GetRecords returns at most 1 MB, as in AWS. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

export function getRecords(state: StreamsState, input: GetRecordsInput) {
  const now = state.now();
  const position = decodeShardIterator(input.ShardIterator, now);
  const log = logForArn(state, position.streamArn);
  if (position.shardId !== log.definition.shardId) throw shardNotFound(position.shardId, position.streamArn);
  const after = position.afterSequenceNumber;
  const trimmedThrough = log.trimmedThrough;
  if (after !== undefined && trimmedThrough !== undefined && after < trimmedThrough) {
    throw trimmedDataAccess(after, log.startingSequenceNumber());
  }

  // A client that goes on reading its chain is one of the shard's readers; a single read takes no reader's place.
  if (position.continued && position.chain !== undefined) log.readers.admit(`an API client (iterator chain ${position.chain})`, false, now);

  const records = withinResponseSize(log.readAfter(after, input.Limit));
  const last = records.at(-1)?.dynamodb.SequenceNumber ?? after;
  return {
    Records: records.map(onTheWire),
    NextShardIterator: encodeShardIterator({ ...position, afterSequenceNumber: last, continued: true }, now),
  };
}

/**
 * The Streams API spells a record's userIdentity `{ PrincipalId, Type }`, where the events Lambda and Pipes hand on
 * (and the runtime keeps) spell it `{ principalId, type }`.
 */
function onTheWire(record: StreamRecord): Record<string, unknown> {
  if (!record.userIdentity) return record as unknown as Record<string, unknown>;
  const { userIdentity, ...rest } = record;
  return { ...rest, userIdentity: { PrincipalId: userIdentity.principalId, Type: userIdentity.type } };
}

function withinResponseSize(records: StreamRecord[]): StreamRecord[] {
  let total = 0;
  for (let index = 0; index < records.length; index++) {
    total += records[index].dynamodb.SizeBytes;
    if (total > MAX_RESPONSE_BYTES && index > 0) return records.slice(0, index);
  }
  return records;
}
