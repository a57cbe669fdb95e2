import * as watcher from '@parcel/watcher';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReloadEntry } from '../console';
import type { LocalRuntime } from '../runtime';
import { appInputs } from './app-inputs';
import { FunctionBuilds } from './function-builds';
import { WatchedPaths, type WatchSettings } from './watched-paths';

export interface WatchModeOptions {
  projectDir: string;
  cdkOutDir: string;
  /** Where the runtime keeps its state: written on every request, never worth a look. */
  stateDir?: string;
  runtime: LocalRuntime;
  /** Runs the CDK app into cdkOutDir (local/cli/synth.ts); rejects with the app's error output. */
  synthesize(): Promise<void>;
  /** One line per reload, for the terminal. */
  print(line: string): void;
}

export interface WatchMode {
  /** Resolves once every function's build is ready to be redone: the first change after it rebuilds at once. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** Changes arriving together (an editor's save, a scaffold's files) are handled as one. */
const SETTLE_MS = 60;

/**
 * `npm start -- --watch`: a change to a file some function's bundle is built from rebuilds only those functions,
 * with the app's recorded esbuild options, and their next invocations run the new code; a change to a file the CDK
 * app reads (cdk/, events/) re-synthesizes and applies the new template in place. A synthesis or build error is
 * reported and the last good code keeps running. Each reload is one terminal line and an entry in the console.
 */
export async function startWatchMode(options: WatchModeOptions): Promise<WatchMode> {
  const { projectDir, runtime } = options;
  const cdkJson = JSON.parse(fs.readFileSync(path.join(projectDir, 'cdk.json'), 'utf8')) as { app?: string; watch?: WatchSettings };
  const watched = new WatchedPaths(projectDir, cdkJson.watch);
  const buildsDir = path.join(options.cdkOutDir, 'local-builds');
  fs.rmSync(buildsDir, { recursive: true, force: true });
  const builds = new FunctionBuilds(buildsDir);
  let appFiles: Set<string> | undefined;
  const learn = async (): Promise<void> => {
    [appFiles] = await Promise.all([appInputs(projectDir, cdkJson.app ?? ''), builds.prepare(runtime.model.functions)]);
  };
  const ready = learn();
  ready.then(
    () => options.print(`watch: ready; ${runtime.model.functions.filter((fn) => fn.build).length} functions can be rebuilt on a change`),
    (error: Error) => options.print(`watch: cannot prepare the rebuilds: ${error.message}`),
  );

  const report = (entry: Omit<ReloadEntry, 'at'>): void => {
    runtime.reloads.add({ at: Date.now(), ...entry });
    options.print(`${entry.outcome === 'ok' ? '↻' : '✗'} ${entry.summary}${entry.outcome === 'error' && entry.detail ? `\n${indent(entry.detail)}` : ''}`);
  };
  const describe = (files: readonly string[]): string => {
    const names = files.map((file) => path.relative(projectDir, file));
    return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  };

  const resynthesize = async (files: string[]): Promise<void> => {
    const startedAt = performance.now();
    try {
      await options.synthesize();
      const changes = await runtime.apply(runtime.loadModel());
      await learn();
      const what = [...changes.added.map((name) => `+${name}`), ...changes.removed.map((name) => `-${name}`)];
      report({
        outcome: 'ok',
        summary: `${describe(files)} changed: re-synthesized and applied in ${seconds(startedAt)}${what.length > 0 ? `; ${what.join(', ')}` : ''}`,
        ...(what.length > 0 && { detail: `added: ${changes.added.join(', ') || 'nothing'}\nremoved: ${changes.removed.join(', ') || 'nothing'}` }),
      });
    } catch (error) {
      report({ outcome: 'error', summary: `${describe(files)} changed: synthesis failed; the last good template keeps running`, detail: (error as Error).message });
    }
  };

  const rebuild = async (files: string[]): Promise<void> => {
    const affected = builds.affectedBy(files);
    if (affected.length === 0) return;
    const startedAt = performance.now();
    try {
      for (const fn of affected) runtime.replaceFunctionCode(fn.arn, await builds.rebuild(fn));
      report({ outcome: 'ok', summary: `${describe(files)} changed: rebuilt ${affected.map((fn) => fn.name).join(', ')} in ${seconds(startedAt)}` });
    } catch (error) {
      report({ outcome: 'error', summary: `${describe(files)} changed: the build failed; the last good code keeps running`, detail: (error as Error).message });
    }
  };

  // One reload at a time, each with every change that arrived before it started.
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const handle = async (): Promise<void> => {
    const files = [...pending];
    pending = new Set();
    await ready.catch(() => undefined);
    const appChanged = appFiles === undefined ? files.some((file) => !builds.isInput(file)) : files.some((file) => appFiles?.has(file));
    if (appChanged) await resynthesize(files);
    else await rebuild(files);
  };
  const subscription = await watcher.subscribe(
    projectDir,
    (error, events) => {
      if (error) {
        options.print(`watch: ${error.message}`);
        return;
      }
      for (const event of events) if (watched.matches(event.path)) pending.add(event.path);
      if (pending.size === 0) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        running = running.then(handle, handle);
      }, SETTLE_MS);
    },
    { ignore: [...watched.ignoredFolders(), ...(options.stateDir ? [options.stateDir] : [])] },
  );

  return {
    ready,
    async close() {
      clearTimeout(timer);
      await subscription.unsubscribe();
      await running.catch(() => undefined);
      await builds.dispose();
    },
  };
}

function seconds(startedAt: number): string {
  const ms = performance.now() - startedAt;
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
