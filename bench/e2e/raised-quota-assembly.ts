import * as path from 'node:path';
import { synthesize } from '../../local/cli/synth';
import { PROJECT_DIR } from '../../support/project';
import { progress } from './progress';

/**
 * The SES sending rate the measured app is synthesized with (`-c sesMaxSendRate`): a raised production quota. At the
 * default of 50 emails/s, welcome-email's pacing (which must stay) caps the pipeline at 50 users/s, and the benchmark
 * would measure the quota rather than the runtime. At this rate the pace is 2 ms per instance, below one send's own
 * time, while the pacing code still runs on every send.
 */
export const BENCH_SES_MAX_SEND_RATE = 1_000;

/** Kept between runs (synthesis is skipped while its fingerprint matches); `.bench/` is git-ignored. */
const ASSEMBLY_DIR = path.join(PROJECT_DIR, '.bench', `cdk.out-ses-${BENCH_SES_MAX_SEND_RATE}`);

/** Synthesizes the project's app at the benchmark's SES quota into its own cloud assembly, for `npm start -- --assembly`. */
export async function raisedQuotaAssembly(): Promise<string> {
  progress(`assembly: synthesizing the app with -c sesMaxSendRate=${BENCH_SES_MAX_SEND_RATE} into ${path.relative(PROJECT_DIR, ASSEMBLY_DIR)}`);
  const synth = await synthesize({ projectDir: PROJECT_DIR, outDir: ASSEMBLY_DIR, context: { sesMaxSendRate: String(BENCH_SES_MAX_SEND_RATE) } });
  progress(`assembly: ${synth.skipped ? 'unchanged since the last run, reused' : `synthesized in ${(synth.durationMs / 1000).toFixed(1)} s`}`);
  return ASSEMBLY_DIR;
}
