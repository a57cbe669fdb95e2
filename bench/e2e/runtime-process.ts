import { spawn } from 'node:child_process';
import { stopProcessGroup, trackProcessGroup } from './child-processes';
import { freePort } from './free-port';
import { commandLineOf, descendantsOf, peakRssBytes } from './proc';

/** `npm start` running as a child of the benchmark, so that its memory is its own. */
export interface RuntimeProcess {
  endpoint: string;
  /** From spawning `npm start` to its ready banner. */
  readyMs: number;
  /** False when `npm start` reused cdk.out (it says so before the banner). */
  synthesized: boolean;
  /** How long synthesis took, as `npm start` reports it; undefined when it reused cdk.out. */
  synthMs: number | undefined;
  /** The node process that serves the runtime (npm, sh and tsx's launcher are its ancestors). */
  runtimePid: number;
  peakRssBytes(): number | undefined;
  /** Rejects if the runtime exits before `stop()`; never resolves. */
  unexpectedExit: Promise<never>;
  stop(): Promise<void>;
}

const READY_BANNER = /local runtime ready on (http:\/\/127\.0\.0\.1:\d+)/;
const REUSED_CDK_OUT = 'unchanged since the last run';
const SYNTH_DONE = /Synthesizing the CDK app… done in ([\d.]+) s/;
const START_SCRIPT = 'local/cli/start.ts';
const OUTPUT_TAIL_LINES = 40;

export interface RuntimeProcessOptions {
  /** More `npm start` options, such as `--watch`. */
  args?: readonly string[];
  /** Sees all the runtime prints, as it prints it. */
  onOutput?: (text: string) => void;
}

export async function startRuntimeProcess(projectDir: string, readyTimeoutMs: number, options: RuntimeProcessOptions = {}): Promise<RuntimeProcess> {
  const port = await freePort();
  const spawnedAt = performance.now();
  const child = spawn('npm', ['start', '--', '--in-memory', '--port', String(port), ...(options.args ?? [])], {
    cwd: projectDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackProcessGroup(child);
  const groupId = child.pid as number;

  // Handlers log every invocation: the output is drained for as long as the runtime runs, and only its tail kept.
  const tail: string[] = [];
  let beforeBanner = '';
  let ready = false;
  let stopping = false;
  let onReady: (endpoint: string) => void = () => {};
  const keep = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    options.onOutput?.(text);
    if (!ready) {
      beforeBanner += text;
      const banner = READY_BANNER.exec(beforeBanner);
      if (banner) {
        ready = true;
        onReady(banner[1]);
      }
    }
    tail.push(...text.split('\n').filter((line) => line !== ''));
    if (tail.length > OUTPUT_TAIL_LINES) tail.splice(0, tail.length - OUTPUT_TAIL_LINES);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const describeExit = (code: number | null, signal: NodeJS.Signals | null): string =>
    `npm start exited (${signal ?? `code ${code}`}); its last output:\n  ${tail.join('\n  ')}`;

  let timer: NodeJS.Timeout | undefined;
  let endpoint: string;
  try {
    endpoint = await new Promise<string>((resolve, reject) => {
      onReady = resolve;
      child.once('error', (error) => reject(new Error(`Cannot spawn npm start: ${error.message}`)));
      child.once('exit', (code, signal) => reject(new Error(`Before it was ready, ${describeExit(code, signal)}`)));
      timer = setTimeout(
        () => reject(new Error(`npm start printed no ready banner within ${readyTimeoutMs / 1000} s; its last output:\n  ${tail.join('\n  ')}`)),
        readyTimeoutMs,
      );
    });
  } catch (error) {
    await stopProcessGroup(groupId);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const readyMs = performance.now() - spawnedAt;

  const unexpectedExit = new Promise<never>((_resolve, reject) => {
    child.once('exit', (code, signal) => {
      if (!stopping) reject(new Error(`The runtime stopped during the benchmark: ${describeExit(code, signal)}`));
    });
  });
  unexpectedExit.catch(() => {});
  const runtimePid = findRuntimePid(groupId);
  const synthSeconds = SYNTH_DONE.exec(beforeBanner)?.[1];
  return {
    endpoint,
    readyMs,
    synthesized: !beforeBanner.includes(REUSED_CDK_OUT),
    synthMs: synthSeconds === undefined ? undefined : Number(synthSeconds) * 1000,
    runtimePid,
    peakRssBytes: () => peakRssBytes(runtimePid),
    unexpectedExit,
    stop: () => {
      stopping = true;
      return stopProcessGroup(groupId);
    },
  };
}

/** The deepest process running the start script: the one whose descendants run no copy of it. */
function findRuntimePid(rootPid: number): number {
  const runsStart = (pid: number): boolean => commandLineOf(pid).some((arg) => arg.endsWith(START_SCRIPT));
  const candidates = [rootPid, ...descendantsOf(rootPid)].filter(runsStart);
  const deepest = candidates.find((pid) => !descendantsOf(pid).some(runsStart));
  if (deepest === undefined) throw new Error(`No process under npm start (pid ${rootPid}) runs ${START_SCRIPT}`);
  return deepest;
}
