import * as fs from 'node:fs';
import * as path from 'node:path';
import { progress } from './progress';
import { startRuntimeProcess } from './runtime-process';

export interface StartupResult {
  coldMs: number;
  /** The part of the cold start spent synthesizing (CDK app and esbuild bundling), as npm start reports it. */
  coldSynthMs: number | undefined;
  warmMs: number;
}

/** `npm start` checks this fingerprint of the app's inputs to skip synthesis (local/cli/synth.ts); without it, it synthesizes. */
const SYNTH_FINGERPRINT = '.local-synth-fingerprint';
const COLD_READY_LIMIT_MS = 300_000;
const WARM_READY_LIMIT_MS = 60_000;

/** From spawning `npm start` to its ready banner: cold (synthesis and bundling included), then warm (nothing changed). */
export async function measureStartup(projectDir: string): Promise<StartupResult> {
  fs.rmSync(path.join(projectDir, 'cdk.out', SYNTH_FINGERPRINT), { force: true });
  progress('startup: cold npm start (fingerprint removed, so it synthesizes and bundles)');
  const cold = await startRuntimeProcess(projectDir, COLD_READY_LIMIT_MS);
  await cold.stop();
  if (!cold.synthesized) throw new Error('The cold npm start reused cdk.out although its synth fingerprint was removed');
  progress(`startup: cold ready in ${(cold.readyMs / 1000).toFixed(1)} s; warm npm start`);

  let warm = await startRuntimeProcess(projectDir, WARM_READY_LIMIT_MS);
  await warm.stop();
  if (warm.synthesized) {
    // The app's sources changed in between (someone is editing them): the next start is the warm one.
    progress('startup: the app changed since the cold start, so that start synthesized again; measuring warm once more');
    warm = await startRuntimeProcess(projectDir, WARM_READY_LIMIT_MS);
    await warm.stop();
    if (warm.synthesized) throw new Error('npm start synthesized on every run: the app keeps changing, so no warm start could be measured');
  }
  progress(`startup: warm ready in ${(warm.readyMs / 1000).toFixed(1)} s`);
  return { coldMs: cold.readyMs, coldSynthMs: cold.synthMs, warmMs: warm.readyMs };
}
