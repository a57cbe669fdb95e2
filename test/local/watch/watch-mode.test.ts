import { PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freshSampleEntries } from '../../../events/cli/fresh-sample';
import { createAwsClients, type LocalAwsClients } from '../../../support/aws-clients';
import { ChildRuntime } from '../../../support/child-runtime/child-runtime';
import { capturedMail } from '../../../support/observers/mail';
import { copyProject, type ProjectCopy } from '../../../support/project-copy';
import { stackNames } from '../../../support/stack-names';
import { unusedSubscriberNames } from '../../../support/unused-subscriber-names';
import { userItem } from '../../../support/users';
import { waitFor } from '../../../support/waiting';

const [SUBSCRIBER] = unusedSubscriberNames('loyalty-points');
const names = stackNames();
/** Synthesis with bundling takes 15 s on an idle machine of this size and three times that under load. */
const SYNTH_MS = 180_000;

/**
 * `npm start -- --watch` in a copy of the project, as a person develops with it: an edited handler runs at the next
 * invocation, a broken app is reported while the last good template keeps running, and a subscriber added with
 * `npm run new-subscriber` receives events without a restart, with the tables and the captured mail kept.
 */
describe('watch mode', () => {
  let copy: ProjectCopy;
  let runtime: ChildRuntime;
  let output = '';
  let clients: LocalAwsClients;

  /** Waits for the runtime to print a line matching `pattern` after `from` characters of output. */
  const printed = (what: string, pattern: RegExp, from: number, timeoutMs = SYNTH_MS): Promise<string> =>
    waitFor(what, () => pattern.exec(output.slice(from))?.[0], { timeoutMs, lastSeen: () => output.slice(from).slice(-3000) });
  const edit = (file: string, change: (text: string) => string): void => {
    const at = path.join(copy.dir, file);
    const before = fs.readFileSync(at, 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`The edit of ${file} changed nothing`);
    fs.writeFileSync(at, after);
  };

  beforeAll(async () => {
    copy = copyProject();
    runtime = await ChildRuntime.start({ projectDir: copy.dir, launcher: 'node', args: ['--watch'], readyTimeoutMs: SYNTH_MS, onLine: (line) => (output += `${line}\n`) });
    // EventBridge as the dev stage's operator, whom alone the bus policy lets publish users-fanout.users events.
    clients = createAwsClients({ endpoint: runtime.endpoint, operatorOf: 'dev' });
    await printed('watch mode to be ready', /watch: ready; \d+ functions can be rebuilt/, 0);
  }, SYNTH_MS + 60_000);
  afterAll(async () => {
    clients?.destroy();
    await runtime?.stop();
    copy?.remove();
  });

  it('rebuilds only the function an edited file belongs to, and its next invocation runs the new code', async () => {
    const from = output.length;
    edit('services/welcome-email/welcome-message.ts', (text) => text.replace('`Welcome, ${user.givenName}!`', '`Glad you are here, ${user.givenName}!`'));
    const line = await printed('the rebuild line', /↻ services\/welcome-email\/welcome-message\.ts changed: rebuilt [^\n]*/, from);
    expect(line).toContain(`${names.functions.welcomeEmail} in`);
    expect(line).not.toMatch(/audit-log|enrichment/);

    await clients.dynamodb.send(new PutItemCommand({ TableName: names.usersTable, Item: userItem({ userId: 'watch-1', email: 'watch-1@example.com', givenName: 'Ada' }) }));
    const mail = await waitFor('the email from the rebuilt handler', async () =>
      (await capturedMail(runtime.endpoint)).find((message) => message.Destination.ToAddresses.includes('watch-1@example.com')),
    );
    expect(mail.Subject).toBe('Glad you are here, Ada!');
  });

  it('reports a synthesis error, and the last good template keeps running', async () => {
    const original = fs.readFileSync(path.join(copy.dir, 'cdk/subscribers.ts'), 'utf8');
    let from = output.length;
    edit('cdk/subscribers.ts', (text) => `${text}\nthrow new Error('deliberately broken for the watch test');\n`);
    const failure = await printed('the synthesis error', /✗ cdk\/subscribers\.ts changed: synthesis failed[^]*deliberately broken/, from);
    expect(failure).toContain('the last good template keeps running');

    await clients.dynamodb.send(new PutItemCommand({ TableName: names.usersTable, Item: userItem({ userId: 'watch-2', email: 'watch-2@example.com', givenName: 'Grace' }) }));
    await waitFor('an email while the app is broken', async () =>
      (await capturedMail(runtime.endpoint)).some((message) => message.Destination.ToAddresses.includes('watch-2@example.com')) ? true : undefined,
    );
    from = output.length;
    fs.writeFileSync(path.join(copy.dir, 'cdk/subscribers.ts'), original);
    await printed('the repaired app applied', /↻ cdk\/subscribers\.ts changed: re-synthesized and applied/, from);
  });

  it('runs a subscriber added with npm run new-subscriber without a restart, keeping tables and captured mail', async () => {
    const from = output.length;
    const scaffold = await copy.runShell(`npm run --silent new-subscriber -- ${SUBSCRIBER}`);
    if (scaffold.code !== 0) throw new Error(`npm run new-subscriber exited ${scaffold.code}:\n${scaffold.stdout}${scaffold.stderr}`);
    const applied = await printed('the new subscriber applied', new RegExp(`↻ [^\\n]*re-synthesized and applied[^\\n]*\\+users-fanout-dev-${SUBSCRIBER}`), from);
    expect(applied).toContain(`+users-fanout-dev-${SUBSCRIBER}`);

    const [entry] = freshSampleEntries('user-created', names.eventBus);
    const eventId = (JSON.parse(entry.Detail as string) as { metadata: { eventId: string } }).metadata.eventId;
    await clients.eventBridge.send(new PutEventsCommand({ Entries: [entry] }));
    await printed('the new subscriber handling the event', new RegExp(`\\[users-fanout-dev-${SUBSCRIBER}\\][^\\n]*UserCreated event handled[^\\n]*${eventId}`), from, 60_000);

    const users = await clients.dynamodb.send(new ScanCommand({ TableName: names.usersTable }));
    expect(users.Items?.map((item) => item.userId.S).sort()).toEqual(expect.arrayContaining(['watch-1', 'watch-2']));
    const recipients = (await capturedMail(runtime.endpoint)).flatMap((message) => message.Destination.ToAddresses);
    expect(recipients).toEqual(expect.arrayContaining(['watch-1@example.com', 'watch-2@example.com']));
  });
});
