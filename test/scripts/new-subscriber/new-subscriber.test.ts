import * as fs from 'node:fs';
import * as path from 'node:path';
import { subscribers } from '../../../cdk/subscribers';
import type { SubscriberEntry } from '../../../cdk/subscription/subscriber-entry';
import { eventContracts } from '../../../events/registry';
import { loadSampleEvents } from '../../../events/sample-events';
import { synthesize } from '../../../local/cli/synth';
import { USAGE } from '../../../scripts/new-subscriber/arguments';
import type { LocalModel } from '../../../local/model/types';
import { loadLocalModel } from '../../../local/template';
import { copyProject, type ProjectCopy } from '../../../support/project-copy';
import { subscriberContractProblems } from '../../../support/subscriber-contract';
import { constructIdOf, unusedSubscriberNames } from '../../../support/unused-subscriber-names';

/**
 * `npm run new-subscriber` in a temporary copy of the project, once per delivery kind; then everything that must
 * work with no further edits: the registry, synthesis (cdk-nag included), the picture, the generated tests.
 * The names are free in this checkout, whatever subscribers it already has (see unused-names.ts).
 */
const [QUEUED, DIRECT, QUEUE_ONLY, WEBHOOK] = unusedSubscriberNames('crm-sync', 'slack-notice', 'partner-feed', 'crm-hook');
const NEW_SUBSCRIBERS = [
  { name: QUEUED, args: [] },
  { name: DIRECT, args: ['--delivery', 'direct'] },
  { name: QUEUE_ONLY, args: ['--delivery', 'queue-only'] },
  { name: WEBHOOK, args: ['--delivery', 'webhook', '--endpoint', 'http://127.0.0.1:9999/users'] },
] as const;
const camelCase = (name: string) => name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
const REGISTERED_BEFORE = subscribers.map((entry) => entry.name);
const USER_CREATED_V1 = {
  source: ['users-fanout.users'],
  'detail-type': ['UserCreated'],
  detail: { metadata: { schemaVersion: ['1'] } },
};

let copy: ProjectCopy;
const scaffold = (...args: string[]) => copy.run('tsx', ['scripts/new-subscriber/cli.ts', ...args]);
const scaffoldOutputs: string[] = [];
let cdkOutAfterScaffolds: boolean;

// Four scaffolds, each of which synthesizes the app to redraw the diagram: on a loaded machine, minutes.
beforeAll(async () => {
  copy = copyProject();
  for (const { name, args } of NEW_SUBSCRIBERS) {
    const result = await scaffold(name, ...args);
    if (result.code !== 0) throw new Error(`new-subscriber ${name} failed: ${result.stderr}`);
    scaffoldOutputs.push(result.stdout);
  }
  cdkOutAfterScaffolds = copy.exists('cdk.out');
}, 600_000);
afterAll(() => copy?.remove());

describe('the files it creates', () => {
  it('queued (the default): an SQS batch handler with partial failures, typed by the contract, and its test', () => {
    expect(copy.read(`services/${QUEUED}/handler.ts`)).toContain('processPartialResponse(event, processMessage, processor');
    expect(copy.read(`services/${QUEUED}/event.ts`)).toContain("EventDetail<typeof userCreatedContract>");
    expect(copy.read(`test/services/${QUEUED}/handler.test.ts`)).toContain(`import { handler } from '../../../services/${QUEUED}/handler'`);
  });

  it('direct: an EventBridge event handler, typed by the contract, and its test', () => {
    expect(copy.read(`services/${DIRECT}/handler.ts`)).toContain('export const handler = async (event: unknown, context: Context): Promise<void>');
    expect(copy.exists(`services/${DIRECT}/event.ts`)).toBe(true);
    expect(copy.exists(`test/services/${DIRECT}/handler.test.ts`)).toBe(true);
  });

  it('queue-only and webhook: no service and no test, only the registry entry', () => {
    for (const name of [QUEUE_ONLY, WEBHOOK]) {
      expect(copy.exists(`services/${name}`)).toBe(false);
      expect(copy.exists(`test/services/${name}`)).toBe(false);
    }
  });

  it('webhook: says how to give the key locally and at deploy', () => {
    expect(scaffoldOutputs[3]).toContain(`Next: npm start -- --secret users-fanout/${WEBHOOK}=<key> posts its events to the local URL`);
  });
});

