import { GetQueueUrlCommand, QueueDoesNotExist, SQSClient } from '@aws-sdk/client-sqs';
import { DlqError } from './dlq-error';

/** Queue URLs by name, looked up once: they differ between AWS and the local endpoint, the names do not. */
export class QueueUrls {
  private readonly urls = new Map<string, Promise<string>>();

  constructor(private readonly sqs: SQSClient) {}

  of(queueName: string): Promise<string> {
    let url = this.urls.get(queueName);
    if (url === undefined) {
      url = this.lookUp(queueName);
      this.urls.set(queueName, url);
    }
    return url;
  }

  private async lookUp(queueName: string): Promise<string> {
    try {
      const { QueueUrl } = await this.sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
      if (QueueUrl === undefined) throw new DlqError(`GetQueueUrl returned no URL for ${queueName}`);
      return QueueUrl;
    } catch (error) {
      if (error instanceof QueueDoesNotExist) throw new DlqError(`Queue ${queueName} does not exist; is the stack deployed (or the local runtime started)?`);
      throw error;
    }
  }
}
