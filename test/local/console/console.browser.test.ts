import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { freshSampleEntries } from '../../../events/cli/fresh-sample';
import { operatorRoleArn } from '../../../scripts/aws-target/local-operator';
import { startInProcessRuntime, type InProcessRuntime } from '../../../support/in-process-runtime';
import { capturedMail, mailTo } from '../../../support/observers/mail';
import { PROJECT_DIR } from '../../../support/project';
import { stackNames } from '../../../support/stack-names';
import { userItem } from '../../../support/users';
import { waitFor } from '../../../support/waiting';
import { seedRuleDeliveryFailure } from '../../scripts/dlq/dlq-queues';
import { launchChromium, type HeadlessChromium } from './chromium';

/** Where the screenshots go (gitignored): one per scenario, to look at when a run fails or the README needs a new one. */
const OUTPUT_DIR = path.join(PROJECT_DIR, 'test-output', 'console');
const names = stackNames();
const BUS = names.eventBus;
const WELCOME_EMAIL_DLQ = names.deadLetterQueues.welcomeEmail;

/** The project's own redrive command, as npm start hands it to the console. */
function projectRedriveCommand(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'package.json'), 'utf8')) as { localRuntime: { console: { redrive: string } } };
  return pkg.localRuntime.console.redrive;
}

/**
 * The console in a real headless Chromium against the real runtime: what a person sees after inserting a user,
 * sending an event from the bus form and redriving a dead letter, and what a page elsewhere cannot do.
 */
