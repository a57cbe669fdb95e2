import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RedriveCommand } from '../console';
import { startLocalRuntime } from '../runtime';
import type { BannerExample } from './banner';
import { AssemblyError, checkAssembly } from './assembly';
import { renderBanner } from './banner';
import { describeFaults, runtimeFaultOptions } from './faults';
import { parseStartOptions, USAGE, UsageError } from './options';
import { synthesize } from './synth';
import { SYNTHESIS_REUSED, synthesisDone, SYNTHESIZING } from './startup-lines';
import type { WatchMode } from '../watch';

/**
 * `npm start`: synthesize the app, run its template locally, print the banner, stop cleanly on Ctrl-C.
 *
 * package.json starts it with two flags and one variable:
 * - V8's `--heap-growing-percent=20`: the runtime and its sandboxes make garbage fast, and V8's default growth let
 *   the heap reach twice its live size before collecting. The benchmark measured 60 MB less peak RSS at 5,000 users
 *   (554 → 490 MB) for the same CPU.
 * - `--v8-pool-size=1`: one background thread for the garbage collection of every isolate (the runtime's and each
 *   sandbox's), not Node's default of four. Four oversubscribed a 2-core machine, and each thread that allocated kept
 *   a malloc arena of its own: at 10,000 users, a median peak RSS of 527 MB → 502 MB over six runs each (525-537 →
 *   499-523), for no more CPU per user.
 * - `MALLOC_ARENA_MAX=2`: glibc (Linux) otherwise gives each thread that allocates under contention a malloc arena of
 *   its own, up to eight per core, and the sandboxes' threads left each one fragmented. Peak RSS at 10,000 users
 *   502-523 → 460-461 MB, for the same CPU. glibc reads it only at process start, so it is set in the script, in the
 *   POSIX shell's form; other C libraries ignore it.
 */
async function main(): Promise<void> {
  const options = parseStartOptions(process.argv.slice(2), process.env);
  if (options.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const projectDir = process.cwd();
  const cdkOutDir = options.assembly === undefined ? path.join(projectDir, 'cdk.out') : checkAssembly(options.assembly, projectDir);
  const stateDir = path.resolve(projectDir, options.stateDir);
  if (options.reset) {
    fs.rmSync(stateDir, { recursive: true, force: true });
    process.stdout.write(`Wiped local state in ${stateDir}\n`);
  }

  if (options.assembly === undefined) {
    process.stdout.write(SYNTHESIZING);
    const synth = await synthesize({ projectDir, outDir: cdkOutDir });
    process.stdout.write(`${synth.skipped ? SYNTHESIS_REUSED : synthesisDone(synth.durationMs)}\n`);
  } else {
    process.stdout.write(`Running the cloud assembly in ${cdkOutDir}, as synthesized\n`);
  }

  const runtime = await startLocalRuntime({
    cdkOutDir,
    stackName: options.stackName,
    port: options.port,
    stateDir: options.inMemory ? undefined : stateDir,
    iam: options.iam,
    tracing: options.tracing,
    secrets: options.secrets,
    ...runtimeFaultOptions(options.faults),
    redrive: readRedriveCommand(projectDir),
    consoleRole: readSettings(projectDir).console?.role,
  });
  runtime.deferred.catch(failed);
  if (options.faults.sesOutageSeconds > 0) runtime.throttleSesFor(options.faults.sesOutageSeconds * 1000);
  // The project's examples name its own resources; another app's assembly gets none.
  const examples = options.assembly === undefined ? readExamples(projectDir) : [];
  process.stdout.write(renderBanner(runtime.model, examples, Date.now() - performance.timeOrigin));
  process.stdout.write(options.inMemory ? '  State: in memory only\n\n' : `  State: ${stateDir} (--reset wipes it, --in-memory skips it)\n\n`);
  if (options.iam !== 'enforce') process.stdout.write(`  Local IAM: ${options.iam} (${options.iam === 'warn' ? 'refusals are only logged' : 'nothing is checked'}; enforce is the default)\n\n`);
  if (!options.tracing) process.stdout.write('  Tracing: off (--no-tracing); the console shows no traces\n\n');
  const faults = describeFaults(options.faults);
  if (faults) process.stdout.write(`  Faults injected: ${faults}\n\n`);
  let watch: WatchMode | undefined;
  if (options.watch) {
    // Imported only here: the file watcher and the incremental builds are no part of a plain start.
    const { startWatchMode } = await import('../watch');
    watch = await startWatchMode({
      projectDir,
      cdkOutDir,
      stateDir: options.inMemory ? undefined : stateDir,
      runtime,
      synthesize: async () => {
        await synthesize({ projectDir, outDir: cdkOutDir });
      },
      print: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write('  Watching: a change under services/ rebuilds the functions it affects; a change to cdk/ or events/ re-synthesizes\n\n');
  }

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping…\n`);
    Promise.resolve(watch?.close())
      .then(() => runtime.close())
      .then(
        () => process.exit(0),
        (error: Error) => {
          process.stderr.write(`Error while stopping: ${error.message}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

interface LocalRuntimeSettings {
  examples?: BannerExample[];
  /**
   * `console.redrive`: the command the console runs to redrive a dead-letter queue (see local/console/redrive.ts);
   * `console.role`: the ARN of the role the console acts as, as an operator would in AWS.
   */
  console?: { redrive?: string; role?: string };
}

function readSettings(projectDir: string): LocalRuntimeSettings {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as { localRuntime?: LocalRuntimeSettings };
  return pkg.localRuntime ?? {};
}

function readExamples(projectDir: string): BannerExample[] {
  return readSettings(projectDir).examples ?? [];
}

function readRedriveCommand(projectDir: string): RedriveCommand | undefined {
  const command = readSettings(projectDir).console?.redrive;
  return command === undefined ? undefined : { command, cwd: projectDir };
}

function failed(error: Error): never {
  if (error instanceof UsageError) process.stderr.write(`${error.message}\n\n${USAGE}\n`);
  else if (error instanceof AssemblyError) process.stderr.write(`npm start: ${error.message}\n`);
  else process.stderr.write(`npm start failed: ${error.message}\n`);
  process.exit(error instanceof UsageError || error instanceof AssemblyError ? 2 : 1);
}

main().catch(failed);
