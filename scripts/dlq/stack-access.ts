import { createAwsClients, type AwsClients, type AwsTarget } from './aws-clients';
import { QueueUrls } from './queue-urls';

/** Clients for the stack's account and region, with its queue URLs looked up once. */
export interface StackAccess {
  clients: AwsClients;
  queueUrls: QueueUrls;
  close(): void;
}

export function openStackAccess(target: AwsTarget): StackAccess {
  const clients = createAwsClients(target);
  return {
    clients,
    queueUrls: new QueueUrls(clients.sqs),
    close: () => clients.destroy(),
  };
}
