import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { INVOCATION_MARK } from '../../../local/lambda/worker-messages';
import { startInProcessRuntime, type InProcessRuntime } from '../../../support/in-process-runtime';
import { readAuditLog } from '../../../support/observers/audit-log';
import { mailTo } from '../../../support/observers/mail';
import { stackNames } from '../../../support/stack-names';
import { userItem } from '../../../support/users';
import { waitFor } from '../../../support/waiting';

const names = stackNames();

/** `npm start -- --no-tracing`: the pipeline runs as before, and no hop is recorded or attributed. */
describe('a runtime with tracing off', () => {
  let stack: InProcessRuntime;
  const lines: string[] = [];

  beforeAll(async () => {
    stack = await startInProcessRuntime({ tracing: false, logSink: (line) => lines.push(line) });
  });
  afterAll(() => stack?.stop());

  it('delivers a new user\'s email and audit record without recording a span', async () => {
    const userId = `untraced-${Date.now()}`;
    await stack.clients.dynamodb.send(new PutItemCommand({ TableName: names.usersTable, Item: userItem({ userId, email: `${userId}@example.com` }) }));
    await waitFor('the welcome email', async () => ((await mailTo(stack.endpoint, `${userId}@example.com`)).length === 1 ? true : undefined));
    await waitFor('the audit record', async () => ((await readAuditLog(stack.clients.dynamodb, names.auditLogTable)).has(userId) ? true : undefined));
    // The sender's log line is the last thing its sandbox writes for this user: once it is in, every hop that
    // would have been recorded has happened.
    await waitFor('welcome-email\'s log line for the user', async () => (lines.some((line) => line.includes(`[${names.functions.welcomeEmail}]`)) ? true : undefined));

    expect(stack.runtime.tracer.size).toBe(0);
    const consoleTraces = await fetch(`${stack.endpoint}/_console/api/traces`);
    expect(await consoleTraces.json()).toEqual(expect.objectContaining({ traces: [], kept: 0 }));
    // Without tracing, the sandboxes print no invocation marks: every line reaches the log as the handler wrote it.
    expect(lines.filter((line) => line.includes(INVOCATION_MARK.trim()))).toEqual([]);
  });
});