describe('the architecture diagram', () => {
  it('is redrawn by the scaffold itself, in docs/architecture.md and in the README', () => {
    for (const output of scaffoldOutputs) expect(output).toContain('  redrew docs/architecture.md\n  redrew README.md\n');
    const page = copy.read('docs/architecture.md');
    const readme = copy.read('README.md');
    for (const { name } of NEW_SUBSCRIBERS) {
      expect(page).toContain(`| \`users-fanout-dev-${name}\` |`);
      expect(readme).toContain(`"users-fanout-dev-${name}<br/>`);
    }
    expect(readme).toContain(`λ ${constructIdOf(QUEUED)}Handler`);
  });

  it("is drawn from a synth of its own: the project's cdk.out, which a running npm start -- --watch re-synthesizes, is left alone", () => {
    // The copy starts without cdk.out; the redraw must not have created one.
    expect(cdkOutAfterScaffolds).toBe(false);
  });
});

describe('the registry', () => {
  let registry: readonly SubscriberEntry[];
  beforeAll(async () => {
    ({ subscribers: registry } = (await import(path.join(copy.dir, 'cdk/subscribers.ts'))) as { subscribers: readonly SubscriberEntry[] });
  });

  it('gets one entry per new subscriber, after the existing ones, pinned to the contract version it was written for', () => {
    expect(registry.map((entry) => entry.name)).toEqual([...REGISTERED_BEFORE, QUEUED, DIRECT, QUEUE_ONLY, WEBHOOK]);
    const webhookDelivery = {
      kind: 'webhook',
      endpoint: { context: `${camelCase(WEBHOOK)}Endpoint`, default: 'http://127.0.0.1:9999/users' },
      auth: { type: 'apiKey', headerName: 'x-api-key', key: { secretsManager: `users-fanout/${WEBHOOK}` } },
    };
    expect(registry.slice(REGISTERED_BEFORE.length)).toEqual(
      NEW_SUBSCRIBERS.map(({ name }, index) => ({
        name,
        description: `${name}: receives UserCreated v1 events`,
        eventPattern: USER_CREATED_V1,
        delivery: index === 3 ? webhookDelivery : { kind: ['queued', 'direct', 'queue-only'][index] },
      })),
    );
    expect(copy.read('cdk/subscribers.ts')).toContain(
      "import { USER_CREATED_DETAIL_TYPE, USER_CREATED_SCHEMA_VERSION, USER_CREATED_SOURCE } from '../events/user-created';",
    );
  });

  it('passes the contract checks', () => {
    const samples = loadSampleEvents();
    for (const entry of registry) expect(subscriberContractProblems(entry, { samples, contracts: eventContracts })).toEqual([]);
  });
});

describe('after the scaffold, with no further edits', () => {
  let model: LocalModel;
  beforeAll(async () => {
    const cdkOutDir = path.join(copy.dir, 'cdk.out');
    await synthesize({ projectDir: copy.dir, outDir: cdkOutDir });
    model = loadLocalModel({ cdkOutDir, endpoint: 'http://127.0.0.1:4566', region: 'us-east-1', account: '000000000000' });
  });

  const rule = (name: string) => model.rules.find((candidate) => candidate.name === `users-fanout-dev-${name}`)!;
  const queueArn = (name: string) => model.queues.find((queue) => queue.name === name)!.arn;

  it('synthesizes (cdk-nag included): each new rule has its pattern and a dead-letter queue', () => {
    for (const { name } of NEW_SUBSCRIBERS) {
      expect(rule(name).eventPattern).toEqual(USER_CREATED_V1);
      expect(rule(name).targets).toEqual([expect.objectContaining({ deadLetterArn: queueArn(`users-fanout-dev-${name}-dlq`) })]);
    }
    expect(rule(QUEUED).targets[0].arn).toBe(queueArn(`users-fanout-dev-${QUEUED}`));
    expect(model.eventSourceMappings.map((mapping) => mapping.queueArn)).toContain(queueArn(`users-fanout-dev-${QUEUED}`));
    expect(rule(DIRECT).targets[0].kind).toBe('lambda');
    expect(rule(QUEUE_ONLY).targets[0].arn).toBe(queueArn(`users-fanout-dev-${QUEUE_ONLY}`));
    expect(rule(WEBHOOK).targets[0].kind).toBe('api-destination');
    expect(model.apiDestinations.find((destination) => destination.arn === rule(WEBHOOK).targets[0].arn)).toMatchObject({
      endpoint: 'http://127.0.0.1:9999/users',
      httpMethod: 'POST',
    });
    // The key is in Secrets Manager, not in the template: the runtime says how to give it.
    expect(model.warnings.filter((warning) => warning.includes(`give it with npm start -- --secret users-fanout/${WEBHOOK}=<value>`))).toHaveLength(1);
  });

  it('npm run diagram draws the new subscribers', async () => {
    const result = await copy.run('tsx', ['scripts/diagram/cli.ts']);

    expect(result).toMatchObject({ code: 0, stdout: 'Wrote docs/architecture.md and README.md\n' });
    const page = copy.read('docs/architecture.md');
    for (const { name } of NEW_SUBSCRIBERS) expect(page).toContain(`| \`users-fanout-dev-${name}\` | \`${JSON.stringify(USER_CREATED_V1)}\``);
    expect(page).toContain(`λ ${constructIdOf(QUEUED)}Handler`);
  });

  it('the generated handler tests and the contract checks pass, and the generated code type-checks', async () => {
    const generatedTests = [`test/services/${QUEUED}/handler.test.ts`, `test/services/${DIRECT}/handler.test.ts`];
    const tests = await copy.run('jest', [...generatedTests, 'test/cdk/subscriber-contracts.test.ts']);
    expect({ code: tests.code, summary: /^Tests:.*$/m.exec(tests.stderr)?.[0] }).toEqual({
      code: 0,
      summary: expect.stringMatching(/^Tests: +\d+ passed, \d+ total$/),
    });

    const generated = [`services/${QUEUED}`, `services/${DIRECT}`, ...generatedTests, 'cdk/subscribers.ts'];
    fs.writeFileSync(path.join(copy.dir, 'tsconfig.generated.json'), JSON.stringify({ extends: './tsconfig.json', include: generated }));
    const typecheck = await copy.run('tsc', ['--noEmit', '-p', 'tsconfig.generated.json']);
    // Only the generated files are judged: the rest of the checkout is whatever this one holds.
    expect(typecheck.stdout.split('\n').filter((line) => generated.some((file) => line.startsWith(file)))).toEqual([]);
    expect(await copy.run('eslint', generated)).toMatchObject({ code: 0 });
  });
});

