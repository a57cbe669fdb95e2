import { copyProject, type ProjectCopy } from '../../support/project-copy';
import { readmeBlock } from './readme-blocks';

/**
 * A user who follows the README's "Add a subscriber" example still gets a green `npm test`: in a copy of the
 * project, the README's own command runs, then the suites that once broke after it (the scaffold tests, which
 * scaffolded the same name) and the ones that read the registry. Only those run, to keep CI time affordable;
 * every other suite never reads the registry.
 */
const SUITES_THAT_READ_THE_REGISTRY = [
  'test/scripts/new-subscriber/new-subscriber.test.ts',
  'test/e2e/new-subscriber.test.ts',
  'test/cdk/subscriber-contracts.test.ts',
  'test/scripts/diagram/diagram.test.ts',
];

describe("after the README's subscriber example", () => {
  let copy: ProjectCopy;
  const command = readmeBlock('new-subscriber-example')
    .split('\n')
    .find((line) => line.startsWith('npm run new-subscriber'));

  beforeAll(() => {
    copy = copyProject();
  });
  afterAll(() => copy?.remove());

  test('the example scaffolds its subscriber, and the suites that read the registry pass', async () => {
    expect(command).toMatch(/^npm run new-subscriber -- crm-sync --delivery queued\b/);

    const scaffold = await copy.runShell(command!);
    expect(scaffold).toMatchObject({ code: 0, stdout: expect.stringContaining('Subscriber "crm-sync" (queued) added:') });

    const tests = await copy.run('jest', [...SUITES_THAT_READ_THE_REGISTRY, 'test/services/crm-sync/handler.test.ts']);
    const summary = (label: string) => new RegExp(`^${label}:.*$`, 'm').exec(tests.stderr)?.[0];
    expect({ code: tests.code, suites: summary('Test Suites'), failures: tests.stderr.match(/^ +● .*$/gm) ?? [] }).toEqual({
      code: 0,
      suites: expect.stringMatching(/^Test Suites: +5 passed, 5 total$/),
      failures: [],
    });
  }, 600_000);
});
