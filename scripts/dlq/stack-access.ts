import { createAwsClients, type AwsClients, type AwsTarget } from './aws-clients';
import { FunctionNames } from './function-names';
import { QueueUrls } from './queue-urls';

/** Clients for the stack's account and region, with its queue URLs and function names looked up once. */
export interface StackAccess {
  clients: AwsClients;
  queueUrls: QueueUrls;
  functionNames: FunctionNames;
  close(): void;
}

export function openStackAccess(target: AwsTarget): StackAccess {
  const clients = createAwsClients(target);
  return {
    clients,
    queueUrls: new QueueUrls(clients.sqs),
    functionNames: new FunctionNames(clients.lambda),
    close: () => clients.destroy(),
  };
}
