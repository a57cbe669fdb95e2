import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Clock, Timer } from '../clock';
import { FunctionModel } from '../model/types';
import { LambdaInvokeResult } from '../model/ports';
import { functionEnvironment, RuntimeScope } from './function-environment';
import type { LogSink } from '../log-sink';
import { TRACE_PARENT_HEADER, type Tracer } from '../trace';
import { prefixedLineWriter } from './prefixed-lines';
import { INVOCATION_MARK, InvokeMessage, WorkerData, WorkerErrorShape, WorkerMessage } from './worker-messages';

const BOOTSTRAP = path.join(__dirname, 'worker-bootstrap.js');
/**
 * Where the runtime's own AWS SDK v3 is installed, found from the runtime's location (never from a function's code
 * folder), so a bundle that leaves `@aws-sdk/*` out finds it wherever the assembly lies.
 */
const SDK_BASE = path.resolve(path.dirname(require.resolve('@aws-sdk/client-dynamodb/package.json')), '..', '..', '..');
/** Lambda gives a function's initialization 10 seconds. */
const INIT_TIMEOUT_MS = 10_000;

interface PendingInvocation {
  resolve(result: LambdaInvokeResult): void;
  timer: NodeJS.Timeout;
}

/** One warm sandbox: a worker thread that has loaded the handler and runs one invocation at a time. */
class Sandbox {
  readonly worker: Worker;
  readonly ready: Promise<WorkerErrorShape | undefined>;
  private pending: { id: number; invocation: PendingInvocation } | undefined;
  private exitError: WorkerErrorShape | undefined;
  alive = true;
  /** Loaded code that has since been replaced: stopped once its invocation ends, never reused. */
  retired = false;
  /** Invocations started in this sandbox: the first one is a cold start. */
  invocations = 0;
  /** Set while the sandbox waits, warm, for its next invocation. */
  idleTimer: Timer | undefined;

