import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LocalRuntimeOptions } from '../../local/runtime';
import { mailTimesByUser } from '../../scripts/reliability/observe';
import { insertUser } from '../../scripts/reliability/writes';
import type { LocalAwsClients } from '../../support/aws-clients';
import { forEachConcurrently } from '../../support/concurrency';
import { startInProcessRuntime, type InProcessRuntime } from '../../support/in-process-runtime';
import { CDK_OUT } from '../../support/project';
import type { UserItem } from '../../support/users';

/**
 * The local runtime in-process on a free port (fast retries). With `visibilityTimeoutSeconds`, it runs a copy of
 * the assembly whose queues have that visibility timeout.
 */
export async function startReliabilityRuntime(
  options: Partial<LocalRuntimeOptions> & { visibilityTimeoutSeconds?: number } = {},
): Promise<InProcessRuntime> {
  const { visibilityTimeoutSeconds, ...runtimeOptions } = options;
  const assemblyDir = visibilityTimeoutSeconds === undefined ? undefined : assemblyWithVisibilityTimeout(visibilityTimeoutSeconds);
  const started = await startInProcessRuntime({ ...runtimeOptions, ...(assemblyDir ? { cdkOutDir: assemblyDir } : {}) });
  return {
    ...started,
    stop: async () => {
      await started.stop();
      if (assemblyDir) fs.rmSync(assemblyDir, { recursive: true, force: true });
    },
  };
}

/**
 * The function timeout (10 s), the shortest visibility timeout AWS accepts for a queue that triggers the function.
 * Tests whose claim does not depend on the synthesized 60 s use it, so a redelivery does not wait a minute.
 */
export const SHORTEST_VALID_VISIBILITY_SECONDS = 10;

export function insertAll(clients: LocalAwsClients, items: UserItem[], concurrency = 16): Promise<void> {
  return forEachConcurrently(items, concurrency, (item) => insertUser(clients, item));
}

export async function mailCount(endpoint: string, userId: string): Promise<number> {
  return (await mailTimesByUser(endpoint)).get(userId)?.length ?? 0;
}

export function suppressionLines(logs: string[], message: string): number {
  return logs.filter((line) => line.includes(message)).length;
}

/** A copy of the synthesized assembly whose queues have `seconds` of visibility timeout; asset folders are linked. */
function assemblyWithVisibilityTimeout(seconds: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'users-fanout-assembly-'));
  for (const entry of fs.readdirSync(CDK_OUT)) {
    const source = path.join(CDK_OUT, entry);
    if (entry.startsWith('asset.')) fs.symlinkSync(source, path.join(dir, entry));
    else if (entry.endsWith('.template.json')) {
      const template = JSON.parse(fs.readFileSync(source, 'utf8')) as { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
      for (const resource of Object.values(template.Resources)) {
        if (resource.Type === 'AWS::SQS::Queue' && resource.Properties) resource.Properties.VisibilityTimeout = seconds;
      }
      fs.writeFileSync(path.join(dir, entry), JSON.stringify(template));
    } else if (entry.endsWith('.json')) fs.copyFileSync(source, path.join(dir, entry));
  }
  return dir;
}
