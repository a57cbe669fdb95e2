import * as path from 'node:path';
import { isFunctionOf } from '../../scripts/dlq/function-names';
import { findDeadLetterQueue, validNames } from '../../scripts/dlq/name-lookup';
import { loadStackTemplate } from '../../scripts/dlq/stack-template';
import { discoverDeadLetterQueues, type DeadLetterQueue } from '../../scripts/dlq/topology';
import { PROJECT_DIR } from '../e2e/local-stack';

/** Discovery reads the synthesized app's own template: the same names AWS and the local runtime use. */
describe('dead-letter queues of the synthesized stack', () => {
  let queues: DeadLetterQueue[];

  beforeAll(async () => {
    queues = discoverDeadLetterQueues(await loadStackTemplate(PROJECT_DIR, path.join(PROJECT_DIR, 'cdk.out'), 'dev'), 'dev');
  });

  const byName = (name: string) => queues.find((queue) => queue.queueName === name) as DeadLetterQueue;

  test('every DLQ and the rejected-users queue is found, each with the path it belongs to', () => {
    expect(queues.map((queue) => queue.queueName).sort()).toEqual(
      [
        'users-fanout-dev-audit-log-dlq',
        'users-fanout-dev-rejected-users',
        'users-fanout-dev-rejected-users-dlq',
        'users-fanout-dev-user-created-dlq',
        'users-fanout-dev-welcome-email-dlq',
      ].sort(),
    );
    const userCreatedPipe = {
      pipeName: 'users-fanout-dev-user-created',
      filters: ['{"eventName":["INSERT"]}'],
      enrichment: { stackName: 'UsersFanout-dev', logicalId: expect.stringMatching(/^UserCreatedPipeEnrichment/) },
      target: { kind: 'eventbridge', busName: 'users-fanout-dev', source: 'users-fanout.users', detailType: 'UserCreated', resources: [] },
    };
    expect(byName('users-fanout-dev-user-created-dlq').path).toEqual({ kind: 'pipe', pipe: userCreatedPipe });
    expect(byName('users-fanout-dev-rejected-users-dlq').path).toMatchObject({
      kind: 'pipe',
      pipe: { pipeName: 'users-fanout-dev-rejected-users', target: { kind: 'sqs', queueName: 'users-fanout-dev-rejected-users' } },
    });
    expect(byName('users-fanout-dev-rejected-users').path).toEqual({ kind: 'rejected-users', replayThrough: userCreatedPipe });
    expect(byName('users-fanout-dev-welcome-email-dlq').path).toEqual({
      kind: 'subscriber-queue',
      subscriber: 'welcome-email',
      queueName: 'users-fanout-dev-welcome-email',
      maxReceiveCount: 5,
    });
    expect(byName('users-fanout-dev-audit-log-dlq').path).toEqual({
      kind: 'subscriber-function',
      subscriber: 'audit-log',
      fn: { stackName: 'UsersFanout-dev', logicalId: expect.stringMatching(/^AuditLogHandler/) },
    });
  });

  test('redrive accepts full and short queue names and pipe or subscriber names; a queue name wins over a pipe name', () => {
    const resolved = (name: string) => findDeadLetterQueue(queues, name).queueName;

    expect(resolved('users-fanout-dev-welcome-email-dlq')).toBe('users-fanout-dev-welcome-email-dlq');
    expect(resolved('welcome-email-dlq')).toBe('users-fanout-dev-welcome-email-dlq');
    expect(resolved('welcome-email')).toBe('users-fanout-dev-welcome-email-dlq');
    expect(resolved('user-created')).toBe('users-fanout-dev-user-created-dlq');
    expect(resolved('rejected-users')).toBe('users-fanout-dev-rejected-users');
    expect(resolved('rejected-users-dlq')).toBe('users-fanout-dev-rejected-users-dlq');
  });

  test('an unknown name is refused with every valid name', () => {
    expect(() => findDeadLetterQueue(queues, 'welcome')).toThrow(`No dead-letter queue is called "welcome". Valid names: ${validNames(queues).join(', ')}`);
    expect(validNames(queues)).toEqual(
      expect.arrayContaining(['user-created-dlq', 'user-created', 'rejected-users-dlq', 'rejected-users', 'welcome-email-dlq', 'welcome-email', 'audit-log-dlq', 'audit-log']),
    );
  });
});

describe('finding a stack function by the name CloudFormation gave it', () => {
  const ref = { stackName: 'UsersFanout-dev', logicalId: 'UserCreatedPipeEnrichmentC98700B6' };

  test('the local runtime name and a CloudFormation name with a random suffix match', () => {
    expect(isFunctionOf('UsersFanout-dev-UserCreatedPipeEnrichmentC98700B6', ref)).toBe(true);
    expect(isFunctionOf('UsersFanout-dev-UserCreatedPipeEnrichmentC98700B6-aB3dE5fG7hJ9', ref)).toBe(true);
  });

  test('a name shortened to 64 characters matches by its prefixes', () => {
    const long = { stackName: 'UsersFanout-production-eu', logicalId: 'RejectedUsersPipeEnrichment6163BBC5' };
    const shortened = 'UsersFanout-production-eu-RejectedUsersPipeEnrichment6-aB3dE5fG7';
    expect(shortened).toHaveLength(64);

    expect(isFunctionOf(shortened, long)).toBe(true);
  });

  test('functions of other stacks or other logical ids do not match', () => {
    expect(isFunctionOf('UsersFanout-dev-AuditLogHandler68853551-aB3dE5fG7hJ9', ref)).toBe(false);
    expect(isFunctionOf('UsersFanout-prod-UserCreatedPipeEnrichmentC98700B6-aB3dE5fG7hJ9', ref)).toBe(false);
    expect(isFunctionOf('UsersFanout-dev-UserCreatedPipeEnrichment-aB3dE5fG7hJ9', ref)).toBe(false);
  });
});
