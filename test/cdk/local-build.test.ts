import * as fs from 'node:fs';
import * as path from 'node:path';
import { LOCAL_BUILD_METADATA } from '../../cdk/constructs/local-build';
import { PROJECT_ROOT } from '../../cdk/constructs/service-function';
import { synthApp, type SynthesizedApp } from './synth-app';

/** Each function records how its bundle is built, so the local runtime's watch mode can rebuild it the same way. */
describe('local build metadata', () => {
  let app: SynthesizedApp;
  beforeAll(() => {
    app = synthApp();
  });
  afterAll(() => app.cleanup());

  it("records, on every function, its entry and NodejsFunction's esbuild options, relative to the cloud assembly", () => {
    const functions = Object.values(app.json.Resources).filter((resource) => resource.Type === 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      const build = fn.Metadata?.[LOCAL_BUILD_METADATA] as { projectRoot: string; entry: string; outfile: string; options: Record<string, unknown> };
      expect(path.resolve(app.assemblyDir, build.projectRoot)).toBe(PROJECT_ROOT);
      expect(fs.existsSync(path.join(PROJECT_ROOT, build.entry))).toBe(true);
      expect(build.entry).toMatch(/^services\/[a-z-]+\/handler\.ts$/);
      expect(build).toMatchObject({
        outfile: 'index.js',
        options: { bundle: true, platform: 'node', target: 'node24', minify: true, sourcemap: true, external: [], logLevel: 'warning' },
      });
      // The bundle NodejsFunction built is the same entry's: its source map names the entry file.
      const code = (fn.Properties?.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '');
      const map = JSON.parse(fs.readFileSync(path.join(app.assemblyDir, `asset.${code}`, 'index.js.map'), 'utf8')) as { sources: string[] };
      expect(map.sources.some((source) => source.endsWith(build.entry))).toBe(true);
    }
  });
});
