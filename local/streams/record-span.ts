import type { StreamRecord } from '../model/ports';
import type { SpanId, Tracer } from '../trace';
import type { AttributeMap } from './item-images';

/** The key other services find a stream record's span by: the pipe that reads the record names it as a cause. */
export function recordSpanKey(eventId: string): string {
  return `stream-record:${eventId}`;
}

/**
 * A stream record starts a path: its span carries the record's ids, its item's key values (`itemKeys`), and the
 * scalar attribute values of its images, so a person can find the path by any of them.
 */
export function recordRecordSpan(tracer: Tracer, record: StreamRecord, streamArn: string, tableName: string): SpanId {
  const { Keys, NewImage, OldImage, SequenceNumber } = record.dynamodb;
  return tracer.record({
    kind: 'stream.record',
    resource: streamArn,
    name: `${record.eventName} ${tableName}`,
    key: recordSpanKey(record.eventID),
    ids: [record.eventID, SequenceNumber],
    itemKeys: scalarValues(Keys),
    values: [...scalarValues(NewImage), ...scalarValues(OldImage)],
    attributes: { table: tableName, eventName: record.eventName, sequenceNumber: SequenceNumber },
    payload: JSON.stringify({ Keys, ...(NewImage && { NewImage }), ...(OldImage && { OldImage }) }),
  });
}

/** String and number attribute values, at the top level of an image: what a person would search by. */
function scalarValues(image: AttributeMap | undefined): string[] {
  if (image === undefined) return [];
  const values: string[] = [];
  for (const value of Object.values(image)) {
    const typed = value as { S?: unknown; N?: unknown };
    if (typeof typed.S === 'string') values.push(typed.S);
    else if (typeof typed.N === 'string') values.push(typed.N);
  }
  return values;
}
