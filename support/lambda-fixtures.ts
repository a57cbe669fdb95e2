import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';

/** A fresh copy on every call: the enrichment middlewares rewrite records in place. */
export function pipesUsersBatch(): DynamoDBRecord[] {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', 'pipes-users-batch.json'), 'utf8')) as DynamoDBRecord[];
}

export function recordFor(eventID: string): DynamoDBRecord {
  const record = pipesUsersBatch().find((candidate) => candidate.eventID === eventID);
  if (!record) throw new Error(`fixture has no record ${eventID}`);
  return record;
}

/** Every email address that appears anywhere in the fixture, to prove none of them reaches a log line. */
export function fixtureEmailAddresses(): string[] {
  const text = readFileSync(join(__dirname, 'fixtures', 'pipes-users-batch.json'), 'utf8');
  return [...new Set(text.match(/[\w.+-]+@[\w-]+\.[\w.]+/g) ?? [])];
}

export const FIXTURE_IDS = {
  ada: '5f3a1c0e8b2d4e6f9a7b1c3d5e7f9a1b',
  grace: '8c2e4a6b0d1f3e5a7c9b2d4f6a8c0e1d',
  missingEmail: '2a4c6e8a0c2e4a6c8e0a2c4e6a8c0e2a',
  malformedEmail: '3b5d7f9b1d3f5b7d9f1b3d5f7b9d1f3b',
  modify: '4c6e8a0c2e4a6c8e0a2c4e6a8c0e2a4c',
  remove: '5d7f9b1d3f5b7d9f1b3d5f7b9d1f3b5d',
  badUserId: '6e8a0c2e4a6c8e0a2c4e6a8c0e2a4c6e',
  margaret: '7f9b1d3f5b7d9f1b3d5f7b9d1f3b5d7f',
} as const;

export const lambdaContext = {
  functionName: 'test-function',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:test-function',
  memoryLimitInMB: '256',
  awsRequestId: 'request-1',
  logGroupName: '/aws/lambda/test-function',
  logStreamName: 'stream',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};
