import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CfnResource } from '../local/template/cfn-types';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../local/runtime';
import { readLog } from './fixture-log';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-defaults';
import { temporaryDirectory } from './local-fixtures';

const RECORDER_DIR = path.join(__dirname, 'fixtures', 'recorder');

/**
 * A one-stack cloud assembly written from a template's resources, so a test can run exactly the resources it is
 * about through the whole runtime: template loading, the services and the endpoint.
 */
export function writeInlineAssembly(resources: Record<string, CfnResource>, stackName = 'inline'): string {
  const dir = temporaryDirectory('inline-assembly-');
  fs.writeFileSync(path.join(dir, 'Inline.template.json'), JSON.stringify({ Resources: resources }));
  fs.writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({ version: '48.0.0', artifacts: { Inline: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Inline.template.json', stackName } } } }),
  );
  return dir;
}

/** A function of the recorder fixture: `record` appends each event to `logFile` as a JSON line; `fail` does too, then throws. */
export function recorderFunction(name: string, handler: 'record' | 'fail', logFile: string): CfnResource {
  return {
    Type: 'AWS::Lambda::Function',
    Metadata: { 'aws:asset:path': RECORDER_DIR },
    Properties: { FunctionName: name, Code: { S3Key: 'recorder.zip' }, Handler: `index.${handler}`, Runtime: 'nodejs20.x', Environment: { Variables: { LOG_FILE: logFile } } },
  };
}

/** The events a recorder function received, in order. */
export const recorded: <T = unknown>(logFile: string) => T[] = readLog;

export interface InlineStack {
  runtime: LocalRuntime;
  /** SDK client settings for the runtime's endpoint. */
  clientConfig: { endpoint: string; region: string; credentials: typeof LOCAL_CREDENTIALS };
  /** Every line the runtime and its functions logged. */
  logs: string[];
  stop(): Promise<void>;
}

/**
 * Runs the resources in memory on a free port. Local IAM is off unless `options.iam` says otherwise: each inline
 * stack exercises one service feature with the fewest resources, without the roles, queue policies and Lambda
 * permissions AWS would also require, which local IAM would rightly refuse. IAM's own tests, and every test of the
 * real app, run with it enforced.
 */
export async function startInlineStack(resources: Record<string, CfnResource>, options: Partial<LocalRuntimeOptions> = {}): Promise<InlineStack> {
  const logs: string[] = [];
  const runtime = await startLocalRuntime({
    cdkOutDir: writeInlineAssembly(resources),
    port: 0,
    region: LOCAL_REGION,
    logSink: (line) => logs.push(line),
    iam: 'off',
    ...options,
  });
  return {
    runtime,
    clientConfig: { endpoint: runtime.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS },
    logs,
    stop: () => runtime.close(),
  };
}

/** A path in a fresh temporary folder, for a recorder function's log. */
export function temporaryLogFile(): string {
  return path.join(temporaryDirectory('inline-log-'), 'events.jsonl');
}

