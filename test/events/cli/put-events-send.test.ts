import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { formatResult, sendEntries } from '../../../events/cli/send-entries';

const eventBridge = mockClient(EventBridgeClient);
const client = new EventBridgeClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

function entries(count: number): PutEventsRequestEntry[] {
  return Array.from({ length: count }, (_, index) => ({ Source: 's', DetailType: 'T', Detail: `{"n":${index}}` }));
}

beforeEach(() => {
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).callsFake(({ Entries }: { Entries: PutEventsRequestEntry[] }) => ({
    FailedEntryCount: 0,
    Entries: Entries.map((entry) => ({ EventId: `id-${JSON.parse(entry.Detail ?? '{}').n}` })),
  }));
});

describe('sendEntries', () => {
  it('sends in order, at most 10 entries per call, one result per entry', async () => {
    const results = await sendEntries(client, entries(23));

    expect(eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries?.length)).toEqual([10, 10, 3]);
    expect(results).toHaveLength(23);
    expect(results[0]).toEqual({ index: 0, eventId: 'id-0' });
    expect(results[22]).toEqual({ index: 22, eventId: 'id-22' });
  });

  it('reports the error code and message of an entry the bus refused', async () => {
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ EventId: 'id-0' }, { ErrorCode: 'InternalFailure', ErrorMessage: 'Try again' }],
    });

    const results = await sendEntries(client, entries(2));

    expect(results).toEqual([{ index: 0, eventId: 'id-0' }, { index: 1, errorCode: 'InternalFailure', errorMessage: 'Try again' }]);
    expect(results.map(formatResult)).toEqual(['entry 0: EventId id-0', 'entry 1: FAILED InternalFailure: Try again']);
  });

  it('fails every entry of a call that fails as a whole, and still sends the next chunk', async () => {
    eventBridge
      .on(PutEventsCommand)
      .rejectsOnce(Object.assign(new Error('getaddrinfo ENOTFOUND events.example'), { name: 'NetworkError' }))
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'late' }] });

    const results = await sendEntries(client, entries(11));

    expect(results.slice(0, 10).every((result) => 'errorCode' in result && result.errorCode === 'NetworkError')).toBe(true);
    expect(results[10]).toEqual({ index: 10, eventId: 'late' });
  });
});
