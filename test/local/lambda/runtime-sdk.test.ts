import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLocalRuntime, type LocalRuntime } from '../../../local/runtime';
import { lambdaFunction, queue, writeAssembly } from '../../../support/template-assembly';
import { temporaryDirectory } from '../../../support/local-fixtures';

/** A function that asks SQS for a queue's URL with the SDK it does not bundle. */
const CALLS_SQS = `
const { SQSClient, GetQueueUrlCommand } = require('@aws-sdk/client-sqs');
exports.handler = async () => (await new SQSClient({}).send(new GetQueueUrlCommand({ QueueName: 'jobs' }))).QueueUrl;
`;
const CALLS_SQS_ESM = `
import { SQSClient, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
export const handler = async () => (await new SQSClient({}).send(new GetQueueUrlCommand({ QueueName: 'jobs' }))).QueueUrl;
`;
const NEEDS_S3 = `
const { S3Client } = require('@aws-sdk/client-s3');
exports.handler = async () => typeof S3Client;
`;

/** A code folder outside this project, as a `cdk.out` elsewhere would hold it. */
function codeFolder(file: string, source: string): string {
  const folder = temporaryDirectory('function-code-');
  fs.writeFileSync(path.join(folder, file), source);
  return folder;
}

describe('the AWS SDK v3 the Lambda runtime provides', () => {
  let runtime: LocalRuntime;
  let lambda: LambdaClient;

  beforeAll(async () => {
    // The assembly and every code folder but one lie in the system's temporary folder, far from this project.
    const assembly = writeAssembly({
      Jobs: queue('jobs'),
      CommonJs: lambdaFunction('common-js', codeFolder('index.js', CALLS_SQS), 'handler'),
      EsModule: lambdaFunction('es-module', codeFolder('index.mjs', CALLS_SQS_ESM), 'handler'),
      NeedsS3: lambdaFunction('needs-s3', codeFolder('index.js', NEEDS_S3), 'handler'),
      NeedsZod: lambdaFunction('needs-zod', path.join(__dirname, 'fixtures', 'runtime-sdk', 'needs-zod'), 'handler'),
      NeedsZodEsm: lambdaFunction('needs-zod-esm', path.join(__dirname, 'fixtures', 'runtime-sdk', 'needs-zod-esm'), 'handler'),
    });
    runtime = await startLocalRuntime({ cdkOutDir: assembly, port: 0, logSink: () => undefined });
    lambda = new LambdaClient({ endpoint: runtime.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  });
  afterAll(async () => {
    lambda.destroy();
    await runtime.close();
  });

  const invoke = async (name: string) => {
    const output = await lambda.send(new InvokeCommand({ FunctionName: name }));
    return { error: output.FunctionError, payload: JSON.parse(Buffer.from(output.Payload ?? []).toString()) as unknown };
  };

  it('lets a CommonJS bundle that leaves @aws-sdk/* out require it, and call the endpoint with it', async () => {
    expect(await invoke('common-js')).toEqual({ error: undefined, payload: `${runtime.endpoint}/000000000000/jobs` });
  });

  it('lets an ES module bundle import it', async () => {
    expect(await invoke('es-module')).toEqual({ error: undefined, payload: `${runtime.endpoint}/000000000000/jobs` });
  });

  it('names an SDK client the runtime does not hold, and how to add it', async () => {
    const { error, payload } = await invoke('needs-s3');
    expect(error).toBe('Unhandled');
    expect(payload).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: expect.stringMatching(/Cannot find module '@aws-sdk\/client-s3'.*@aws-sdk\/client-s3 is not one of them; add it to the project's devDependencies/),
    });
  });

  it.each([
    ['needs-zod', "Cannot find module 'zod'"],
    ['needs-zod-esm', "Cannot find package 'zod'"],
  ])('does not let %s reach packages outside its own folder, as Lambda does not, even inside this project', async (name, message) => {
    const { error, payload } = await invoke(name);
    expect(error).toBe('Unhandled');
    expect(payload).toMatchObject({ errorType: 'Runtime.ImportModuleError', errorMessage: expect.stringContaining(message) });
  });
});
