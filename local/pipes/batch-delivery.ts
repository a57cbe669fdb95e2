import { PipeModel } from '../model/types';
import { EventBridgePort, LambdaPort, PutEventsEntry, SqsPort, StreamRecord } from '../model/ports';
import type { RequestCaller } from '../protocol/authorization';
import type { SqsEventRecord } from '../sqs/event-record';
import { busNameFromArnOrName } from '../template/arns';
import type { SpanId } from '../trace';
import { applyInputTemplate, PipeTemplateVariables } from './input-template';
import { pipeTargetArn } from './target-arn';

/** What a pipe reads from its source: stream records, or SQS messages in the event shape. */
export type SourceRecord = StreamRecord | SqsEventRecord;

/** How a Lambda target's batchItemFailures names a source record: by sequence number, or by message id. */
export function itemIdentifier(record: SourceRecord): string {
  return 'dynamodb' in record ? record.dynamodb.SequenceNumber : record.messageId;
}

export function sourceArnOf(pipe: PipeModel): string {
  return pipe.source.kind === 'sqs' ? pipe.source.queueArn : pipe.source.streamArn;
}

/** The most events an enrichment may return for one batch. */
export const MAX_ENRICHMENT_RESULTS = 10;
const PUT_EVENTS_MAX_ENTRIES = 10;

export type DeliveryOutcome<R extends SourceRecord = SourceRecord> =
  | { ok: true }
  /** `failed` are the source records to retry: all of the batch, or the ones whose target items failed. */
  | { ok: false; failed: R[]; reason: string };

export interface DeliveryPorts {
  lambda: LambdaPort;
  eventBridge: EventBridgePort;
  sqs: SqsPort;
  /** The pipe's role, which the enrichment and the target are called as. */
  caller: RequestCaller;
}

/** Indices of target items that failed, or a reason when the whole call failed. */
type TargetResult = { failedIndices: number[]; reason?: string };

