import { FAST_RETRY_DELAYS } from '../local/cli/faults';
import type { LocalCredentials } from '../local/iam/credentials';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../local/runtime';
import { localOperatorCredentials } from '../scripts/aws-target/local-operator';
import { createAwsClients, type LocalAwsClients } from './aws-clients';
import { CDK_OUT } from './project';

/** The local runtime running in this process (jest's), with real SDK clients on its endpoint. */
export interface InProcessRuntime {
  runtime: LocalRuntime;
  endpoint: string;
  /** As the local administrator, but EventBridge and SQS as the dev stage's operator role (see `operatorOf`). */
  clients: LocalAwsClients;
  /** The dev stage's operator role's local credentials, for any other client a test makes as the operator. */
  operatorCredentials: LocalCredentials;
  /** Every line the functions and the runtime logged. */
  logs: string[];
  stop(): Promise<void>;
}

/**
 * Starts the synthesized app in cdk.out on a free port, in this process, with `npm start --fast-retries`' retry
 * delays so that failure paths finish in seconds rather than AWS's minutes. `options` override any of that.
 */
export async function startInProcessRuntime(options: Partial<LocalRuntimeOptions> = {}): Promise<InProcessRuntime> {
  const logs: string[] = [];
  const runtime = await startLocalRuntime({
    cdkOutDir: CDK_OUT,
    port: 0,
    logSink: (line) => logs.push(line),
    retryDelays: FAST_RETRY_DELAYS,
    ...options,
  });
  const clients = createAwsClients({ endpoint: runtime.endpoint, operatorOf: 'dev' });
  const operatorCredentials = localOperatorCredentials('dev', 'in-process-runtime');
  return {
    runtime,
    endpoint: runtime.endpoint,
    clients,
    operatorCredentials,
    logs,
    async stop() {
      clients.destroy();
      await runtime.close();
    },
  };
}
