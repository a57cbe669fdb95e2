import type { LocalCredentials } from '../../local/iam/credentials';
import { createAwsClients, type AwsClients } from '../../support/aws-clients';
import { ChildRuntime } from '../../support/child-runtime/child-runtime';
import { PROJECT_DIR } from '../../support/project';

/** A phase fails with the counts it reached when nothing progresses for this long. */
export const STALL_LIMIT_MS = 60_000;
const READY_LIMIT_MS = 120_000;

/**
 * A fresh `npm start -- --in-memory` for one phase, as a person runs it, so its memory and CPU are its own: of the
 * project's app, or of the given cloud assembly (`--assembly`).
 */
export function startBenchRuntime(options: { assemblyDir?: string; args?: string[]; readyTimeoutMs?: number } = {}): Promise<ChildRuntime> {
  return ChildRuntime.start({
    projectDir: PROJECT_DIR,
    launcher: 'npm-start',
    readyTimeoutMs: options.readyTimeoutMs ?? READY_LIMIT_MS,
    args: [...(options.assemblyDir === undefined ? [] : ['--assembly', options.assemblyDir]), ...(options.args ?? [])],
  });
}

/**
 * SDK clients with a socket for each request in flight, and one attempt each: a failure is a finding, not retried.
 * As the local administrator, or as the role whose `credentials` are given.
 */
export function benchClients(endpoint: string, concurrency: number, credentials?: LocalCredentials): AwsClients {
  // The request timeout is longer than the stall limit, so a runtime that stops answering is reported as a stall, with the counts reached.
  return createAwsClients({ endpoint, maxSockets: concurrency, requestTimeoutMs: 2 * STALL_LIMIT_MS, maxAttempts: 1, ...(credentials ? { credentials } : {}) });
}
