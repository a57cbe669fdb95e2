import { percentile } from './stats';

/**
 * Where a paced user's insert→email time goes, from the runtime's own traces (millisecond stamps on the runtime's
 * clock): the wait for the pipe's batch, which the app configures (its stream source's BatchSize and
 * MaximumBatchingWindowInSeconds; AWS waits it too), and everything after, which is the runtime's own delay.
 */
export interface PacedBreakdown {
  /** Users whose whole path the console still kept and was read. */
  sampled: number;
  batchWaitP50Ms: number;
  batchWaitP99Ms: number;
  /** From the pipe's batch starting to the email's capture: what the runtime adds. */
  afterBatchP50Ms: number;
  afterBatchP99Ms: number;
  /** Sampled paths with a cold start among their invocations (a sandbox started for it). */
  withColdStart: number;
}

interface HopJson {
  kind: string;
  startedAt: number;
  itemKeys: string[];
  attributes: Record<string, unknown>;
}

/** The newest users of the paced run, at most this many, are read back: the console keeps a bounded ring of hops. */
const SAMPLE = 100;

export async function pacedBreakdown(endpoint: string, userIds: readonly string[]): Promise<PacedBreakdown> {
  const batchWaits: number[] = [];
  const afterBatch: number[] = [];
  let withColdStart = 0;
  for (const userId of userIds.slice(-SAMPLE)) {
    const hops = await pathOf(endpoint, userId);
    const record = hops.find((hop) => hop.kind === 'stream.record');
    const batch = hops.find((hop) => hop.kind === 'pipe.batch');
    const email = hops.find((hop) => hop.kind === 'ses.email');
    if (!record || !batch || !email) throw new Error(`The console's trace of paced user ${userId} lacks a stream record, pipe batch or email hop: ${hops.map((hop) => hop.kind).join(', ')}`);
    batchWaits.push(batch.startedAt - record.startedAt);
    afterBatch.push(email.startedAt - batch.startedAt);
    if (hops.some((hop) => hop.kind === 'lambda.invoke' && hop.attributes.cold === true)) withColdStart++;
  }
  return {
    sampled: batchWaits.length,
    batchWaitP50Ms: percentile(batchWaits, 50),
    batchWaitP99Ms: percentile(batchWaits, 99),
    afterBatchP50Ms: percentile(afterBatch, 50),
    afterBatchP99Ms: percentile(afterBatch, 99),
    withColdStart,
  };
}

/**
 * The hops of one user's path, found by its key as a person finds it in the console. A search also matches
 * payloads by substring (user 1 in user 12's), so the path is the one whose stream record has the user's key.
 */
async function pathOf(endpoint: string, userId: string): Promise<HopJson[]> {
  const found = (await getJson(`${endpoint}/_console/api/traces?q=${encodeURIComponent(userId)}`)) as { traces: Array<{ rootId: string }> };
  for (const { rootId } of found.traces) {
    const { spans } = (await getJson(`${endpoint}/_console/api/traces/${encodeURIComponent(rootId)}`)) as { spans: HopJson[] };
    if (spans.some((hop) => hop.kind === 'stream.record' && hop.itemKeys.includes(userId))) return spans;
  }
  throw new Error(`The console keeps no path whose stream record is paced user ${userId}'s (${found.traces.length} traces matched the search)`);
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}
