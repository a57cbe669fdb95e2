import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LocalRuntimeOptions } from '../../local/runtime';
import { loadLocalModel } from '../../local/template';
import { awsClients, type AwsClients } from '../../scripts/reliability-kit/clients';
import { forEachConcurrently } from '../../scripts/reliability-kit/concurrency';
import { SUPPRESSION_MESSAGES } from '../../scripts/reliability-kit/names';
import { mailTimesByUser } from '../../scripts/reliability-kit/observe';
import type { UserItem } from '../../scripts/reliability-kit/users';
import { insertUser } from '../../scripts/reliability-kit/writes';
import { PROJECT_DIR, startLocalStack, type LocalStack } from '../e2e/local-stack';

export const CDK_OUT = path.join(PROJECT_DIR, 'cdk.out');

export interface ReliabilityStack extends LocalStack {
  clients: AwsClients;
}

/**
 * The local runtime in-process on a free port (fast retries), with the reliability kit's clients. With
 * `visibilityTimeoutSeconds`, it runs a copy of the assembly whose queues have that visibility timeout.
 */
export async function startReliabilityStack(
  options: Partial<LocalRuntimeOptions> & { visibilityTimeoutSeconds?: number } = {},
): Promise<ReliabilityStack> {
  const { visibilityTimeoutSeconds, ...runtimeOptions } = options;
  const assemblyDir = visibilityTimeoutSeconds === undefined ? undefined : assemblyWithVisibilityTimeout(visibilityTimeoutSeconds);
  const stack = await startLocalStack({ ...runtimeOptions, ...(assemblyDir ? { cdkOutDir: assemblyDir } : {}) });
  const clients = awsClients(stack.endpoint);
  return {
    ...stack,
    clients,
    stop: async () => {
      clients.destroy();
      await stack.stop();
      if (assemblyDir) fs.rmSync(assemblyDir, { recursive: true, force: true });
    },
  };
}

/**
 * The function timeout (10 s), the shortest visibility timeout AWS accepts for a queue that triggers the function.
 * Tests whose claim does not depend on the synthesized 60 s use it, so a redelivery does not wait a minute.
 */
export const SHORTEST_VALID_VISIBILITY_SECONDS = 10;

/** The physical name of the function the rule `ruleName` targets, read from the synthesized template. */
export function functionTargetOf(ruleName: string): string {
  const model = loadLocalModel({ cdkOutDir: CDK_OUT, endpoint: 'http://127.0.0.1', region: 'us-east-1', account: '000000000000' });
  const target = model.rules.find((rule) => rule.name === ruleName)?.targets[0];
  const fn = model.functions.find((candidate) => candidate.arn === target?.arn);
  if (!fn) throw new Error(`Rule ${ruleName} targets no function of the template in ${CDK_OUT}`);
  return fn.name;
}

export function insertAll(clients: AwsClients, items: UserItem[], concurrency = 16): Promise<void> {
  return forEachConcurrently(items, concurrency, (item) => insertUser(clients, item));
}

export async function mailCount(endpoint: string, userId: string): Promise<number> {
  return (await mailTimesByUser(endpoint)).get(userId)?.length ?? 0;
}

export function suppressionLines(logs: string[], message: (typeof SUPPRESSION_MESSAGES)[number]): number {
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
