import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as path from 'node:path';
import { startLocalRuntime, type LocalRuntime } from '../../../local/runtime';
import { readLog } from '../../../support/fixture-log';
import { temporaryDirectory } from '../../../support/local-fixtures';
import { lambdaFunction, queue, table, writeAssembly } from '../../../support/template-assembly';

describe('a pipe on a DynamoDB stream with input templates on its enrichment and its target', () => {
  let runtime: LocalRuntime;
  let dynamo: DynamoDBClient;
  let sqs: SQSClient;
  let logFile: string;

  beforeAll(async () => {
    logFile = path.join(temporaryDirectory('stream-templates-'), 'calls.jsonl');
    const assembly = writeAssembly({
      Users: table('users'),
      Out: queue('out'),
      Enrich: lambdaFunction('enrich', path.join(__dirname, 'fixtures', 'pipe-functions'), 'enrich', { LOG_FILE: logFile }),
      Pipe: {
        Type: 'AWS::Pipes::Pipe',
        Properties: {
          Name: 'users-pipe',
          RoleArn: 'arn:aws:iam::000000000000:role/pipe',
          Source: { 'Fn::GetAtt': ['Users', 'StreamArn'] },
          SourceParameters: { DynamoDBStreamParameters: { StartingPosition: 'TRIM_HORIZON', BatchSize: 1 } },
          Enrichment: { 'Fn::GetAtt': ['Enrich', 'Arn'] },
          EnrichmentParameters: { InputTemplate: '{"user": <$.dynamodb.Keys.pk.S>, "event": <$.eventName>, "names": <$.dynamodb.NewImage.names.L[*].S>}' },
          Target: { 'Fn::GetAtt': ['Out', 'Arn'] },
          TargetParameters: { InputTemplate: 'User <$.user> (<$.event>, enriched <$.enriched>) via <aws.pipes.pipe-name>: <$.names>' },
        },
      },
    });
    // The pipe names a role the template does not define, which local IAM would refuse: this tests pipes, not IAM.
    runtime = await startLocalRuntime({ cdkOutDir: assembly, port: 0, logSink: () => undefined, iam: 'off' });
    const config = { endpoint: runtime.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
    dynamo = new DynamoDBClient(config);
    sqs = new SQSClient(config);
  });
  afterAll(async () => {
    dynamo.destroy();
    sqs.destroy();
    await runtime.close();
  });

  it('shapes the enrichment input from the record, and the target message from what the enrichment returned', async () => {
    await dynamo.send(new PutItemCommand({ TableName: 'users', Item: { pk: { S: 'u-1' }, names: { L: [{ S: 'Ada' }, { S: 'Lovelace' }] } } }));
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'out' }));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 10 }));
    expect(readLog<{ event: unknown }>(logFile)[0].event).toEqual([{ user: 'u-1', event: 'INSERT', names: ['Ada', 'Lovelace'] }]);
    // A text template: values as text, the array without its quotes.
    expect(Messages?.[0].Body).toBe('User u-1 (INSERT, enriched true) via users-pipe: [Ada,Lovelace]');
  });
});
