import { execFile, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startInlineStack, type InlineStack } from '../../../support/inline-stack';

/** boto3 from the machine's Python; the test is skipped, with a note, where there is none. */
const python = ['python3', 'python'].find((candidate) => spawnSync(candidate, ['-c', 'import boto3']).status === 0);
const describeWithBoto3 = python ? describe : describe.skip;
if (!python) console.warn('No Python with boto3 (pip install boto3): the boto3 query-protocol test is skipped.');

describeWithBoto3('boto3 speaking SQS\'s query protocol, as AWS CLI releases before late 2023 did', () => {
  let stack: InlineStack;
  beforeAll(async () => {
    stack = await startInlineStack({ Work: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'query-work' } } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('sends, receives, deletes and reads attributes, and gets the query error codes', async () => {
    // Asynchronous: the endpoint runs in this process and must keep serving while Python waits on it.
    const { stdout } = await promisify(execFile)(python as string, [path.join(__dirname, 'fixtures', 'boto3_query_probe.py'), stack.runtime.endpoint], {
      env: { ...process.env, AWS_DATA_PATH: '' },
    });
    expect(JSON.parse(stdout)).toEqual({
      queues: [`${stack.runtime.endpoint}/000000000000/query-work`],
      batchFailed: ['InvalidParameterValue'],
      bodies: ['batched', 'from boto3'],
      attributes: { kind: { DataType: 'String', StringValue: 'probe' } },
      receiveCount: '1',
      deleted: 2,
      visible: '0',
      missingCode: 'AWS.SimpleQueueService.NonExistentQueue',
    });
  });
});
