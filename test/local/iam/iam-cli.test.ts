import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IamCliError, runIamCli } from '../../../local/cli/iam';
import type { LeastPrivilegeReport } from '../../../local/iam/report/least-privilege';
import { startInProcessRuntime } from '../../../support/in-process-runtime';
import { PROJECT_DIR } from '../../../support/project';
import { stackNames } from '../../../support/stack-names';

const names = stackNames();
import { expectWelcomeEmail } from '../../e2e/welcome-scenario';

function run(argv: string[]): { code: number; out: string } {
  let out = '';
  const code = runIamCli(argv, { cwd: PROJECT_DIR, region: 'us-east-1', out: (text) => (out += text) });
  return { code, out };
}

/** The `export …` line `npm run iam -- credentials` prints, as credentials. */
function exported(line: string): { accessKeyId: string; secretAccessKey: string; sessionToken: string } {
  const value = (name: string): string => new RegExp(`${name}=(\\S+)`).exec(line)?.[1] as string;
  return { accessKeyId: value('AWS_ACCESS_KEY_ID'), secretAccessKey: value('AWS_SECRET_ACCESS_KEY'), sessionToken: value('AWS_SESSION_TOKEN') };
}

describe('npm run iam -- credentials', () => {
  it("prints the export line that makes calls act as a function's role, in a session named after the function", async () => {
    const { code, out } = run(['credentials', 'users-fanout-dev-audit-log']);
    expect(code).toBe(0);
    expect(out).toMatch(/^export AWS_ACCESS_KEY_ID=ASIA\w+ AWS_SECRET_ACCESS_KEY=\S+ AWS_SESSION_TOKEN=\S+\n$/);
    const stack = await startInProcessRuntime();
    const dynamodb = new DynamoDBClient({ endpoint: stack.endpoint, region: 'us-east-1', credentials: exported(out) });
    try {
      await expect(dynamodb.send(new GetItemCommand({ TableName: names.usersTable, Key: { userId: { S: 'u' } } }))).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: expect.stringMatching(/^User: arn:aws:sts::000000000000:assumed-role\/UsersFanout-dev-AuditLogHandlerRole\w+\/users-fanout-dev-audit-log is not authorized to perform: dynamodb:GetItem/),
      });
    } finally {
      dynamodb.destroy();
      await stack.stop();
    }
  });

  it('takes a role by logical id or name, with a session name of its own', () => {
    const byLogicalId = exported(run(['credentials', 'OperatorRole6A7B6B68', '--session', 'ada']).out);
    const byName = exported(run(['credentials', 'users-fanout-dev-operator', '--session', 'ada']).out);
    expect(byName).toEqual(byLogicalId);
    expect(Buffer.from(byName.sessionToken.split(':')[1] as string, 'base64').toString()).toBe('ada');
  });

  it('names the roles and functions it knows when given another', () => {
    expect(() => run(['credentials', 'nobody'])).toThrow(IamCliError);
    expect(() => run(['credentials', 'nobody'])).toThrow(/^No role or function "nobody" in the template; its roles and functions are: OperatorRole6A7B6B68, .*users-fanout-dev-welcome-email/);
    expect(() => run(['credentials'])).toThrow(/credentials needs a role/);
    expect(() => run(['frobnicate'])).toThrow(/^Unknown command "frobnicate"/);
  });

  it('reads its options as every command of the project does, refusing what it does not know', () => {
    expect(() => run(['report', '--verbose'])).toThrow(/unknown option "--verbose"/);
    expect(() => run(['credentials', 'OperatorRole6A7B6B68', '--session'])).toThrow(/option "--session" needs a value/);
  });
});

describe('npm run iam -- report', () => {
  let stateDir: string;

  beforeAll(async () => {
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-report-'));
    const stack = await startInProcessRuntime({ stateDir });
    try {
      await expectWelcomeEmail(stack.endpoint, stack.logs, 'report-user');
    } finally {
      await stack.stop();
    }
  });

  afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));

  it("lists per role the actions granted, which the run used and which it never used, from the state directory's usage file", () => {
    const { code, out } = run(['report', '--state-dir', stateDir]);
    expect(code).toBe(0);
    expect(out).toMatch(/^Local IAM usage \(mode enforce, written \d{4}-\d\d-\d\dT[\d:.]+Z\):\n/);
    const welcome = out.split('\n\n').find((block) => block.includes('(WelcomeEmailHandlerRole')) as string;
    expect(welcome).toMatch(/^ {2}used {6} {2}ses:SendEmail {2}\[WelcomeEmailHandlerRoleDefaultPolicy/m);
    expect(welcome).toMatch(/^ {2}used {6} {2}sqs:ReceiveMessage/m);
    const operator = out.split('\n\n').find((block) => block.includes('(OperatorRole6A7B6B68)')) as string;
    expect(operator).toMatch(/^ {2}never used {2}events:PutEvents/m);
  });

  it('--json gives the same report as data', () => {
    const report = JSON.parse(run(['report', '--state-dir', stateDir, '--json']).out) as LeastPrivilegeReport;
    const pipeRole = report.principals.find((principal) => principal.logicalId?.startsWith('UserCreatedPipePipeRole'));
    expect(pipeRole?.grants.find((grant) => grant.action === 'events:PutEvents')?.exercised).toEqual([
      { action: 'events:PutEvents', resources: ['arn:aws:events:us-east-1:000000000000:event-bus/users-fanout-dev'], allowed: expect.any(Number) },
    ]);
    const events = report.principals.find((principal) => principal.principal === 'events.amazonaws.com');
    expect(events?.grants.some((grant) => grant.action === 'sqs:SendMessage' && grant.exercised.length > 0)).toBe(true);
    expect(report.principals.flatMap((principal) => principal.denied)).toEqual([]);
  });

  it('says how to get a usage file when there is none', () => {
    expect(() => run(['report', '--state-dir', path.join(stateDir, 'nothing-here')])).toThrow(/^No IAM usage at .*iam-usage\.json: start the runtime \(npm start\)/);
  });
});
