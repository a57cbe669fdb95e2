import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CfnResource } from '../local/template/cfn-types';
import { temporaryDirectory } from './local-fixtures';

export const TEST_STACK = 'test-stack';

/**
 * Writes a cloud assembly holding one stack with these resources, as `cdk synth` would, so a test can start the
 * whole local runtime on exactly the template it needs. Functions name their code folder in `aws:asset:path`.
 */
export function writeAssembly(resources: Record<string, CfnResource>, directory = temporaryDirectory('assembly-')): string {
  const manifest = {
    version: '48.0.0',
    artifacts: {
      [TEST_STACK]: {
        type: 'aws:cloudformation:stack',
        environment: 'aws://unknown-account/unknown-region',
        properties: { templateFile: `${TEST_STACK}.template.json`, stackName: TEST_STACK },
      },
    },
  };
  fs.writeFileSync(path.join(directory, 'manifest.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(directory, `${TEST_STACK}.template.json`), JSON.stringify({ Resources: resources }, null, 2));
  return directory;
}

/** A table keyed by `pk` (and `sk` when asked), with a NEW_AND_OLD_IMAGES stream unless `stream` is false. */
export function table(name: string, options: { sortKey?: boolean; stream?: boolean; timeToLiveAttribute?: string } = {}): CfnResource {
  const keys = [{ AttributeName: 'pk', KeyType: 'HASH' }, ...(options.sortKey ? [{ AttributeName: 'sk', KeyType: 'RANGE' }] : [])];
  return {
    Type: 'AWS::DynamoDB::Table',
    Properties: {
      TableName: name,
      KeySchema: keys,
      AttributeDefinitions: keys.map((key) => ({ AttributeName: key.AttributeName, AttributeType: 'S' })),
      BillingMode: 'PAY_PER_REQUEST',
      ...(options.stream === false ? {} : { StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } }),
      ...(options.timeToLiveAttribute ? { TimeToLiveSpecification: { AttributeName: options.timeToLiveAttribute, Enabled: true } } : {}),
    },
  };
}

export function queue(name: string): CfnResource {
  return { Type: 'AWS::SQS::Queue', Properties: { QueueName: name } };
}

/** A Node.js function whose code is the folder `codeDir`, its handler `index.<handler>`. */
export function lambdaFunction(name: string, codeDir: string, handler: string, environment: Record<string, string> = {}): CfnResource {
  return {
    Type: 'AWS::Lambda::Function',
    Properties: {
      FunctionName: name,
      Handler: `index.${handler}`,
      Runtime: 'nodejs20.x',
      Timeout: 10,
      Code: { S3Bucket: 'assets', S3Key: `${name}.zip` },
      Environment: { Variables: environment },
    },
    Metadata: { 'aws:asset:path': codeDir },
  };
}

/** An event source mapping of function `functionId` on the stream of table `tableId`, from the trim horizon. */
export function streamMapping(tableId: string, functionId: string, properties: Record<string, unknown> = {}): CfnResource {
  return {
    Type: 'AWS::Lambda::EventSourceMapping',
    Properties: {
      EventSourceArn: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
      FunctionName: { Ref: functionId },
      StartingPosition: 'TRIM_HORIZON',
      ...properties,
    },
  };
}
