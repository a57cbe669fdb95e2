import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { compilePipeFilters } from '../../local/patterns';
import type { StackAccess } from './stack-access';
import type { PipePath } from './topology';

const PUT_EVENTS_MAX_ENTRIES = 10;

/** How far records went: `passed` the pipe's filters, and `sent` items reached its target. */
export interface ReplayOutcome {
  passed: number;
  sent: number;
}

/**
 * Runs records through a pipe's path as the pipe would: its filters, its enrichment invoked synchronously with
 * the bare array (which does what it does in the pipe: the user-created enrichment parks the records it cannot
 * publish), and its target. Throws, naming the step, on failure.
 */
export async function replayThroughPipe(access: StackAccess, pipe: PipePath, records: readonly unknown[]): Promise<ReplayOutcome> {
  const filters = compilePipeFilters(pipe.filters);
  const passing = records.filter((record) => filters.matches(record as object));
  if (passing.length === 0) return { passed: 0, sent: 0 };
  const items = pipe.enrichment === undefined ? passing : await enrich(access, pipe.enrichment, passing);
  if (items.length > 0) await sendToTarget(access, pipe, items);
  return { passed: passing.length, sent: items.length };
}

async function enrich(access: StackAccess, functionName: string, records: unknown[]): Promise<unknown[]> {
  const output = await access.clients.lambda.send(
    new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: Buffer.from(JSON.stringify(records)) }),
  );
  const text = Buffer.from(output.Payload ?? []).toString('utf8');
  const payload: unknown = text === '' ? null : JSON.parse(text);
  if (output.FunctionError !== undefined) {
    const { errorType, errorMessage } = (payload ?? {}) as { errorType?: string; errorMessage?: string };
    throw new Error(`enrichment ${functionName} failed: ${errorType ?? output.FunctionError}: ${errorMessage ?? ''}`);
  }
  if (payload === null) return [];
  if (!Array.isArray(payload)) throw new Error(`enrichment ${functionName} returned a non-array response`);
  return payload;
}

async function sendToTarget(access: StackAccess, pipe: PipePath, items: unknown[]): Promise<void> {
  const { target } = pipe;
  if (target.kind === 'sqs') {
    const queueUrl = await access.queueUrls.of(target.queueName);
    for (const item of items) {
      const body = typeof item === 'string' ? item : JSON.stringify(item);
      await access.clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    }
    return;
  }
  for (let start = 0; start < items.length; start += PUT_EVENTS_MAX_ENTRIES) {
    const entries = items.slice(start, start + PUT_EVENTS_MAX_ENTRIES).map((item) => ({
      Source: target.source,
      DetailType: target.detailType,
      Detail: JSON.stringify(item),
      EventBusName: target.busName,
      Resources: target.resources,
    }));
    const output = await access.clients.eventBridge.send(new PutEventsCommand({ Entries: entries }));
    const failed = (output.Entries ?? []).find((entry) => entry.ErrorCode !== undefined);
    if ((output.FailedEntryCount ?? 0) > 0) {
      throw new Error(`PutEvents onto ${target.busName} failed for ${output.FailedEntryCount} entries: ${failed?.ErrorCode}: ${failed?.ErrorMessage ?? ''}`);
    }
  }
}