describe('refusals: one line, exit code 2, nothing written', () => {
  test.each([
    [['CrmSync'], 'new-subscriber: "CrmSync" is not a valid subscriber name: use lower-case kebab-case starting with a letter, e.g. crm-sync'],
    [['a'.repeat(41)], `new-subscriber: "${'a'.repeat(41)}" is 41 characters long: a subscriber name has at most 40 (it is part of its queue names)`],
    [['shared'], `new-subscriber: "shared" is reserved: it would clash with one of the stack's own resources`],
    [['welcome-email'], 'new-subscriber: subscriber "welcome-email" already exists in cdk/subscribers.ts'],
    [[QUEUE_ONLY, '--delivery', 'direct'], `new-subscriber: subscriber "${QUEUE_ONLY}" already exists in cdk/subscribers.ts`],
    [['enrich-user'], 'new-subscriber: "enrich-user" is taken: services/enrich-user already exists'],
    [['user-deleted-sync', '--event', 'UserDeleted'], 'new-subscriber: unknown event "UserDeleted": the registered events are UserCreated (events/registry.ts)'],
    [['crm-export', '--delivery', 'sync'], 'new-subscriber: unknown delivery "sync": use one of queued, direct, queue-only, webhook'],
    [['crm-export', '--endpoint', 'http://127.0.0.1:9999/x'], 'new-subscriber: --endpoint is for --delivery webhook only'],
    [
      ['crm-export', '--delivery', 'webhook', '--endpoint', 'https://crm.example.com/hooks'],
      'new-subscriber: --endpoint https://crm.example.com/hooks is not a local http URL such as http://127.0.0.1:9999/crm-hook; it is where npm start posts, and each stage names its real https endpoint at deploy',
    ],
    [[], expect.stringMatching(/^new-subscriber: missing the subscriber name; usage: npm run new-subscriber -- <name>/)],
    [['crm-export', '-x'], `new-subscriber: unknown option "-x"; ${USAGE}`],
    [['crm-export', '--delivery'], `new-subscriber: option "--delivery" needs a value; ${USAGE}`],
  ])('%j', async (args, message) => {
    const before = copy.snapshot();

    const result = await scaffold(...args);

    expect(result).toEqual({ code: 2, stdout: '', stderr: expect.any(String) });
    expect(result.stderr.trimEnd().split('\n')).toEqual([message]);
    expect(copy.snapshot()).toEqual(before);
  });
});

describe('a breaking edit to a new entry', () => {
  it('fails npm test, naming the subscriber and the field', async () => {
    const registry = copy.read('cdk/subscribers.ts');
    const entryAt = registry.indexOf(`name: '${QUEUED}'`);
    const broken =
      registry.slice(0, entryAt) +
      registry
        .slice(entryAt)
        .replace('detail: { metadata: { schemaVersion: [USER_CREATED_SCHEMA_VERSION] } }', "detail: { data: { emailAddress: [{ suffix: '@example.com' }] } }");
    fs.writeFileSync(path.join(copy.dir, 'cdk/subscribers.ts'), broken);

    const result = await copy.run('jest', ['test/cdk/subscriber-contracts.test.ts']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${QUEUED}: pattern field detail.data.emailAddress is not in the users-fanout.users UserCreated v1 contract`,
    );
  });
});
