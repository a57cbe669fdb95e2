import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { parseStartOptions } from '../../local/cli/options';
import { synthesize } from '../../local/cli/synth';
import { stopProcessGroup } from '../../support/child-runtime/process-group';
import { startInProcessRuntime, type InProcessRuntime } from '../../support/in-process-runtime';
import { copyProject, type ProjectCopy } from '../../support/project-copy';
import { waitFor } from '../../support/waiting';
import { commandLines, readmeBlock } from './readme-blocks';

/**
 * The README's webhook example, command by command, in a copy of the project: the listener and the scaffold as
 * written (on a port the system picks instead of 9999), `npm start`'s options through its own parser, and the user
 * insert with the AWS CLI, after the walk-through's own export line. The listener must print the event it received.
 */
const README_ENDPOINT = 'http://127.0.0.1:4566';
const awsCli = [process.env.AWS_CLI, '/usr/bin/aws', 'aws'].find((candidate) => candidate && spawnSync(candidate, ['--version']).status === 0);
const describeWithCli = awsCli ? describe : describe.skip;
if (!awsCli) console.warn('The AWS CLI is not installed (apt-get install awscli): the README webhook example test is skipped.');

describeWithCli("the README's webhook example", () => {
  let copy: ProjectCopy;
  let listener: ChildProcess | undefined;
  let stack: InProcessRuntime | undefined;
  const printed: string[] = [];

  beforeAll(() => {
    copy = copyProject();
  });
  afterAll(async () => {
    if (listener?.pid !== undefined) await stopProcessGroup(listener.pid);
    await stack?.stop();
    copy?.remove();
  });

  test('the listener prints the UserCreated event the new subscriber posted, with its API key', async () => {
    const [exportLine] = commandLines(readmeBlock('walkthrough'));
    const [listen, scaffold, start, insert, ...rest] = commandLines(readmeBlock('webhook-example'));
    expect(rest).toEqual([]);
    expect(listen).toBe('npm run webhook-listener -- --port 9999');
    expect(scaffold).toBe('npm run new-subscriber -- crm-hook --delivery webhook --endpoint http://127.0.0.1:9999/users');
    expect(start).toMatch(/^npm start -- --secret users-fanout\/crm-hook=\S+$/);
    expect(insert).toMatch(/^aws dynamodb put-item .*"u-102"/);

    listener = spawn('bash', ['-c', listen.replace('9999', '0')], { cwd: copy.dir, detached: true, env: { ...process.env, JEST_WORKER_ID: '' } });
    listener.stdout?.on('data', (chunk: Buffer) => printed.push(...chunk.toString('utf8').split('\n').filter((line) => line !== '')));
    const port = await waitFor('the listener to listen', () => printed.map((line) => /^Listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(line)?.[1]).find(Boolean));

    expect(await copy.runShell(scaffold.replace('9999', port))).toMatchObject({ code: 0, stdout: expect.stringContaining('Subscriber "crm-hook" (webhook) added:') });

    const options = parseStartOptions(start.split(' ').slice(3), {});
    const cdkOutDir = path.join(copy.dir, 'cdk.out');
    await synthesize({ projectDir: copy.dir, outDir: cdkOutDir });
    stack = await startInProcessRuntime({ cdkOutDir, secrets: options.secrets });
    expect(stack.runtime.model.warnings.filter((warning) => warning.includes('crm-hook') && !warning.includes('uses http'))).toEqual([]);

    const cliEnv = { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_'))), AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
    // Asynchronous: the endpoint runs in this process and must keep serving while the CLI waits on it.
    const script = `set -e\n${exportLine}\n${insert.replace(/^aws /, `${awsCli} `).replaceAll(README_ENDPOINT, stack.endpoint)}`;
    const inserted = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile('bash', ['-c', script], { env: cliEnv }, (error, _stdout, stderr) => resolve({ code: error === null ? 0 : 1, stderr })),
    );
    expect(inserted).toEqual({ code: 0, stderr: '' });

    const line = await waitFor('the listener to print the event', async () => printed.find((candidate) => candidate.startsWith('POST /users')));
    expect(line).toMatch(/^POST \/users {2}x-api-key \(14 characters\) {2}UserCreated event \S+ user u-102$/);
    expect(printed.join('\n')).not.toContain('alan@example.com');
  }, 600_000);
});
