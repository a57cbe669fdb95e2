import { WatchedPaths } from '../../../local/watch/watched-paths';

describe("watch mode's view of cdk.json's watch settings", () => {
  const project = '/project';
  const watched = new WatchedPaths(project, { include: ['cdk/**', 'services/**', 'events/**'], exclude: ['**/*.test.ts', 'node_modules', 'cdk.out', '.local'] });

  it.each([
    ['services/welcome-email/handler.ts', true],
    ['cdk/subscribers.ts', true],
    ['events/samples/user-created.json', true],
    ['services/welcome-email/handler.test.ts', false],
    ['README.md', false],
    ['test/local/watch/watched-paths.test.ts', false],
    ['services/node_modules/x/index.js', false],
    ['.local/state/sqs-queue.jsonl', false],
    ['../elsewhere/cdk/app.ts', false],
  ])('%s: %s', (file, expected) => {
    expect(watched.matches(`${project}/${file}`)).toBe(expected);
  });

  it('watches everything but build output and state when cdk.json says nothing', () => {
    const everything = new WatchedPaths(project);
    expect(everything.matches(`${project}/lib/thing.ts`)).toBe(true);
    expect(everything.matches(`${project}/cdk.out/manifest.json`)).toBe(false);
    expect(everything.matches(`${project}/node_modules/esbuild/lib/main.js`)).toBe(false);
  });
});
