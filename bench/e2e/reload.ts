import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyProject } from '../../test/subscribers/project-copy';
import { progress } from './progress';
import { startRuntimeProcess } from './runtime-process';
import { median } from './stats';
import { sleep } from './timing';

export interface ReloadResult {
  /** Each save's time to the first invocation that ran the new code. */
  samplesMs: number[];
  medianMs: number;
}

const ROUNDS = 5;
/** The enrichment function: invoked directly with an empty batch, it makes no AWS call and answers at once. */
const HANDLER = 'services/enrich-user/handler.ts';
const FUNCTION_NAME = 'users-fanout-dev-user-created-enrichment';
const READY_LIMIT_MS = 300_000;
const ROUND_LIMIT_MS = 30_000;

/**
 * Watch mode's reload, as a developer meets it: in a copy of the project under `npm start -- --watch`, a line that
 * prints a probe when the bundle loads is saved into a handler, and the function is invoked until an invocation
 * prints it. The time runs from the save to that invocation's start, as the runtime's trace records it.
 */
export async function measureReload(): Promise<ReloadResult> {
  progress('reload: npm start -- --watch in a copy of the project');
  const copy = copyProject();
  let output = '';
  const runtime = await startRuntimeProcess(copy.dir, READY_LIMIT_MS, { args: ['--watch'], onOutput: (text) => (output += text) });
  const lambda = new LambdaClient({ endpoint: runtime.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await until(() => /watch: ready;/.test(output), READY_LIMIT_MS, 'watch mode to be ready');
    const handlerFile = path.join(copy.dir, HANDLER);
    const original = fs.readFileSync(handlerFile, 'utf8');
    const samplesMs: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const probe = `reload-probe-${Date.now().toString(36)}-${round}`;
      const savedAt = Date.now();
      fs.writeFileSync(handlerFile, `${original}\nconsole.log('${probe}');\n`);
      const deadline = savedAt + ROUND_LIMIT_MS;
      let startedAt: number | undefined;
      while (startedAt === undefined) {
        if (Date.now() > deadline) throw new Error(`No invocation ran the saved code within ${ROUND_LIMIT_MS / 1000} s; the runtime's last output:\n${output.slice(-2000)}`);
        await lambda.send(new InvokeCommand({ FunctionName: FUNCTION_NAME, Payload: Buffer.from('[]') }));
        startedAt = await invocationPrinting(runtime.endpoint, probe);
      }
      samplesMs.push(startedAt - savedAt);
      progress(`reload: round ${round}: ${startedAt - savedAt} ms from save to the first invocation of the new code`);
    }
    return { samplesMs, medianMs: median(samplesMs) };
  } finally {
    lambda.destroy();
    await runtime.stop();
    copy.remove();
  }
}

/** The start (runtime clock, epoch ms) of the invocation whose output has the probe, from the console's function view. */
async function invocationPrinting(endpoint: string, probe: string): Promise<number | undefined> {
  // A sandbox's output reaches the runtime on its own stream, a moment after the invocation's result.
  for (let attempt = 0; attempt < 5; attempt++) {
    const response = await fetch(`${endpoint}/_console/api/functions/${FUNCTION_NAME}`);
    const fn = (await response.json()) as { invocations: Array<{ startedAt: number; logs?: string[] }> };
    const found = fn.invocations.filter((invocation) => invocation.logs?.some((line) => line.includes(probe))).at(-1);
    if (found) return found.startedAt;
    await sleep(10);
  }
  return undefined;
}

async function until(condition: () => boolean, limitMs: number, what: string): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${limitMs / 1000} s waiting for ${what}`);
    await sleep(100);
  }
}
