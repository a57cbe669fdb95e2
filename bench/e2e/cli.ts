/**
 * `npm run bench -- [--users 10000] [--concurrency 32]`: startup, bundles, watch mode's reload, the pipeline end to
 * end (with the console open, without IAM, and without tracing, each twice) and the floor of its work, all measured
 * in this one run against `npm start` child processes. The last line is JSON.
 */
import * as os from 'node:os';
import { UsageError } from '../../local/cli/command-line';
import { installChildCleanup } from '../../support/child-runtime/process-group';
import { CDK_OUT } from '../../support/project';
import { measureBundles } from './bundles';
import { AS_A_DEVELOPER_RUNS_IT, runEndToEnd, WITHOUT_IAM, WITHOUT_TRACING, type EndToEndResult, type EndToEndVariant } from './end-to-end';
import { runFloor } from './floor';
import { parseBenchOptions, USAGE } from './options';
import { progress } from './progress';
import { BENCH_SES_MAX_SEND_RATE, raisedQuotaAssembly } from './raised-quota-assembly';
import { renderReport } from './report';
import { measureReload } from './reload';
import { measureStartup } from './startup';
import { noteSdkNodeVersion } from '../../scripts/aws-target/sdk-node-version';

/** Users in the unmeasured pass before the measured ones. */
const WARM_UP_USERS = 2_000;
const WARM_UP: EndToEndVariant = { ...AS_A_DEVELOPER_RUNS_IT, name: 'warm-up, not measured', paced: false };

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  installChildCleanup('benchmark');
  const loadAtStart = os.loadavg()[0];
  const startup = await phase('startup', () => measureStartup());
  progress('bundles: sizes and require times of the Lambda bundles in cdk.out');
  const bundles = await phase('bundles', () => measureBundles(CDK_OUT));
  const reload = await phase('reload', () => measureReload());
  const assemblyDir = await phase('assembly', () => raisedQuotaAssembly());
  // Unmeasured: in three runs the first pass after the earlier phases inserted a third slower than the same variant
  // run later, whichever it was. A short pass first absorbs that, so the first measured pass is not the odd one out.
  await phase('warm-up', () => runEndToEnd(assemblyDir, Math.min(options.users, WARM_UP_USERS), options.concurrency, WARM_UP));
  const pass = (variant: EndToEndVariant): Promise<EndToEndResult> =>
    phase(variant.name, () => runEndToEnd(assemblyDir, options.users, options.concurrency, variant));
  // The same pipeline without one feature at a time, in this same run: what local IAM and tracing each cost. Each
  // variant runs twice, in the order A B C C B A, so that a machine that speeds up or slows down during the run
  // weighs on every variant alike; identical passes still differ by up to a third here.
  const endToEnd = await pass(AS_A_DEVELOPER_RUNS_IT);
  const withoutIam = await pass(WITHOUT_IAM);
  const withoutTracing = await pass(WITHOUT_TRACING);
  const withoutTracingAgain = await pass(WITHOUT_TRACING);
  const withoutIamAgain = await pass(WITHOUT_IAM);
  const endToEndAgain = await pass({ ...AS_A_DEVELOPER_RUNS_IT, paced: false });
  const floor = await phase('floor', () => runFloor(assemblyDir, options.users, options.concurrency));
  const loadAverage = { atStart: loadAtStart, atEnd: os.loadavg()[0], cores: os.availableParallelism() };
  process.stdout.write(
    renderReport({
      concurrency: options.concurrency,
      sesMaxSendRate: BENCH_SES_MAX_SEND_RATE,
      loadAverage,
      endToEnd: [endToEnd, endToEndAgain],
      withoutIam: [withoutIam, withoutIamAgain],
      withoutTracing: [withoutTracing, withoutTracingAgain],
      floor,
      startup,
      bundles,
      reload,
    }),
  );
}

async function phase<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new Error(`${name}: ${(error as Error).message}`);
  }
}

noteSdkNodeVersion();
main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(error instanceof UsageError ? `${error.message}\n\n${USAGE}\n` : `npm run bench failed: ${error.message}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
