import type { EventBridgeInspection } from '../eventbridge';
import type { LambdaInvokeResult } from '../model/ports';
import type { LocalModel } from '../model/types';
import type { LocalStackSesMessage } from '../ses';
import type { SqsInspection } from '../sqs';
import type { SpanStore } from '../trace';
import type { ReloadLog } from './reload-log';

/**
 * What the console reads and acts through: the running services, through their own operations and inspection
 * views, never their storage. Getters, because watch mode replaces the services when it applies a new template.
 * Its actions (send an event, invoke a function) are authorized (local IAM) as the runtime's console role, an
 * operator's role, or else as the local account's administrator; it reads tables as the administrator.
 */
export interface ConsoleSources {
  /** The model the runtime runs now. */
  model(): LocalModel;
  tracer: SpanStore;
  /** A DynamoDB operation, validated and run as a request to the endpoint would be. */
  dynamoDb(operation: string, input: Record<string, unknown>): Promise<unknown>;
  /** An EventBridge operation, validated and run as a request to the endpoint would be. */
  eventBridge(operation: string, input: Record<string, unknown>): Promise<unknown>;
  busInspection(): EventBridgeInspection;
  sqs(): SqsInspection;
  /** A RequestResponse invocation of the function. */
  invokeFunction(functionArn: string, event: unknown): Promise<LambdaInvokeResult>;
  /** The last sequence number each pipe settled, by pipe ARN. */
  pipePositions(): Map<string, string | undefined>;
  mail(): { messages(): LocalStackSesMessage[]; clear(): void };
  reloads: ReloadLog;
}
