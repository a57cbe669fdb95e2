import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { DescribePipeCommand, PipesClient } from '@aws-sdk/client-pipes';
import { GetQueueUrlCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { createAwsClients } from '../../support/aws-clients';
import { ChildRuntime } from '../../support/child-runtime/child-runtime';
import { startInProcessRuntime } from '../../support/in-process-runtime';
import { mailTo } from '../../support/observers/mail';
import { CDK_OUT, PROJECT_DIR } from '../../support/project';
import { stackNames } from '../../support/stack-names';
import { userItem } from '../../support/users';
import { waitFor } from '../../support/waiting';

import { copyAssembly, logicalIdOf, withoutActions, type AssemblyCopy, type EditableTemplate } from './assembly-copy';
import { expectWelcomeEmail } from './welcome-scenario';

const names = stackNames();
const TEMPLATE = 'UsersFanout-dev.template.json';

/** The welcome-email function's role without its one grant to send email. */
function withoutSendEmail(template: EditableTemplate, fileName: string): void {
  if (fileName !== TEMPLATE) return;
  withoutActions(template, logicalIdOf(template, 'AWS::IAM::Policy', 'WelcomeEmailHandlerRoleDefaultPolicy'), (action) => action === 'ses:SendEmail');
}

/**
 * The template with one grant taken away, run as it would be deployed: what AWS would then refuse is refused, and
 * the end-to-end scenario fails naming the missing permission.
 */
describe('a grant taken from the template', () => {
  const copies: AssemblyCopy[] = [];
  const copy = (edit: (template: EditableTemplate, fileName: string) => void): AssemblyCopy => {
    const made = copyAssembly(CDK_OUT, edit);
    copies.push(made);
    return made;
  };

  afterAll(() => {
    for (const made of copies) made.remove();
  });

  it('without ses:SendEmail, the welcome email scenario fails with AccessDenied naming ses:SendEmail (in-process)', async () => {
    const stack = await startInProcessRuntime({ cdkOutDir: copy(withoutSendEmail).dir });
    try {
      await expect(expectWelcomeEmail(stack.endpoint, stack.logs, 'refused-ses')).rejects.toThrow(
        /^No welcome email to refused-ses: refused: iam: refused: User: arn:aws:sts::000000000000:assumed-role\/UsersFanout-dev-WelcomeEmailHandlerRole[^/]+\/users-fanout-dev-welcome-email is not authorized to perform: ses:SendEmail on resource: arn:aws:ses:us-east-1:000000000000:identity\/welcome@example\.com because no identity-based policy allows the ses:SendEmail action$/,
      );
      // The function saw SES's own error, as it would in AWS.
      const sesError = /Welcome email failed.*AccessDenied: User `arn:aws:sts::[^`']+' is not authorized to perform `ses:SendEmail'/;
      await waitFor("the function's AccessDenied", async () => (stack.logs.some((line) => sesError.test(line)) ? true : undefined), { timeoutMs: 10_000 });
      expect(stack.runtime.iam.denials()).toEqual([expect.objectContaining({ action: 'ses:SendEmail', enforced: true })]);
    } finally {
      await stack.stop();
    }
  });

  it('without ses:SendEmail, the same scenario fails the same way against `npm start -- --assembly` on the edited assembly', async () => {
    const output: string[] = [];
    const runtime = await ChildRuntime.start({ projectDir: PROJECT_DIR, launcher: 'npm-start', args: ['--assembly', copy(withoutSendEmail).dir], onLine: (line) => output.push(line) });
    try {
      expect(output.some((line) => line.includes('npm run synth'))).toBe(false);
      await expect(expectWelcomeEmail(runtime.endpoint, output, 'refused-ses-child')).rejects.toThrow(
        /^No welcome email to refused-ses-child: refused: iam: refused: User: arn:aws:sts::000000000000:assumed-role\/UsersFanout-dev-WelcomeEmailHandlerRole[^/]+\/users-fanout-dev-welcome-email is not authorized to perform: ses:SendEmail on resource: /,
      );
    } finally {
      await runtime.stop();
    }
  });

  it("a pipe whose role cannot read the stream is CREATE_FAILED with AWS's reason, and its records wait", async () => {
    const withoutStreamReads = (template: EditableTemplate, fileName: string): void => {
      if (fileName === TEMPLATE) withoutActions(template, logicalIdOf(template, 'AWS::IAM::Policy', 'UserCreatedPipePipeRoleDefaultPolicy'), (action) => action === 'dynamodb:GetRecords');
    };
    const stack = await startInProcessRuntime({ cdkOutDir: copy(withoutStreamReads).dir });
    const pipes = new PipesClient({ endpoint: stack.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    try {
      const source = stack.runtime.model.pipes.find((pipe) => pipe.name === 'users-fanout-dev-user-created')?.source;
      const streamArn = source?.kind === 'dynamodb-stream' ? source.streamArn : undefined;
      await expect(pipes.send(new DescribePipeCommand({ Name: 'users-fanout-dev-user-created' }))).resolves.toMatchObject({
        DesiredState: 'RUNNING',
        CurrentState: 'CREATE_FAILED',
        StateReason: `Input parameter is invalid from the request due to : Cannot access stream ${streamArn}. Please ensure the customer role can perform actions on source stream`,
      });
      await stack.clients.dynamodb.send(new PutItemCommand({ TableName: names.usersTable, Item: userItem({ userId: 'pipe-failed', email: 'pipe-failed@example.com' }) }));
      // The sentinel: a running pipe holds one of the shard's two reader places. Two API clients polling the shard
      // both get in, and a third is refused, so the failed pipe reads nothing, and the record waits in the stream.
      // One attempt per call: the SDK would retry LimitExceededException as throttling.
      const { streams, destroy } = createAwsClients({ endpoint: stack.endpoint, maxAttempts: 1 });
      try {
        const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
        const shardId = StreamDescription?.Shards?.[0].ShardId;
        const read = (iterator: string | undefined) => streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
        /** Reads the shard from its start and polls on: the second read takes a reader's place. The first read's keys. */
        const pollTwice = async () => {
          const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
          const first = await read(ShardIterator);
          await read(first.NextShardIterator);
          return (first.Records ?? []).map((record) => record.dynamodb?.Keys?.userId?.S);
        };
        const [first, second] = [await pollTwice(), await pollTwice()];
        expect({ first, second }).toEqual({ first: ['pipe-failed'], second: ['pipe-failed'] });
        await expect(pollTwice()).rejects.toMatchObject({ name: 'LimitExceededException' });
      } finally {
        destroy();
      }
      expect(await mailTo(stack.endpoint, 'pipe-failed@example.com')).toEqual([]);
      expect(stack.runtime.iam.denials()).toEqual([expect.objectContaining({ action: 'dynamodb:GetRecords', resource: streamArn })]);
    } finally {
      pipes.destroy();
      await stack.stop();
    }
  });

  it("a delivery the target's resource policy refuses goes to the rule's DLQ with NO_PERMISSIONS, without retries", async () => {
    const withoutInvokePermission = (template: EditableTemplate, fileName: string): void => {
      if (fileName === TEMPLATE) delete template.Resources[logicalIdOf(template, 'AWS::Lambda::Permission', 'AuditLogRuleAllowEventRule')];
    };
    const stack = await startInProcessRuntime({ cdkOutDir: copy(withoutInvokePermission).dir });
    try {
      await stack.clients.dynamodb.send(new PutItemCommand({ TableName: names.usersTable, Item: userItem({ userId: 'no-permission', email: 'no-permission@example.com' }) }));
      const { QueueUrl } = await stack.clients.sqs.send(new GetQueueUrlCommand({ QueueName: names.deadLetterQueues.auditLog }));
      const message = await waitFor('the refused delivery in the DLQ', async () => {
        const received = await stack.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['All'], WaitTimeSeconds: 1 }));
        return received.Messages?.[0];
      });
      const attribute = (name: string): string | undefined => message.MessageAttributes?.[name]?.StringValue;
      const functionArn = 'arn:aws:lambda:us-east-1:000000000000:function:users-fanout-dev-audit-log';
      const rule = stack.runtime.model.rules.find((candidate) => candidate.targets.some((target) => target.arn === functionArn));
      expect({ code: attribute('ERROR_CODE'), attempts: attribute('RETRY_ATTEMPTS'), rule: attribute('RULE_ARN'), target: attribute('TARGET_ARN') }).toEqual({
        code: 'NO_PERMISSIONS',
        attempts: '0',
        rule: rule?.arn,
        target: functionArn,
      });
      expect(attribute('ERROR_MESSAGE')).toBe(
        `User: events.amazonaws.com is not authorized to perform: lambda:InvokeFunction on resource: ${functionArn} because no resource-based policy allows the lambda:InvokeFunction action`,
      );
    } finally {
      await stack.stop();
    }
  });
});
