import { execFile, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { mailTo, startLocalStack, waitFor, type LocalStack } from './local-stack';

/** The AWS CLI (Debian's awscli package), unmodified, against the local endpoint. */
const awsCli = ['/usr/bin/aws', 'aws'].find((candidate) => spawnSync(candidate, ['--version']).status === 0);
const describeWithCli = awsCli ? describe : describe.skip;
if (!awsCli) console.warn('The AWS CLI is not installed (apt-get install awscli): the AWS CLI test is skipped.');

describeWithCli('the AWS CLI against the local endpoint', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startLocalStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  test('put-item, put-events with the sample file and test-event-pattern work unmodified', async () => {
    // Asynchronous: the endpoint runs in this process and must keep serving while the CLI waits on it.
    const { stdout } = await promisify(execFile)(path.join(__dirname, 'aws-cli.sh'), [stack.endpoint], {
      env: { ...process.env, AWS_CLI: awsCli },
    });

    expect(stdout).toContain('all AWS CLI checks passed');
    await waitFor('the CLI-inserted user\'s welcome email', async () =>
      (await mailTo(stack.endpoint, 'cli-user@example.com')).length === 1 ? true : undefined,
    );
  });
});
