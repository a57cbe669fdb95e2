import type { DynamoDBRecord } from 'aws-lambda';

/** A DynamoDB stream record exactly as the Pipe delivers it: images in attribute-value form (`{ "S": "..." }`). */
export type StreamRecord = DynamoDBRecord;

/**
 * The same record after `@middy/event-normalizer` has unmarshalled its images into plain values
 * (string sets become `Set<string>`, numbers become `number`).
 */
export interface NormalizedStreamRecord {
  eventID?: string;
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventSourceARN?: string;
  dynamodb?: {
    ApproximateCreationDateTime?: number;
    Keys?: Record<string, unknown>;
    NewImage?: Record<string, unknown>;
    OldImage?: Record<string, unknown>;
    SequenceNumber?: string;
  };
}

/**
 * What the enrichment handlers receive: the normalized records for the logic, and an untouched copy of what the
 * Pipe delivered, because a rejected record must be kept exactly as it arrived.
 */
export interface StreamBatch {
  Records: NormalizedStreamRecord[];
  originalRecords: StreamRecord[];
}