function templateVariables(pipe: PipeModel, now: number): PipeTemplateVariables {
  return {
    ingestionTime: new Date(now).toISOString(),
    pipeArn: pipe.arn,
    pipeName: pipe.name,
    sourceArn: sourceArnOf(pipe),
    enrichmentArn: pipe.enrichment?.functionArn,
    targetArn: pipeTargetArn(pipe.target),
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * One attempt at a batch: enrichment, then the target. Each step's failure fails the batch; a target that
 * reports per-item failures fails only those items' records, when items map one-to-one to records (no enrichment).
 */
export async function deliverBatch<R extends SourceRecord>(
  pipe: PipeModel,
  batch: R[],
  ports: DeliveryPorts,
  now: () => number,
  batchSpan?: SpanId,
): Promise<DeliveryOutcome<R>> {
  try {
    return await enrichAndSend(pipe, batch, ports, now, batchSpan);
  } catch (error) {
    // A bad input template or a port that throws fails this attempt, never the pipe.
    return { ok: false, failed: batch, reason: errorText(error) };
  }
}

/** What the target gets is caused by the enrichment's invocation when there is one, else by the batch. */
async function enrichAndSend<R extends SourceRecord>(
  pipe: PipeModel,
  batch: R[],
  ports: DeliveryPorts,
  now: () => number,
  batchSpan: SpanId | undefined,
): Promise<DeliveryOutcome<R>> {
  let items: unknown[] = batch;
  let cause = batchSpan;
  if (pipe.enrichment) {
    const { functionArn, inputTemplate } = pipe.enrichment;
    // Each transformer has its own ingestion time: the target's comes after the enrichment returned.
    const variables = templateVariables(pipe, now());
    const input = inputTemplate === undefined ? batch : batch.map((record) => applyInputTemplate(inputTemplate, record, variables));
    const result = await ports.lambda.invoke(functionArn, input, ports.caller, { traceParent: batchSpan });
    cause = result.traceSpan ?? batchSpan;
    if (result.error) {
      return { ok: false, failed: batch, reason: `enrichment failed: ${result.error.errorType}: ${result.error.errorMessage}` };
    }
    if (result.payload === undefined || result.payload === null) return { ok: true };
    if (!Array.isArray(result.payload)) return { ok: false, failed: batch, reason: 'enrichment returned a non-array response' };
    if (result.payload.length > MAX_ENRICHMENT_RESULTS) {
      return {
        ok: false,
        failed: batch,
        reason: `enrichment returned ${result.payload.length} results, more than ${MAX_ENRICHMENT_RESULTS}`,
      };
    }
    items = result.payload;
  }
  if (items.length === 0) return { ok: true };
  const template = pipe.targetInputTemplate;
  const variables = templateVariables(pipe, now());
  const payloads = template === undefined ? items : items.map((item) => applyInputTemplate(template, item, variables));
  const result = await sendToTarget(pipe, payloads, batch, ports, cause);
  if (result.failedIndices.length === 0) return { ok: true };
  const oneToOne = pipe.enrichment === undefined;
  const failed = oneToOne ? result.failedIndices.map((index) => batch[index]) : batch;
  const reason = result.reason ?? `${result.failedIndices.length} of ${payloads.length} target items failed`;
  return { ok: false, failed, reason };
}

async function sendToTarget(
  pipe: PipeModel,
  payloads: unknown[],
  batch: SourceRecord[],
  ports: DeliveryPorts,
  traceParent: SpanId | undefined,
): Promise<TargetResult> {
  const target = pipe.target;
  const all = payloads.map((_, index) => index);
  switch (target.kind) {
    case 'eventbridge':
      return putEvents(target, payloads, ports.eventBridge, ports.caller, traceParent);
    case 'sqs': {
      const failedIndices: number[] = [];
      let reason: string | undefined;
      payloads.forEach((payload, index) => {
        try {
          ports.sqs.send(target.queueArn, { body: typeof payload === 'string' ? payload : JSON.stringify(payload), trace: { parent: traceParent } }, ports.caller);
        } catch (error) {
          failedIndices.push(index);
          reason ??= `SQS target failed: ${errorText(error)}`;
        }
      });
      return { failedIndices, reason };
    }
    case 'lambda': {
      if (target.invocationType === 'FIRE_AND_FORGET') {
        try {
          await ports.lambda.invokeAsync(target.functionArn, payloads, ports.caller, { traceParent });
          return { failedIndices: [] };
        } catch (error) {
          return { failedIndices: all, reason: `Lambda target failed: ${errorText(error)}` };
        }
      }
      const result = await ports.lambda.invoke(target.functionArn, payloads, ports.caller, { traceParent });
      if (result.error) {
        return { failedIndices: all, reason: `Lambda target failed: ${result.error.errorType}: ${result.error.errorMessage}` };
      }
      return { failedIndices: reportedFailures(result.payload, batch) };
    }
  }
}

/** A Lambda target's `batchItemFailures`, which name failed records by sequence number or message id. */
function reportedFailures(payload: unknown, batch: SourceRecord[]): number[] {
  const failures = (payload as { batchItemFailures?: unknown } | null | undefined)?.batchItemFailures;
  if (!Array.isArray(failures) || failures.length === 0) return [];
  const indices = failures.map((failure) =>
    batch.findIndex((record) => itemIdentifier(record) === (failure as { itemIdentifier?: unknown })?.itemIdentifier),
  );
  // An identifier that names no record of the batch fails all of it, as Lambda does.
  return indices.some((index) => index < 0) ? batch.map((_, index) => index) : indices;
}

function putEvents(
  target: Extract<PipeModel['target'], { kind: 'eventbridge' }>,
  payloads: unknown[],
  eventBridge: EventBridgePort,
  caller: RequestCaller,
  traceParent: SpanId | undefined,
): TargetResult {
  const busName = busNameFromArnOrName(target.busArn);
  const failedIndices: number[] = [];
  let reason: string | undefined;
  for (let start = 0; start < payloads.length; start += PUT_EVENTS_MAX_ENTRIES) {
    const chunk = payloads.slice(start, start + PUT_EVENTS_MAX_ENTRIES);
    const entries: PutEventsEntry[] = chunk.map((payload) => ({
      Source: target.source,
      DetailType: target.detailType,
      Detail: JSON.stringify(payload),
      EventBusName: busName,
      Resources: target.resources,
    }));
    try {
      const result = eventBridge.putEvents(entries, caller, { traceParent });
      result.Entries.forEach((entry, index) => {
        if (entry.ErrorCode === undefined) return;
        failedIndices.push(start + index);
        reason ??= `PutEvents entry failed: ${entry.ErrorCode}: ${entry.ErrorMessage ?? ''}`;
      });
    } catch (error) {
      chunk.forEach((_, index) => failedIndices.push(start + index));
      reason ??= `PutEvents failed: ${errorText(error)}`;
    }
  }
  return { failedIndices, reason };
}
