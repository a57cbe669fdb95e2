import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { readStartupLine } from '../../local/cli/startup-lines';
import { commandLineOf, descendantsOf, peakRssBytes } from './proc';
import { stopProcessGroup, trackProcessGroup } from './process-group';

const START_SCRIPT = 'local/cli/start.ts';
const OUTPUT_TAIL_LINES = 40;

export interface ChildRuntimeOptions {
  projectDir: string;
  /**
   * How the runtime is started. `npm-start` runs `npm start` as a person would; the benchmark times that start.
   * `node` runs start.ts in node with tsx as an import hook, without npm's launcher or the runtime's cached bundle
   * (local/cli/launch.js), so a test runs the sources as they are; it is quicker to restart after each kill.
   */
  launcher: 'npm-start' | 'node';
  /** Kept across kills: a restart resumes from it. Undefined keeps the state in memory (`--in-memory`). */
  stateDir?: string;
  /** npm start's flags besides --port and the state's: fault flags, for example. */
  args?: string[];
  /** Every line the runtime prints, function logs included. */
  onLine?: (line: string) => void;
  readyTimeoutMs?: number;
}

/** What one start of the runtime took and did. */
export interface StartFigures {
  /** From spawning to the ready line. */
  readyMs: number;
  /** False when `npm start` reused cdk.out. */
  synthesized: boolean;
  /** How long synthesis took, as `npm start` reports it; undefined when it reused cdk.out. */
  synthMs: number | undefined;
}

/**
 * `npm start` as a child process leading its own process group: started, SIGKILLed and restarted on the same port
 * (and state directory, when its args name one), stopped. Its output is drained for as long as it runs, and only
 * the tail kept for error messages.
 */
export class ChildRuntime {
  endpoint = '';
  /** The node process that serves the runtime (npm and sh may be its ancestors). */
  runtimePid = 0;
  lastStart: StartFigures = { readyMs: 0, synthesized: false, synthMs: undefined };
  /** Rejects if the runtime exits other than through `kill()` or `stop()`; never resolves. */
  readonly unexpectedExit: Promise<never>;

  private child: ChildProcess | undefined;
  private port = 0;
  private starts = 0;
  private exitExpected = false;
  private peakRss = 0;
  private readonly tail: string[] = [];
  private ready = deferred();
  private failUnexpectedly: (error: Error) => void = () => {};

  private constructor(private readonly options: ChildRuntimeOptions) {
    this.unexpectedExit = new Promise<never>((_resolve, reject) => (this.failUnexpectedly = reject));
    this.unexpectedExit.catch(() => {});
  }

  static async start(options: ChildRuntimeOptions): Promise<ChildRuntime> {
    const runtime = new ChildRuntime(options);
    await runtime.launch(options.args ?? []);
    return runtime;
  }

  /**
   * Resolves once the runtime serves requests. Clients wait on it after a kill: a restarting runtime listens
   * before its services are mounted, and a request in between is answered "Unknown operation".
   */
  whenReady(): Promise<void> {
    return this.ready.promise;
  }

  /** The highest VmHWM the runtime process reached over all its starts so far, in bytes. */
  peakRssBytes(): number {
    this.samplePeakRss();
    return this.peakRss;
  }

  /** The same in MiB, to one decimal. */
  peakRssMb(): number {
    return Math.round(this.peakRssBytes() / (1024 * 102.4)) / 10;
  }

  /** SIGKILL: no shutdown code runs, as in a crash. */
  async kill(): Promise<void> {
    this.ready = deferred();
    await this.end('SIGKILL');
  }

  /** Starts again on the same port and state; `args` replace the start options' flags for this run. */
  async restart(args: string[] = this.options.args ?? []): Promise<void> {
    if (this.child) throw new Error('The runtime is still running; kill or stop it first');
    await this.launch(args);
  }

  /** SIGTERM, and SIGKILL if it has not stopped within 10 s. */
  async stop(): Promise<void> {
    await this.end('SIGTERM');
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    this.samplePeakRss();
    this.exitExpected = true;
    const exited = child.exitCode === null && child.signalCode === null ? new Promise((resolve) => child.once('exit', resolve)) : Promise.resolve();
    await stopProcessGroup(child.pid, signal);
    await exited;
    this.child = undefined;
  }

  private async launch(args: string[]): Promise<void> {
    const { projectDir, launcher } = this.options;
    const { stateDir } = this.options;
    const startArgs = ['--port', String(this.port), ...(stateDir === undefined ? ['--in-memory'] : ['--state-dir', stateDir]), ...args];
    const [command, commandArgs] =
      launcher === 'npm-start'
        ? ['npm', ['start', '--', ...startArgs]]
        : [process.execPath, ['--import', 'tsx', path.join(projectDir, START_SCRIPT), ...startArgs]];
    const spawnedAt = performance.now();
    const child = spawn(command, commandArgs, {
      cwd: projectDir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    trackProcessGroup(child);
    this.child = child;
    this.exitExpected = false;
    this.starts++;
    const figures: StartFigures = { readyMs: 0, synthesized: true, synthMs: undefined };
    const ready = new Promise<string>((resolve, reject) => {
      const timeoutMs = this.options.readyTimeoutMs ?? 120_000;
      const timer = setTimeout(() => reject(this.failure(`printed no ready line within ${timeoutMs / 1000} s`)), timeoutMs);
      child.once('error', (error) => reject(this.failure(`could not be spawned: ${error.message}`)));
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        const failure = this.failure(`exited (${signal ?? `code ${code}`})`);
        reject(failure);
        if (!this.exitExpected) this.failUnexpectedly(failure);
      });
      for (const stream of [child.stdout, child.stderr]) {
        readline.createInterface({ input: stream as NodeJS.ReadableStream }).on('line', (line) => {
          this.keep(line);
          const event = readStartupLine(line);
          if (event?.kind === 'reused') figures.synthesized = false;
          if (event?.kind === 'synthesized') figures.synthMs = event.durationMs;
          if (event?.kind === 'ready') {
            clearTimeout(timer);
            resolve(event.endpoint);
          }
        });
      }
    });
    try {
      this.endpoint = await ready;
    } catch (error) {
      await this.end('SIGKILL');
      throw error;
    }
    figures.readyMs = performance.now() - spawnedAt;
    this.lastStart = figures;
    this.port = Number(new URL(this.endpoint).port);
    this.runtimePid = findRuntimePid(child.pid as number);
    this.ready.resolve();
  }

  private keep(line: string): void {
    this.tail.push(line);
    if (this.tail.length > OUTPUT_TAIL_LINES) this.tail.shift();
    this.options.onLine?.(line);
  }

  private failure(what: string): Error {
    return new Error(`The runtime (start ${this.starts}) ${what}; its last output:\n  ${this.tail.join('\n  ')}`);
  }

  /** VmHWM only grows during a process's life, so a sample just before each kill or stop sees its peak. */
  private samplePeakRss(): void {
    if (this.runtimePid === 0) return;
    this.peakRss = Math.max(this.peakRss, peakRssBytes(this.runtimePid) ?? 0);
  }
}

/** The deepest process running the start script: the one whose descendants run no copy of it. */
function findRuntimePid(rootPid: number): number {
  const runsStart = (pid: number): boolean => commandLineOf(pid).some((arg) => arg.endsWith(START_SCRIPT));
  const candidates = [rootPid, ...descendantsOf(rootPid)].filter(runsStart);
  const deepest = candidates.find((pid) => !descendantsOf(pid).some(runsStart));
  if (deepest === undefined) throw new Error(`No process under the child runtime (pid ${rootPid}) runs ${START_SCRIPT}`);
  return deepest;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}
