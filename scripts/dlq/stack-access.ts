import { createAwsClients, type AwsClients } from '../../support/aws-clients';
import { localCommandCredentials } from '../aws-target/local-operator';
import { QueueUrls } from './queue-urls';

/** Clients for the stack's account and region, with its queue URLs looked up once. */
export interface StackAccess {
  clients: AwsClients;
  queueUrls: QueueUrls;
  close(): void;
}

/**
 * `endpoint` undefined means AWS itself, with the SDK's credential chain; `region` undefined, the SDK's resolution.
 * Against the local runtime the command acts as the stage's operator role, as operators act in AWS.
 */
export function openStackAccess(target: { endpoint?: string; region?: string; stage: string }): StackAccess {
  const credentials = target.endpoint === undefined ? undefined : localCommandCredentials(process.env, target.stage, 'npm-run-dlq');
  const clients = createAwsClients({ endpoint: target.endpoint, region: target.region, ...(credentials ? { credentials } : {}) });
  return {
    clients,
    queueUrls: new QueueUrls(clients.sqs),
    close: () => clients.destroy(),
  };
}
