import * as fs from 'node:fs';
import { FINGERPRINT_FILE } from '../../local/cli/synth';
import type { StartFigures } from '../../support/child-runtime/child-runtime';
import { CDK_OUT } from '../../support/project';
import { startBenchRuntime } from './bench-runtime';
import { progress } from './progress';

export interface StartupResult {
  coldMs: number;
  /** The part of the cold start spent synthesizing (CDK app and esbuild bundling), as npm start reports it. */
  coldSynthMs: number | undefined;
  warmMs: number;
}

const COLD_READY_LIMIT_MS = 300_000;
const WARM_READY_LIMIT_MS = 60_000;

/** From spawning `npm start` to its ready banner: cold (synthesis and bundling included), then warm (nothing changed). */
export async function measureStartup(): Promise<StartupResult> {
  // npm start skips synthesis while this fingerprint of the app's inputs matches; without it, it synthesizes.
  fs.rmSync(`${CDK_OUT}/${FINGERPRINT_FILE}`, { force: true });
  progress('startup: cold npm start (fingerprint removed, so it synthesizes and bundles)');
  const cold = await startAndStop(COLD_READY_LIMIT_MS);
  if (!cold.synthesized) throw new Error('The cold npm start reused cdk.out although its synth fingerprint was removed');
  progress(`startup: cold ready in ${(cold.readyMs / 1000).toFixed(1)} s; warm npm start`);

  let warm = await startAndStop(WARM_READY_LIMIT_MS);
  if (warm.synthesized) {
    // The app's sources changed in between (someone is editing them): the next start is the warm one.
    progress('startup: the app changed since the cold start, so that start synthesized again; measuring warm once more');
    warm = await startAndStop(WARM_READY_LIMIT_MS);
    if (warm.synthesized) throw new Error('npm start synthesized on every run: the app keeps changing, so no warm start could be measured');
  }
  progress(`startup: warm ready in ${(warm.readyMs / 1000).toFixed(1)} s`);
  return { coldMs: cold.readyMs, coldSynthMs: cold.synthMs, warmMs: warm.readyMs };
}

async function startAndStop(readyTimeoutMs: number): Promise<StartFigures> {
  const runtime = await startBenchRuntime({ readyTimeoutMs });
  await runtime.stop();
  return runtime.lastStart;
}
