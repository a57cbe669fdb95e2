import { InvokeCommand } from '@aws-sdk/client-lambda';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createAwsClients } from '../../support/aws-clients';
import { ChildRuntime } from '../../support/child-runtime/child-runtime';
import { copyProject } from '../../support/project-copy';
import { stackNames } from '../../support/stack-names';
import { waitFor } from '../../support/waiting';
import { progress } from './progress';
import { median } from './stats';

export interface ReloadResult {
  /** Each save's time to the first invocation that ran the new code. */
  samplesMs: number[];
  medianMs: number;
}

const ROUNDS = 5;
/** The enrichment function's handler: invoked directly with an empty batch, it makes no AWS call and answers at once. */
const HANDLER = 'services/enrich-user/handler.ts';
/** The copy has no cdk.out, so its start synthesizes and bundles. */
const READY_LIMIT_MS = 300_000;
const ROUND_LIMIT_MS = 30_000;
const WATCH_READY = /watch: ready;/;

/**
 * Watch mode's reload, as a developer meets it: in a copy of the project under `npm start -- --watch`, a line that
 * prints a probe when the bundle loads is saved into a handler, and the function is invoked until an invocation
 * prints it. The time runs from the save to that invocation's start, as the runtime's trace records it.
 */
export async function measureReload(): Promise<ReloadResult> {
  progress('reload: npm start -- --watch in a copy of the project');
  const copy = copyProject();
  const functionName = stackNames().functions.userCreatedEnrichment;
  let watching = false;
  const runtime = await ChildRuntime.start({
    projectDir: copy.dir,
    launcher: 'npm-start',
    args: ['--watch'],
    readyTimeoutMs: READY_LIMIT_MS,
    onLine: (line) => (watching ||= WATCH_READY.test(line)),
  });
  const clients = createAwsClients({ endpoint: runtime.endpoint });
  try {
    await waitFor('watch mode to be ready', () => watching, { timeoutMs: READY_LIMIT_MS });
    const handlerFile = path.join(copy.dir, HANDLER);
    const original = fs.readFileSync(handlerFile, 'utf8');
    const samplesMs: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const probe = `reload-probe-${Date.now().toString(36)}-${round}`;
      const savedAt = Date.now();
      fs.writeFileSync(handlerFile, `${original}\nconsole.log('${probe}');\n`);
      const startedAt = await waitFor(
        `an invocation of ${functionName} running the code saved in round ${round}`,
        async () => {
          await clients.lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from('[]') }));
          return invocationPrinting(runtime.endpoint, functionName, probe);
        },
        { timeoutMs: ROUND_LIMIT_MS, intervalMs: 0 },
      );
      samplesMs.push(startedAt - savedAt);
      progress(`reload: round ${round}: ${startedAt - savedAt} ms from save to the first invocation of the new code`);
    }
    return { samplesMs, medianMs: median(samplesMs) };
  } finally {
    clients.destroy();
    await runtime.stop();
    copy.remove();
  }
}

/**
 * The start (runtime clock, epoch ms) of the first invocation whose output has the probe, from the console's function
 * view. A sandbox's output reaches the runtime on its own stream, a moment after the invocation's result, so it may
 * only show on the next look: the invocations made meanwhile do not move the figure, which is the earliest start.
 */
async function invocationPrinting(endpoint: string, functionName: string, probe: string): Promise<number | undefined> {
  const response = await fetch(`${endpoint}/_console/api/functions/${functionName}`);
  if (!response.ok) throw new Error(`The console's view of ${functionName} answered ${response.status}`);
  const fn = (await response.json()) as { invocations: Array<{ startedAt: number; logs?: string[] }> };
  const starts = fn.invocations.filter((invocation) => invocation.logs?.some((line) => line.includes(probe))).map((invocation) => invocation.startedAt);
  return starts.length > 0 ? Math.min(...starts) : undefined;
}
