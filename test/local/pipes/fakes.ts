import { EventBridgePort, LambdaInvokeResult, LambdaPort, PutEventsEntry, StreamReader, StreamRecord, StreamsPort } from '../../../local/model/ports';

/** An in-memory StreamsPort: one shard per stream, sequence numbers increasing from 1. */
export class FakeStreams implements StreamsPort {
  private readonly records = new Map<string, StreamRecord[]>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private sequence = 0;

  append(
    streamArn: string,
    eventName: StreamRecord['eventName'],
    image: Record<string, unknown>,
    createdAtMs = Date.now(),
  ): StreamRecord {
    this.sequence++;
    const record: StreamRecord = {
      eventID: `event-${this.sequence}`,
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        ApproximateCreationDateTime: Math.floor(createdAtMs / 1000),
        Keys: { userId: image.userId },
        ...(eventName === 'REMOVE' ? { OldImage: image } : { NewImage: image }),
        SequenceNumber: String(this.sequence).padStart(21, '0'),
        SizeBytes: 10,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    };
    const list = this.records.get(streamArn) ?? [];
    list.push(record);
    this.records.set(streamArn, list);
    for (const listener of this.listeners.get(streamArn) ?? []) listener();
    return record;
  }

  shardId(): string {
    return 'shardId-00000000000000000000-00000001';
  }

  /** Every reader may read: the tests of the shard's reader limit run against the real streams. */
  attachReader(streamArn: string): StreamReader {
    return { readAfter: (after, limit) => this.readAfter(streamArn, after, limit), detach: () => undefined };
  }

  readAfter(streamArn: string, afterSequenceNumber: string | undefined, limit: number): StreamRecord[] {
    const list = this.records.get(streamArn) ?? [];
    const after = afterSequenceNumber === undefined ? -1n : BigInt(afterSequenceNumber);
    return list.filter((record) => BigInt(record.dynamodb.SequenceNumber) > after).slice(0, limit);
  }

  latestSequenceNumber(streamArn: string): string | undefined {
    return this.records.get(streamArn)?.at(-1)?.dynamodb.SequenceNumber;
  }

  onAppend(streamArn: string, listener: () => void): () => void {
    const set = this.listeners.get(streamArn) ?? new Set();
    set.add(listener);
    this.listeners.set(streamArn, set);
    return () => set.delete(listener);
  }
}

type Handler = (event: unknown) => LambdaInvokeResult | Promise<LambdaInvokeResult>;

/** A LambdaPort whose functions are test callbacks; it records every call. */
export class FakeLambda implements LambdaPort {
  readonly calls: Array<{ functionArn: string; event: unknown; async: boolean }> = [];

  constructor(private readonly handlers: Record<string, Handler>) {}

  async invoke(functionArn: string, event: unknown): Promise<LambdaInvokeResult> {
    this.calls.push({ functionArn, event, async: false });
    const handler = this.handlers[functionArn];
    if (!handler) return { error: { errorType: 'ResourceNotFoundException', errorMessage: functionArn } };
    return handler(event);
  }

  async invokeAsync(functionArn: string, event: unknown): Promise<void> {
    this.calls.push({ functionArn, event, async: true });
  }

  callsTo(functionArn: string): unknown[] {
    return this.calls.filter((call) => call.functionArn === functionArn).map((call) => call.event);
  }
}

/** An EventBridgePort that records entries; `failEntry` decides which entries fail, per call. */
export class FakeEventBridge implements EventBridgePort {
  readonly accepted: PutEventsEntry[] = [];
  readonly calls: PutEventsEntry[][] = [];

  constructor(private readonly failEntry: (entry: PutEventsEntry) => boolean = () => false) {}

  putEvents(entries: PutEventsEntry[]): { FailedEntryCount: number; Entries: Array<{ EventId?: string; ErrorCode?: string; ErrorMessage?: string }> } {
    this.calls.push(entries);
    const results = entries.map((entry, index) => {
      if (this.failEntry(entry)) return { ErrorCode: 'InternalFailure', ErrorMessage: 'injected by the test' };
      this.accepted.push(entry);
      return { EventId: `id-${this.accepted.length}-${index}` };
    });
    return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
  }
}
