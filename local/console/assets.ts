import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const UI_DIR = path.join(__dirname, 'ui');

export interface ConsoleAssets {
  script: string;
  styles: string;
}

let bundled: Promise<ConsoleAssets> | undefined;

/**
 * The console's script, bundled by esbuild from its sources and the npm packages they import (preact, htm) the
 * first time a page asks for it, and kept: nothing comes from a CDN, so the console works offline.
 */
export function consoleAssets(): Promise<ConsoleAssets> {
  bundled ??= build({
    entryPoints: [path.join(UI_DIR, 'main.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    logLevel: 'silent',
  }).then(
    (result) => ({ script: result.outputFiles[0].text, styles: readFileSync(path.join(UI_DIR, 'console.css'), 'utf8') }),
    (error: Error) => {
      bundled = undefined;
      throw new Error(`The console's script did not bundle: ${error.message}`);
    },
  );
  return bundled;
}
