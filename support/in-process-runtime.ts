import { FAST_RETRY_DELAYS } from '../local/cli/faults';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../local/runtime';
import { createAwsClients, type LocalAwsClients } from './aws-clients';
import { CDK_OUT } from './project';

/** The local runtime running in this process (jest's), with real SDK clients on its endpoint. */
export interface InProcessRuntime {
  runtime: LocalRuntime;
  endpoint: string;
  clients: LocalAwsClients;
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
  const clients = createAwsClients({ endpoint: runtime.endpoint });
  return {
    runtime,
    endpoint: runtime.endpoint,
    clients,
    logs,
    async stop() {
      clients.destroy();
      await runtime.close();
    },
  };
}
