import type { LambdaInvokeResult, LambdaPort } from '../../../local/model/ports';
import type { ArchiveModel, EventBusModel, QueueModel, RuleModel, RuleTargetModel } from '../../../local/model/types';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { createEventBridge, type LocalEventBridge } from '../../../local/eventbridge';
import { startEndpoint, type Endpoint } from '../../../local/server';
import { createSqs, type LocalSqs } from '../../../local/sqs';
import { openStateStore } from '../../../local/storage/state-store';
import { ACCOUNT, REGION, TEST_CREDENTIALS, queueModel } from '../../../support/local-fixtures';

export { ACCOUNT, REGION, TEST_CREDENTIALS, temporaryDirectory } from '../../../support/local-fixtures';

export const BUS: EventBusModel = { logicalId: 'Bus', name: 'users-fanout-test', arn: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/users-fanout-test` };
export const AUDIT_FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:audit-log`;

export const QUEUES: QueueModel[] = [queueModel('welcome'), queueModel('other'), queueModel('audit-dlq'), queueModel('details')];
export const queueArn = (name: string): string => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;

export function target(id: string, arn: string, overrides: Partial<RuleTargetModel> = {}): RuleTargetModel {
  return {
    id,
    arn,
    kind: arn.startsWith('arn:aws:lambda') ? 'lambda' : 'sqs',
    retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86_400 },
    ...overrides,
  };
}

export function rule(name: string, eventPattern: unknown, targets: RuleTargetModel[], overrides: Partial<RuleModel> = {}): RuleModel {
  return {
    logicalId: name,
    name,
    arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/${BUS.name}/${name}`,
    busName: BUS.name,
    eventPattern,
    state: 'ENABLED',
    targets,
    ...overrides,
  };
}

export const USER_CREATED_PATTERN = { source: ['users-fanout.users'], 'detail-type': ['UserCreated'] };

export const RULES: RuleModel[] = [
  rule('user-created-to-welcome', USER_CREATED_PATTERN, [target('welcome', queueArn('welcome'))], { description: 'Welcome emails' }),
  rule('user-created-to-audit', USER_CREATED_PATTERN, [
    target('audit', AUDIT_FUNCTION_ARN, { retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 3_600 }, deadLetterArn: queueArn('audit-dlq') }),
  ]),
  rule('user-created-details', USER_CREATED_PATTERN, [target('details', queueArn('details'), { inputPath: '$.detail.data' })]),
  rule('other-source', { source: ['other.source'] }, [target('other', queueArn('other'))]),
  rule('switched-off', { source: ['users-fanout.users'] }, [target('other', queueArn('other'))], { state: 'DISABLED' }),
];

export const ARCHIVES: ArchiveModel[] = [
  { logicalId: 'Archive', name: 'users-archive', sourceBusArn: BUS.arn, eventPattern: { source: ['users-fanout.users'] }, retentionDays: 7 },
];

/** A LambdaPort that records asynchronous invocations and refuses the first `failures` of them. */
export class RecordingLambda implements LambdaPort {
  readonly accepted: { functionArn: string; event: unknown }[] = [];
  attempts = 0;

  constructor(private failures = 0) {}

  async invoke(): Promise<LambdaInvokeResult> {
    throw new Error('RecordingLambda only takes asynchronous invocations');
  }

  async invokeAsync(functionArn: string, event: unknown): Promise<void> {
    this.attempts++;
    if (this.failures > 0) {
      this.failures--;
      throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
    }
    this.accepted.push({ functionArn, event });
  }
}

export const userCreatedEntry = (userId: string) => ({
  EventBusName: BUS.name,
  Source: 'users-fanout.users',
  DetailType: 'UserCreated',
  Detail: JSON.stringify({ metadata: { eventId: `e-${userId}` }, data: { userId } }),
});

/** The bus behind a real endpoint with a real SDK client, over in-memory SQS and a recording Lambda. */
export interface BusOnEndpoint {
  endpoint: Endpoint;
  sqs: LocalSqs;
  lambda: RecordingLambda;
  bus: LocalEventBridge;
  client: EventBridgeClient;
  close(): Promise<void>;
}

export async function startBusOnEndpoint(): Promise<BusOnEndpoint> {
  const endpoint = await startEndpoint({ port: 0, region: REGION, account: ACCOUNT });
  const store = openStateStore(undefined);
  const sqs = createSqs({ queues: QUEUES, store, endpoint: endpoint.url, region: REGION, account: ACCOUNT });
  const lambda = new RecordingLambda();
  const bus = createEventBridge({ buses: [BUS], rules: RULES, archives: ARCHIVES, store, sqs: sqs.port, lambda, region: REGION, account: ACCOUNT, logSink: () => {} });
  endpoint.mount(bus.handler);
  const client = new EventBridgeClient({ endpoint: endpoint.url, region: REGION, credentials: TEST_CREDENTIALS });
  return {
    endpoint,
    sqs,
    lambda,
    bus,
    client,
    async close() {
      client.destroy();
      await bus.close();
      await sqs.close();
      await endpoint.close();
      store.close();
    },
  };
}
