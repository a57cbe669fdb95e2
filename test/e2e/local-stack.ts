import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import * as path from 'node:path';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../local/runtime';

export const PROJECT_DIR = path.resolve(__dirname, '../..');
export const USERS_TABLE = 'users-fanout-dev-users';
export const AUDIT_TABLE = 'users-fanout-dev-audit-log';
export const REJECTED_USERS_QUEUE = 'users-fanout-dev-rejected-users';
/** The dev stage's HMAC key, by the alias operators use to compute an address's pseudonym. */
export const EMAIL_HMAC_KEY_ALIAS = 'alias/users-fanout-dev-email-hmac';

/** Short retry delays, so failure paths finish in seconds rather than AWS's minutes. */
export const FAST_RETRIES: NonNullable<LocalRuntimeOptions['retryDelays']> = {
  lambdaAsyncMs: [200, 400],
  eventBridgeMs: [100, 200, 400],
  pipeBackoff: { initialMs: 100, maxMs: 1000 },
};

export interface LocalStack {
  runtime: LocalRuntime;
  endpoint: string;
  dynamodb: DynamoDBClient;
  eventBridge: EventBridgeClient;
  sqs: SQSClient;
  /** Every line the functions and the runtime logged. */
  logs: string[];
  stop(): Promise<void>;
}

/** Starts the local runtime in-process on a free port, with real SDK clients pointed at it. */
export async function startLocalStack(options: Partial<LocalRuntimeOptions> = {}): Promise<LocalStack> {
  const logs: string[] = [];
  const runtime = await startLocalRuntime({
    cdkOutDir: path.join(PROJECT_DIR, 'cdk.out'),
    port: 0,
    logSink: (line) => logs.push(line),
    retryDelays: FAST_RETRIES,
    ...options,
  });
  const config = {
    endpoint: runtime.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const dynamodb = new DynamoDBClient(config);
  const eventBridge = new EventBridgeClient(config);
  const sqs = new SQSClient(config);
  return {
    runtime,
    endpoint: runtime.endpoint,
    dynamodb,
    eventBridge,
    sqs,
    logs,
    async stop() {
      for (const client of [dynamodb, eventBridge, sqs]) client.destroy();
      await runtime.close();
    },
  };
}

/** Polls `probe` until it returns a value other than undefined, or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface CapturedMail {
  Id: string;
  Source: string;
  Destination: { ToAddresses: string[] };
  Subject: string;
  Body: { text_part?: string; html_part?: string };
  Timestamp: string;
}

export async function capturedMail(endpoint: string): Promise<CapturedMail[]> {
  const response = await fetch(`${endpoint}/_aws/ses`);
  if (!response.ok) throw new Error(`GET /_aws/ses answered ${response.status}`);
  return ((await response.json()) as { messages: CapturedMail[] }).messages;
}

export async function mailTo(endpoint: string, address: string): Promise<CapturedMail[]> {
  return (await capturedMail(endpoint)).filter((mail) => mail.Destination.ToAddresses.includes(address));
}

export function userItem(userId: string, email: string | undefined, givenName = 'Ada'): Record<string, { S: string }> {
  const item: Record<string, { S: string }> = {
    userId: { S: userId },
    givenName: { S: givenName },
    createdAt: { S: new Date().toISOString() },
  };
  if (email !== undefined) item.email = { S: email };
  return item;
}

export const EMAIL_ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
