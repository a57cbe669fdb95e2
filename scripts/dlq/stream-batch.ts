import { DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';

/** Where a failed batch sits in the stream, as a stream-source pipe writes it to its dead-letter queue. */
export interface StreamBatchInfo {
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  streamArn: string;
  batchSize?: number;
}

/** A stream record in its JSON wire shape, as GetRecords sends it and a pipe hands it on. */
export interface WireStreamRecord {
  eventID?: string;
  eventName?: string;
  dynamodb: { SequenceNumber: string; Keys?: Record<string, unknown>; NewImage?: Record<string, unknown> } & Record<string, unknown>;
  eventSourceARN?: string;
  [field: string]: unknown;
}

const MAX_PAGES = 20;

/**
 * The records of a dead-lettered batch, read back from its stream: every record from the start to the end
 * sequence number. Fails with the reason when they are no longer there (streams keep records for 24 hours).
 */
export async function readStreamBatch(streams: DynamoDBStreamsClient, batch: StreamBatchInfo): Promise<WireStreamRecord[]> {
  const range = `records ${batch.startSequenceNumber}…${batch.endSequenceNumber} of ${batch.streamArn}`;
  const end = BigInt(batch.endSequenceNumber);
  let iterator: string | undefined;
  try {
    const output = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: batch.streamArn,
        ShardId: batch.shardId,
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        SequenceNumber: batch.startSequenceNumber,
      }),
    );
    iterator = output.ShardIterator;
  } catch (error) {
    throw new Error(`cannot read ${range} back: ${(error as Error).name}: ${(error as Error).message}`);
  }
  const records: WireStreamRecord[] = [];
  for (let page = 0; iterator !== undefined && page < MAX_PAGES; page++) {
    const output = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
    const fresh = (output.Records ?? []).map(toWireRecord);
    records.push(...fresh.filter((record) => BigInt(record.dynamodb.SequenceNumber) <= end));
    // An open shard can answer a page with no records before the next ones: only the end of the range stops.
    if (fresh.some((record) => BigInt(record.dynamodb.SequenceNumber) >= end)) break;
    iterator = output.NextShardIterator;
  }
  const first = records[0]?.dynamodb.SequenceNumber;
  const last = records[records.length - 1]?.dynamodb.SequenceNumber;
  if (first !== batch.startSequenceNumber || last !== batch.endSequenceNumber) {
    throw new Error(`the stream no longer holds all ${range} (read ${records.length}, from ${first ?? 'none'} to ${last ?? 'none'})`);
  }
  return records.map((record) => ({ ...record, eventSourceARN: batch.streamArn }));
}

/** The SDK turns times into Dates and binaries into bytes; pipes and enrichments see the JSON wire values. */
function toWireRecord(record: _Record): WireStreamRecord {
  return JSON.parse(
    JSON.stringify(record, function (this: Record<string, unknown>, key, value: unknown) {
      const original = this[key];
      if (original instanceof Date) return original.getTime() / 1000;
      if (original instanceof Uint8Array) return Buffer.from(original).toString('base64');
      return value;
    }),
  ) as WireStreamRecord;
}
