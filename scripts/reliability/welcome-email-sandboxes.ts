import { loadLocalModel } from '../../local/template';
import { CDK_OUT } from '../../support/project';
import { stackNames } from '../../support/stack-names';

/**
 * The welcome-email function's sandboxes a kill can interrupt at once: the maximum concurrency of the event source
 * mapping that reads its queue, read from cdk.out as the runtime runs it.
 */
export function welcomeEmailSandboxesAtMost(cdkOutDir: string = CDK_OUT): number {
  const model = loadLocalModel({ cdkOutDir, endpoint: 'http://127.0.0.1', region: 'us-east-1', account: '000000000000' });
  const { welcomeEmailQueue } = stackNames(cdkOutDir);
  const queue = model.queues.find((candidate) => candidate.name === welcomeEmailQueue);
  const mapping = model.eventSourceMappings.find((candidate) => candidate.queueArn === queue?.arn);
  if (!mapping?.maximumConcurrency) throw new Error(`No capped event source mapping reads ${welcomeEmailQueue} in ${cdkOutDir}`);
  return mapping.maximumConcurrency;
}
