import { buildApp } from '../../cdk/build-app';
import { readAppConfig } from '../../cdk/config';
import { logicalIdOf, synthApp } from './synth-app';

const contextOf =
  (values: Record<string, unknown>) =>
  (key: string): unknown =>
    values[key];

describe('app configuration from context', () => {
  it('defaults to the dev stage and the example sender', () => {
    expect(readAppConfig(contextOf({}))).toEqual({ stage: 'dev', senderEmail: 'welcome@example.com', testEventSenders: [], sesMaxSendRate: 50 });
  });

  it('reads the SES sending rate from -c (a string) or cdk.json (a number)', () => {
    expect(readAppConfig(contextOf({ sesMaxSendRate: '1' })).sesMaxSendRate).toBe(1);
    expect(readAppConfig(contextOf({ sesMaxSendRate: 14.5 })).sesMaxSendRate).toBe(14.5);
  });

  it('reads the stage, the sender and the optional alarm email', () => {
    expect(readAppConfig(contextOf({ stage: 'prod', senderEmail: 'hello@example.org', alarmEmail: 'ops@example.org' }))).toEqual({
      stage: 'prod',
      senderEmail: 'hello@example.org',
      alarmEmail: 'ops@example.org',
      testEventSenders: [],
      sesMaxSendRate: 50,
    });
  });

  it('reads test event senders from -c (comma-separated) or cdk.json (a list), outside production only', () => {
    const tester = 'arn:aws:iam::123456789012:role/tester';
    const sso = 'arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Dev_*';
    expect(readAppConfig(contextOf({ testEventSenders: `${tester}, ${sso}` })).testEventSenders).toEqual([tester, sso]);
    expect(readAppConfig(contextOf({ stage: 'qa', testEventSenders: [tester] })).testEventSenders).toEqual([tester]);
    expect(() => readAppConfig(contextOf({ stage: 'prod', testEventSenders: tester }))).toThrow(
      'Invalid context value testEventSenders for stage prod: in production only the pipe and the operators\' redrive may publish users-fanout.users events',
    );
    expect(() => readAppConfig(contextOf({ testEventSenders: 'tester' }))).toThrow(
      'Invalid context value testEventSenders: "tester" is not an IAM role or user ARN such as arn:aws:iam::123456789012:role/tester',
    );
    expect(() => readAppConfig(contextOf({ testEventSenders: [42] }))).toThrow('Invalid context value testEventSenders=[42]');
  });

  it.each([
    [{ stage: 'Prod' }, 'stage="Prod"'],
    [{ stage: 'a'.repeat(17) }, `stage="${'a'.repeat(17)}"`],
    [{ stage: 'dev_1' }, 'stage="dev_1"'],
    [{ senderEmail: 'not-an-email' }, 'senderEmail="not-an-email"'],
    [{ alarmEmail: 'ops@' }, 'alarmEmail="ops@"'],
    [{ stage: 42 }, 'stage=42'],
    [{ sesMaxSendRate: '0' }, 'sesMaxSendRate="0"'],
    [{ sesMaxSendRate: 'fast' }, 'sesMaxSendRate="fast"'],
    [{ sesMaxSendRate: -1 }, 'sesMaxSendRate=-1'],
  ])('rejects %j with an error naming the value', (context, named) => {
    expect(() => readAppConfig(contextOf(context))).toThrow(`Invalid context value ${named}`);
  });

  it('names the stack after the stage and fails early on a bad stage', () => {
    expect(buildApp({ context: { stage: 'qa' } }).stack.stackName).toBe('UsersFanout-qa');
    expect(() => buildApp({ context: { stage: 'QA' } })).toThrow('Invalid context value stage="QA"');
  });
});

describe('production stage', () => {
  it('retains and protects the data tables, the rejected users and the dead letters', () => {
    const app = synthApp({ context: { stage: 'prod' } });
    try {
      const retained = [
        app.stack.usersTable,
        app.stack.node.findChild('AuditLogTable'),
        app.stack.node.findChild('RejectedUsersQueue'),
        app.stack.userCreatedPipe.deadLetterQueue,
        ...app.stack.subscribers.map((subscriber) => subscriber.deadLetterQueue),
      ];
      for (const construct of retained) {
        expect({ id: logicalIdOf(app, construct), policy: app.json.Resources[logicalIdOf(app, construct)]!.DeletionPolicy }).toEqual({
          id: logicalIdOf(app, construct),
          policy: 'Retain',
        });
      }
      app.template.hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'users-fanout-prod-users', DeletionProtectionEnabled: true });
    } finally {
      app.cleanup();
    }
  });
});
