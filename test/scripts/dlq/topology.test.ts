import * as path from 'node:path';
import { subscribers } from '../../../cdk/subscribers';
import { findDeadLetterQueue, validNames } from '../../../scripts/dlq/name-lookup';
import { loadStackTemplate } from '../../../scripts/dlq/stack-template';
import { discoverDeadLetterQueues, type RedrivableQueue } from '../../../scripts/dlq/topology';
import type { CfnTemplate } from '../../../local/template/cfn-types';
import { PROJECT_DIR } from '../../../support/project';

/** Discovery reads the synthesized app's own template: the same names AWS and the local runtime use. */
describe('dead-letter queues of the synthesized stack', () => {
  let template: CfnTemplate;
  let queues: RedrivableQueue[];

  beforeAll(async () => {
    template = await loadStackTemplate(PROJECT_DIR, path.join(PROJECT_DIR, 'cdk.out'), 'dev');
    queues = discoverDeadLetterQueues(template, 'dev');
  });

  const byName = (name: string) => queues.find((queue) => queue.queueName === name) as RedrivableQueue;

  test('every DLQ and the rejected-users queue is found, each with the path it belongs to', () => {
    const builtIn = ['users-fanout-dev-audit-log-dlq', 'users-fanout-dev-rejected-users', 'users-fanout-dev-user-created-dlq', 'users-fanout-dev-welcome-email-dlq'];
    const names = queues.map((queue) => queue.queueName);
    expect(names).toEqual(expect.arrayContaining(builtIn));
    // Besides the pipe's queues, exactly one DLQ per subscriber, including any added since (npm run new-subscriber).
    const pipeQueues = ['users-fanout-dev-rejected-users', 'users-fanout-dev-user-created-dlq'];
    const subscriberDlqs = subscribers.map((entry) => `users-fanout-dev-${entry.name}-dlq`);
    expect(names.sort()).toEqual([...pipeQueues, ...subscriberDlqs].sort());
    const userCreatedPipe = {
      pipeName: 'users-fanout-dev-user-created',
      filters: ['{"eventName":["INSERT"]}'],
      enrichment: 'users-fanout-dev-user-created-enrichment',
      target: { kind: 'eventbridge', busName: 'users-fanout-dev', source: 'users-fanout.users', detailType: 'UserCreated', resources: [] },
    };
    expect(byName('users-fanout-dev-user-created-dlq').path).toEqual({ kind: 'pipe', pipe: userCreatedPipe });
    expect(byName('users-fanout-dev-rejected-users').path).toEqual({ kind: 'rejected-users', replayThrough: userCreatedPipe, usersTableName: 'users-fanout-dev-users' });
    expect(byName('users-fanout-dev-welcome-email-dlq').path).toEqual({
      kind: 'subscriber-queue',
      subscriber: 'welcome-email',
      queueName: 'users-fanout-dev-welcome-email',
      maxReceiveCount: 5,
    });
    expect(byName('users-fanout-dev-audit-log-dlq').path).toEqual({
      kind: 'subscriber-function',
      subscriber: 'audit-log',
      functionName: 'users-fanout-dev-audit-log',
    });
  });

  test('redrive accepts full and short queue names and pipe or subscriber names; a queue name wins over a pipe name', () => {
    const resolved = (name: string) => findDeadLetterQueue(queues, name).queueName;

    expect(resolved('users-fanout-dev-welcome-email-dlq')).toBe('users-fanout-dev-welcome-email-dlq');
    expect(resolved('welcome-email-dlq')).toBe('users-fanout-dev-welcome-email-dlq');
    expect(resolved('welcome-email')).toBe('users-fanout-dev-welcome-email-dlq');
    expect(resolved('user-created')).toBe('users-fanout-dev-user-created-dlq');
    expect(resolved('rejected-users')).toBe('users-fanout-dev-rejected-users');
    expect(resolved('users-fanout-dev-user-created')).toBe('users-fanout-dev-user-created-dlq');
  });

  test('an unknown name is refused with every valid name', () => {
    expect(() => findDeadLetterQueue(queues, 'welcome')).toThrow(`No dead-letter queue is called "welcome". Valid names: ${validNames(queues).join(', ')}`);
    expect(validNames(queues)).toEqual(
      expect.arrayContaining(['user-created-dlq', 'user-created', 'rejected-users', 'welcome-email-dlq', 'welcome-email', 'audit-log-dlq', 'audit-log']),
    );
  });

  test('a function without an explicit name is refused, naming it: the command reads names from the template only', () => {
    const unnamed = structuredClone(template);
    const [logicalId, auditLog] = Object.entries(unnamed.Resources ?? {}).find(
      ([, resource]) => resource.Type === 'AWS::Lambda::Function' && resource.Properties?.FunctionName === 'users-fanout-dev-audit-log',
    )!;
    delete auditLog.Properties?.FunctionName;

    expect(() => discoverDeadLetterQueues(unnamed, 'dev')).toThrow(
      `${logicalId} has no literal FunctionName in the template; the dlq command needs explicit physical names`,
    );
  });
});
