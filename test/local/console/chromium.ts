import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium, which .ci/run installs with apt when it is missing. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for a headless Chromium that stays off the network: without the background-networking ones it keeps
 * calling home (updates, sync, QUIC probes) on a machine that has no network to give it.
 */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface HeadlessChromium {
  /** A fresh profile's context (playwright takes the profile folder itself, not as a flag). */
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Chromium with a fresh profile; fails, naming the fix, when it is not installed. `hostRules` maps names
 * to addresses (`MAP rebound.test 127.0.0.1`), as a DNS rebinding attacker's resolver would.
 */
export async function launchChromium(options: { hostRules?: string } = {}): Promise<HeadlessChromium> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install -y chromium), as .ci/run does, or set CHROMIUM_PATH`);
  }
  const profile = fs.mkdtempSync(path.join(tmpdir(), 'console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...FLAGS, ...(options.hostRules ? [`--host-resolver-rules=${options.hostRules}`] : [])],
    viewport: { width: 1400, height: 900 },
    timeout: 60_000,
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