describe('the console in a browser', () => {
  let stack: InProcessRuntime;
  let chromium: HeadlessChromium;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(OUTPUT_DIR, { recursive: true });
    // The console acts as the stage's operator role, as npm start has it do (package.json's localRuntime.console.role).
    stack = await startInProcessRuntime({ redrive: { command: projectRedriveCommand(), cwd: PROJECT_DIR }, consoleRole: operatorRoleArn('dev') });
    chromium = await launchChromium({ hostRules: 'MAP rebound.test 127.0.0.1' });
    page = await chromium.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(async () => {
    await chromium?.close();
    await stack?.stop();
  });
  afterEach(async () => {
    await page.screenshot({ path: path.join(OUTPUT_DIR, `${expect.getState().currentTestName?.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.png`), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('shows an inserted user\'s trace with every hop, from the stream record to the captured email', async () => {
    // The README walk-through's first user, so that this scenario's trace.png is the README's docs/console-trace.png.
    const user = { userId: 'u-100', email: 'ada@example.com', givenName: 'Ada' };
    const { userId } = user;
    await page.goto(`${stack.endpoint}/_console#/traces`);
    await page.waitForSelector('.live.on');
    await stack.clients.dynamodb.send(new PutItemCommand({ TableName: names.usersTable, Item: userItem(user) }));
    await waitFor('the welcome email', async () => ((await mailTo(stack.endpoint, user.email)).length > 0 ? true : undefined));

    await page.fill('input[name="q"]', userId);
    await page.click('form.search button');
    await page.click('a.trace-link');
    // The trace fills in live as the last hops end: the audit write comes after the email.
    for (const kind of ['stream.record', 'pipe.batch', 'lambda.invoke', 'events.put', 'events.match', 'events.delivery', 'sqs.message', 'lambda.esm-batch', 'ses.email', 'lambda.async', 'dynamodb.write']) {
      await page.waitForSelector(`li.hop[data-kind="${kind}"]`);
    }
    expect(await page.locator('li.hop.outcome-error').count()).toBe(0);
    expect(await page.locator('li.hop[data-kind="events.match"]').count()).toBe(2);
    const email = page.locator('li.hop[data-kind="ses.email"]');
    expect(await email.locator('summary').textContent()).toContain('Welcome, Ada');
    expect(await page.locator('li.hop[data-kind="stream.record"] .item-keys').textContent()).toBe(userId);
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'trace.png') });
    // The invocation that sent it shows its own output when opened.
    const sender = page.locator('li.hop[data-kind="lambda.invoke"]', { hasText: 'welcome-email' });
    await sender.locator('summary').click();
    expect(await sender.locator('pre.logs').textContent()).toMatch(/\S/);

    await page.goto(`${stack.endpoint}/_console#/topology`);
    await page.waitForSelector('svg.topology .node.function');
    const pipeNode = page.locator('svg.topology .node.pipe', { hasText: 'user-created' });
    expect(await pipeNode.textContent()).toMatch(/[1-9]\d* batches/);
  });

  it('sends an event from the bus form and shows which rules matched', async () => {
    const [entry] = freshSampleEntries('user-created', BUS);
    await page.goto(`${stack.endpoint}/_console#/bus/${BUS}`);
    await page.fill('input[name="source"]', entry.Source as string);
    await page.fill('input[name="detailType"]', entry.DetailType as string);
    await page.fill('textarea[name="detail"]', entry.Detail as string);
    await page.click('text=Which rules match?');
    await page.waitForSelector('.match-result');
    expect((await page.locator('.match-result .rule').allTextContents()).sort()).toEqual(['users-fanout-dev-audit-log', 'users-fanout-dev-welcome-email']);

    await page.fill('input[name="detailType"]', 'SomethingElse');
    await page.click('text=Which rules match?');
    await page.waitForSelector('text=No rule matches this event.');

    await page.fill('input[name="detailType"]', entry.DetailType as string);
    await page.click('button.primary:has-text("Send")');
    await page.waitForSelector('.send-result');
    expect((await page.locator('.send-result .rule').allTextContents()).sort()).toEqual(['users-fanout-dev-audit-log', 'users-fanout-dev-welcome-email']);
    const address = (JSON.parse(entry.Detail as string) as { data: { email: string } }).data.email;
    await waitFor('the email of the event sent from the form', async () => ((await mailTo(stack.endpoint, address)).length > 0 ? true : undefined));
  });

  it('links a failed hop to its dead-letter entry, and redrives a dead-letter queue through the project\'s own command', async () => {
    // A malformed event: audit-log throws on it until its on-failure destination takes it, a red hop.
    const malformed = { EventBusName: BUS, Source: 'users-fanout.users', DetailType: 'UserCreated', Detail: JSON.stringify({ data: { userId: 'malformed-console' } }) };
    const sent = await stack.clients.eventBridge.send(new PutEventsCommand({ Entries: [malformed] }));
    await page.goto(`${stack.endpoint}/_console#/traces?q=${sent.Entries?.[0].EventId}`);
    await page.click('a.trace-link');
    const deadLetterLink = page.locator('li.hop.outcome-error a.dead-letter').first();
    await deadLetterLink.waitFor({ timeout: 60_000 });
    await deadLetterLink.click();
    await page.waitForSelector('tr.highlight');

    // A dead letter of the welcome-email queue, holding a valid event as EventBridge delivered it.
    const [entry] = freshSampleEntries('user-created', BUS);
    const address = (JSON.parse(entry.Detail as string) as { data: { email: string } }).data.email;
    const envelope = { version: '0', id: `redrive-${Date.now()}`, 'detail-type': entry.DetailType, source: entry.Source, account: '000000000000', time: new Date().toISOString(), region: 'us-east-1', resources: [], detail: JSON.parse(entry.Detail as string) };
    await seedRuleDeliveryFailure(stack.endpoint, WELCOME_EMAIL_DLQ, envelope, 'arn:aws:sqs:us-east-1:000000000000:users-fanout-dev-welcome-email');

    await page.goto(`${stack.endpoint}/_console#/queues/${WELCOME_EMAIL_DLQ}`);
    await page.waitForSelector('tr[data-message]');
    await page.click('text=Redrive every message');
    await page.waitForSelector('pre.redrive-output', { timeout: 90_000 });
    expect(await page.locator('pre.redrive-output').textContent()).toMatch(/1 redriven, 0 failed, 0 kept/);
    await waitFor('the redriven event\'s email', async () => ((await mailTo(stack.endpoint, address)).length > 0 ? true : undefined));
    await page.waitForSelector('text=No message.');
  });

  it('shows captured mail with its HTML in a sandboxed frame that cannot reach the console', async () => {
    await page.goto(`${stack.endpoint}/_console#/mail`);
    const frame = page.locator('article.mail iframe').first();
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await page.locator('article.mail').count()).toBe((await capturedMail(stack.endpoint)).length);
  });

  it('refuses a page elsewhere: a rebound Host, and an action from another origin', async () => {
    const rebound = await page.goto(`http://rebound.test:${new URL(stack.endpoint).port}/_console`);
    expect(rebound?.status()).toBe(403);
    expect(await page.textContent('body')).toContain('ForbiddenHost');

    const [entry] = freshSampleEntries('user-created', BUS);
    await stack.clients.eventBridge.send(new PutEventsCommand({ Entries: [entry] }));
    const address = (JSON.parse(entry.Detail as string) as { data: { email: string } }).data.email;
    await waitFor('a captured email to keep', async () => ((await mailTo(stack.endpoint, address)).length > 0 ? true : undefined));
    const before = (await capturedMail(stack.endpoint)).length;
    const elsewhere = await startOtherSite();
    try {
      await page.goto(elsewhere.url);
      // A POST without a body type a form could not send needs no preflight: the browser sends it, and only the
      // endpoint can refuse it. This one would clear the captured mail through aws-ses-v2-local's own API.
      const outcome = await page.evaluate(async (target) => {
        const answer = await fetch(`${target}/_aws/ses/ui/clear-store`, { method: 'POST', mode: 'no-cors' }).catch((error: Error) => error.message);
        return typeof answer === 'string' ? answer : answer.type;
      }, stack.endpoint);
      expect(outcome).toBe('opaque');
      // The page could not read the answer, and the mail is still there: the endpoint refused the request.
      expect((await capturedMail(stack.endpoint)).length).toBe(before);
    } finally {
      await elsewhere.close();
    }
  });
});

/** Another site on the loopback: a plain page on its own port, another origin than the endpoint's. */
async function startOtherSite(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_request, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>elsewhere</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Chromium keeps its connection alive; close would otherwise wait for it to time out.
        server.closeAllConnections();
      }),
  };
}
