import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';

export interface ChildRuntimeOptions {
  projectDir: string;
  /** Kept across kills: the restarted runtime resumes from it. */
  stateDir: string;
  /** npm start's flags besides --port and --state-dir, for example fault flags. */
  args?: string[];
  /** Every line the runtime prints, function logs included. */
  onLine?: (line: string) => void;
  readyTimeoutMs?: number;
}

const READY_BANNER = /local runtime ready on (http:\/\/127\.0\.0\.1:(\d+))/;
const OUTPUT_TAIL_LINES = 30;

/**
 * `npm start` as a child process, killed with SIGKILL and restarted on the same port and state directory.
 * Node runs start.ts itself (tsx as an import hook, not its launcher), so the child is the runtime process:
 * the signal reaches it and /proc/<pid> describes its memory.
 */
export class ChildRuntime {
  private child: ChildProcess | undefined;
  private port = 0;
  private peakRssKb = 0;
  private rssTimer: NodeJS.Timeout | undefined;
  private readonly tail: string[] = [];
  private ready = deferred();
  private starts = 0;
  endpoint = '';

  private constructor(private readonly options: ChildRuntimeOptions) {}

  static async start(options: ChildRuntimeOptions): Promise<ChildRuntime> {
    const runtime = new ChildRuntime(options);
    await runtime.launch(options.args ?? []);
    return runtime;
  }

  /** The highest VmHWM of any of the runtime's processes so far, in MiB. */
  get peakRssMb(): number {
    this.samplePeakRss();
    return Math.round(this.peakRssKb / 102.4) / 10;
  }

  /**
   * Resolves once the runtime serves requests. Clients wait on it after a kill: a restarting runtime listens
   * before its services are mounted, and a request in between is answered "Unknown operation".
   */
  whenReady(): Promise<void> {
    return this.ready.promise;
  }

  /** SIGKILL: no shutdown code runs, as in a crash. */
  async kill(): Promise<void> {
    this.samplePeakRss();
    this.ready = deferred();
    await this.signal('SIGKILL');
  }

  /** Starts again on the same port and state directory; `args` replace the start options' extra flags for this run. */
  async restart(args: string[] = this.options.args ?? []): Promise<void> {
    if (this.child) throw new Error('The runtime is still running; kill it first');
    await this.launch(args);
  }

  /** SIGTERM and wait: a clean stop. */
  async stop(): Promise<void> {
    this.samplePeakRss();
    await this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    clearInterval(this.rssTimer);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(signal);
      await exited;
    }
    this.child = undefined;
  }

  private async launch(args: string[]): Promise<void> {
    const { projectDir, stateDir } = this.options;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(projectDir, 'local/cli/start.ts'), '--port', String(this.port), '--state-dir', stateDir, ...args],
      { cwd: projectDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
    );
    this.child = child;
    this.starts++;
    const ready = new Promise<string>((resolve, reject) => {
      const timeoutMs = this.options.readyTimeoutMs ?? 120_000;
      const timer = setTimeout(() => reject(this.failure(`printed no ready banner within ${timeoutMs / 1000} s`)), timeoutMs);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(this.failure(`exited before it was ready (${signal ?? `code ${code}`})`));
      });
      for (const stream of [child.stdout, child.stderr]) {
        readline.createInterface({ input: stream as NodeJS.ReadableStream }).on('line', (line) => {
          this.keep(line);
          const banner = READY_BANNER.exec(line);
          if (banner) {
            clearTimeout(timer);
            resolve(banner[1]);
          }
        });
      }
    });
    try {
      this.endpoint = await ready;
    } catch (error) {
      await this.signal('SIGKILL');
      throw error;
    }
    this.port = Number(new URL(this.endpoint).port);
    this.ready.resolve();
    this.rssTimer = setInterval(() => this.samplePeakRss(), 1000);
    this.rssTimer.unref();
  }

  private keep(line: string): void {
    this.tail.push(line);
    if (this.tail.length > OUTPUT_TAIL_LINES) this.tail.shift();
    this.options.onLine?.(line);
  }

  private failure(what: string): Error {
    return new Error(`The runtime (start ${this.starts}) ${what}; its last output:\n  ${this.tail.join('\n  ')}`);
  }

  /** VmHWM only grows during a process's life, so a sample just before each kill sees its peak. */
  private samplePeakRss(): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      const match = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) this.peakRssKb = Math.max(this.peakRssKb, Number(match[1]));
    } catch {
      // The process has just exited: its last sample stands.
    }
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}
