import type { DeliveryKind } from '../../../cdk/subscription/subscriber-entry';
import { eventTitle, tsString, type TemplateValues } from './template-values';

const SQS_HELPERS_IMPORT = "import { sqsEvent, sqsRecord } from '../../../support/lambda-events';\n";

/** `test/services/<name>/handler.test.ts`: the handler on the sample events its own registry pattern selects. */
export function renderHandlerTest(values: TemplateValues, delivery: Exclude<DeliveryKind, 'queue-only'>): string {
  const { name } = values;
  const handledMessage = tsString(`${values.event.contract.detailType} event handled`);
  const body = delivery === 'queued' ? queuedCases() : directCases();
  return `import { subscribers } from '../../../cdk/subscribers';
import { loadSampleEvents } from '../../../events/sample-events';
import { matchesPattern } from '../../../local/patterns';
import { parseEvent } from '../../../services/${name}/event';
import { handler } from '../../../services/${name}/handler';
import { captureLogs, type CapturedLogs } from '../../../support/capture-logs';
${delivery === 'queued' ? SQS_HELPERS_IMPORT : ''}import { lambdaContext } from '../../../support/lambda-fixtures';

const entry = subscribers.find((candidate) => candidate.name === ${tsString(name)})!;
/** The ${eventTitle(values.event)} samples in events/samples that this subscriber's rule selects. */
const samples = loadSampleEvents().filter((sample) => matchesPattern(entry.eventPattern, sample.event));
/** A sample whose envelope metadata is gone: it breaks every contract. */
const broken = { ...samples[0].event, detail: { ...(samples[0].event.detail as object), metadata: {} } };

let logs: CapturedLogs;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

function handledEventIds(): unknown[] {
  return logs
    .entries()
    .filter((entry) => entry.message === ${handledMessage})
    .map((entry) => entry.eventId);
}

describe(${tsString(`${name} handler`)}, () => {
${body}});
`;
}

function queuedCases(): string {
  return `  it('handles every sample event its pattern selects, with no failed message', async () => {
    expect(samples.length).toBeGreaterThan(0);
    const records = samples.map((sample, index) => sqsRecord(\`m-\${index}\`, sample.event));

    const response = await handler(sqsEvent(...records), lambdaContext);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(handledEventIds()).toEqual(samples.map((sample) => parseEvent(sample.event).detail.metadata.eventId));
  });

  it('reports only the messages that break the contract or are not JSON as failed', async () => {
    const batch = sqsEvent(sqsRecord('valid', samples[0].event), sqsRecord('broken', broken), sqsRecord('not-json', 'not json'));

    const response = await handler(batch, lambdaContext);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'broken' }, { itemIdentifier: 'not-json' }] });
    expect(handledEventIds()).toHaveLength(1);
    const invalid = logs.entries().filter((entry) => entry.message === 'Invalid message');
    expect(invalid.map((entry) => entry.messageId)).toEqual(['broken', 'not-json']);
  });
`;
}

function directCases(): string {
  return `  it('handles every sample event its pattern selects', async () => {
    expect(samples.length).toBeGreaterThan(0);

    for (const sample of samples) await handler(sample.event, lambdaContext);

    expect(handledEventIds()).toEqual(samples.map((sample) => parseEvent(sample.event).detail.metadata.eventId));
  });

  it('fails on an event that breaks the contract, naming the field, so Lambda retries it and the DLQ keeps it', async () => {
    await expect(handler(broken, lambdaContext)).rejects.toThrow('metadata.eventId');

    expect(handledEventIds()).toEqual([]);
  });
`;
}
