import { createAwsClients, type AwsClients } from '../../support/aws-clients';
import { QueueUrls } from './queue-urls';

/** Clients for the stack's account and region, with its queue URLs looked up once. */
export interface StackAccess {
  clients: AwsClients;
  queueUrls: QueueUrls;
  close(): void;
}

/** `endpoint` undefined means AWS itself, with the SDK's credential chain; `region` undefined, the SDK's resolution. */
export function openStackAccess(target: { endpoint?: string; region?: string }): StackAccess {
  const clients = createAwsClients(target);
  return {
    clients,
    queueUrls: new QueueUrls(clients.sqs),
    close: () => clients.destroy(),
  };
}
