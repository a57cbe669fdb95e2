import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { QueueModel } from '../local/model/types';

/** Pieces for testing one emulated service on its own: the account and region, a queue's model, a state folder. */
export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export function queueModel(name: string, overrides: Partial<QueueModel> = {}): QueueModel {
  return {
    logicalId: name.replace(/[^A-Za-z0-9]/g, ''),
    name,
    arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`,
    url: `http://127.0.0.1:4566/${ACCOUNT}/${name}`,
    visibilityTimeoutSeconds: 30,
    messageRetentionSeconds: 345_600,
    delaySeconds: 0,
    receiveMessageWaitTimeSeconds: 0,
    sqsManagedSseEnabled: true,
    ...overrides,
  };
}

export function temporaryDirectory(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