  constructor(
    fn: FunctionModel,
    scope: RuntimeScope,
    logSink: LogSink,
    tracer: Tracer | undefined,
    private readonly onDeath: (sandbox: Sandbox) => void,
  ) {
    const workerData: WorkerData = {
      codeDir: fn.codeDir,
      handler: fn.handler,
      sdkBase: SDK_BASE,
      ...(tracer && { tracing: { mark: INVOCATION_MARK, header: TRACE_PARENT_HEADER, endpoint: scope.endpoint } }),
    };
    this.worker = new Worker(BOOTSTRAP, {
      workerData,
      env: functionEnvironment(fn, scope),
      // A clean Node.js, as in Lambda: no TypeScript loader or flags inherited from the runtime's process.
      execArgv: [],
      stdout: true,
      stderr: true,
      // A small young generation: each sandbox would otherwise reserve tens of MB it rarely needs (measured by the benchmark).
      resourceLimits: { maxOldGenerationSizeMb: fn.memorySizeMb, maxYoungGenerationSizeMb: 8 },
    });
    for (const stream of [this.worker.stdout, this.worker.stderr]) {
      const lines = prefixedLineWriter(fn.name, tracer ? invocationLines(logSink, tracer) : logSink);
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => lines.write(chunk));
      stream.on('end', () => lines.flush());
    }
    this.ready = new Promise((resolve) => {
      const initTimer = setTimeout(() => {
        resolve({ errorType: 'Runtime.InitTimeout', errorMessage: `Init phase exceeded ${INIT_TIMEOUT_MS / 1000} seconds` });
        void this.kill();
      }, INIT_TIMEOUT_MS);
      this.worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          clearTimeout(initTimer);
          resolve(undefined);
        } else if (message.type === 'init-error') {
          clearTimeout(initTimer);
          resolve(message.error);
          void this.kill();
        } else {
          this.settle(message.id, message.type === 'result' ? resultOf(message.payloadJson) : { error: message.error });
        }
      });
      this.worker.on('error', (error: Error & { code?: string }) => {
        this.exitError =
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? { errorType: 'Runtime.OutOfMemory', errorMessage: `Runtime exited: out of memory (limit ${fn.memorySizeMb} MB)` }
            : { errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: ${error.message}` };
      });
      this.worker.on('exit', (code) => {
        clearTimeout(initTimer);
        this.alive = false;
        const error = this.exitError ?? { errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with status ${code}` };
        resolve(error);
        if (this.pending) this.settle(this.pending.id, { error });
        this.onDeath(this);
      });
    });
  }

  run(message: InvokeMessage, timeoutMs: number): Promise<LambdaInvokeResult> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const seconds = (timeoutMs / 1000).toFixed(2);
        this.settle(message.id, { error: { errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${seconds} seconds` } });
        void this.kill();
      }, timeoutMs);
      this.pending = { id: message.id, invocation: { resolve, timer } };
      this.worker.postMessage(message);
    });
  }

  async kill(): Promise<void> {
    this.alive = false;
    await this.worker.terminate();
  }

  private settle(id: number, result: LambdaInvokeResult): void {
    if (this.pending?.id !== id) return;
    clearTimeout(this.pending.invocation.timer);
    const { resolve } = this.pending.invocation;
    this.pending = undefined;
    resolve(result);
  }
}

/** Lines a sandbox prints while it loads the handler, kept for its first invocation, at most. */
const MAX_INIT_LINES = 200;

/**
 * Hands a sandbox's lines to the sink, and to the span of the invocation that wrote them: the bootstrap marks
 * where each invocation's output starts, and the mark itself is not output. What the handler's module prints as
 * it loads comes before any mark and belongs to the first invocation, whose cold start it is, as in Lambda's INIT.
 */
function invocationLines(sink: LogSink, tracer: Tracer): LogSink {
  let current: string | undefined;
  let initLines: string[] | undefined = [];
  return (line) => {
    const mark = line.indexOf(INVOCATION_MARK);
    if (mark >= 0) {
      current = line.slice(mark + INVOCATION_MARK.length);
      for (const initLine of initLines ?? []) tracer.log(current, initLine);
      initLines = undefined;
      return;
    }
    sink(line);
    const text = line.slice(line.indexOf('] ') + 2);
    if (initLines === undefined) tracer.log(current, text);
    else if (initLines.length < MAX_INIT_LINES) initLines.push(text);
  };
}

function resultOf(payloadJson: string | undefined): LambdaInvokeResult {
  return payloadJson === undefined ? {} : { payload: JSON.parse(payloadJson) as unknown };
}

export interface InvocationRequest {
  /** The event, already as JSON. */
  eventJson: string;
  requestId: string;
  /** The invocation's span, which its output and its calls to the endpoint are attributed to. */
  traceSpan?: string;
}

export interface InvocationOutcome {
  result: LambdaInvokeResult;
  /** The sandbox started for this invocation (or could not start). */
  cold: boolean;
}

/**
 * The sandboxes of one function: warm workers are reused, at most `maxConcurrency` run at once, and the
 * rest wait in order. A worker that times out, runs out of memory or crashes is replaced by a cold one.
 * A worker left idle for `idleTimeoutMs` is stopped, as Lambda reclaims idle sandboxes, so a function that
 * is no longer called gives back its memory; its next invocation starts cold.
 */
export class WorkerPool {
  private readonly idle: Sandbox[] = [];
  private readonly all = new Set<Sandbox>();
  private readonly waiting: Array<(sandbox: Sandbox) => void> = [];
  private nextMessageId = 1;
  private closed = false;

  constructor(
    readonly fn: FunctionModel,
    private readonly scope: RuntimeScope,
    private readonly logSink: LogSink,
    readonly maxConcurrency: number,
    private readonly idleTimeoutMs: number,
    /** Idle timeouts run on it; a function's own timeout runs in real time, as its handler does. */
    private readonly clock: Clock,
    /** Attributes each invocation's output to its span; tracing is off without it. */
    private readonly tracer?: Tracer,
  ) {}

  async invoke(request: InvocationRequest): Promise<InvocationOutcome> {
    if (this.closed) return { cold: false, result: { error: { errorType: 'ServiceException', errorMessage: 'The local Lambda runtime is closed' } } };
    const sandbox = await this.acquire();
    const cold = sandbox.invocations++ === 0;
    try {
      const initError = await sandbox.ready;
      if (initError) return { cold, result: { error: initError } };
      const timeoutMs = this.fn.timeoutSeconds * 1000;
      const result = await sandbox.run(
        {
          type: 'invoke',
          id: this.nextMessageId++,
          eventJson: request.eventJson,
          ...(request.traceSpan ? { traceParent: request.traceSpan } : {}),
          context: {
            awsRequestId: request.requestId,
            functionName: this.fn.name,
            functionVersion: '$LATEST',
            invokedFunctionArn: this.fn.arn,
            memoryLimitInMB: String(this.fn.memorySizeMb),
            logGroupName: `/aws/lambda/${this.fn.name}`,
            logStreamName: `local/[$LATEST]${this.fn.name}`,
            deadlineMs: Date.now() + timeoutMs,
          },
        },
        timeoutMs,
      );
      return { cold, result };
    } finally {
      this.release(sandbox);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const sandbox of this.idle) sandbox.idleTimer?.cancel();
    await Promise.all([...this.all].map((sandbox) => sandbox.kill()));
  }

  /**
   * The function's code changed (`fn.codeDir` names the new bundle): new sandboxes load it. Idle sandboxes stop now;
   * a busy one finishes its invocation on the code it loaded, and then stops.
   */
  retireSandboxes(): void {
    for (const sandbox of this.all) sandbox.retired = true;
    for (const sandbox of this.idle.splice(0)) {
      sandbox.idleTimer?.cancel();
      void sandbox.kill();
    }
  }

  private acquire(): Promise<Sandbox> {
    const warm = this.idle.pop();
    if (warm) {
      warm.idleTimer?.cancel();
      return Promise.resolve(warm);
    }
    if (this.all.size < this.maxConcurrency) return Promise.resolve(this.spawn());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(sandbox: Sandbox): void {
    if (!sandbox.alive || this.closed) return;
    if (sandbox.retired) {
      // Its death hands the next waiting invocation a fresh sandbox on the new code.
      void sandbox.kill();
      return;
    }
    const next = this.waiting.shift();
    if (next) {
      next(sandbox);
      return;
    }
    this.idle.push(sandbox);
    sandbox.idleTimer = this.clock.setTimer(this.idleTimeoutMs, () => this.reclaim(sandbox), { unref: true });
  }

  private reclaim(sandbox: Sandbox): void {
    const idleAt = this.idle.indexOf(sandbox);
    if (idleAt < 0) return;
    this.idle.splice(idleAt, 1);
    void sandbox.kill();
  }

  private spawn(): Sandbox {
    const sandbox = new Sandbox(this.fn, this.scope, this.logSink, this.tracer, (dead) => this.remove(dead));
    this.all.add(sandbox);
    return sandbox;
  }

  private remove(dead: Sandbox): void {
    dead.idleTimer?.cancel();
    this.all.delete(dead);
    const idleAt = this.idle.indexOf(dead);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    const next = this.waiting.shift();
    if (next && !this.closed) next(this.spawn());
  }
}
