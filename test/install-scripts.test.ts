import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_DIR } from '../support/project';

const read = (file: string) => JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, file), 'utf8')) as Record<string, unknown>;

/**
 * npm 11 runs no dependency's install script unless package.json's `allowScripts` approves it, and `npm ci` warns
 * about every one it has no decision for. Each is decided (and the README says why skipping it is safe), so a
 * new dependency with an install script fails here, by name, before it makes `npm ci` warn.
 */
test('every dependency with an install script has a decision in allowScripts', () => {
  const lock = read('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean }> };
  // Keys are names, or names pinned to versions (`esbuild@0.28.2`) as `npm install-scripts approve` writes them.
  const decided = new Set(Object.keys((read('package.json').allowScripts ?? {}) as object).map((key) => key.replace(/(?<=.)@[^@/]*$/, '')));
  const withScripts = Object.entries(lock.packages)
    .filter(([, entry]) => entry.hasInstallScript)
    .map(([location]) => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length));

  expect(withScripts.length).toBeGreaterThan(0);
  expect(withScripts.filter((name) => !decided.has(name))).toEqual([]);
});
