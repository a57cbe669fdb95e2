import type { HttpServiceHandler } from '../protocol/service';
import type { StateStore } from '../storage/state-store';
import { CapturedMail, type CapturedMessage } from './captured-mail';
import { embedSesApp, type EmbeddedSesApp } from './embedded-app';
import { localStackMessages, type LocalStackSesMessage } from './localstack-view';
import { createHandler } from './handler';
import { systemClock, type Clock } from '../clock';
import { NO_FAULTS, type FaultPlan } from '../faults';
import { Throttle } from './throttle';
import type { Tracer } from '../trace';

export type { LocalStackSesMessage } from './localstack-view';
export { INSPECTION_PATH } from './handler';
export { VIEWER_PATH } from './viewer';
export { SES_V1_OPERATIONS, SES_V2_OPERATIONS } from './operations';
export type { SesState } from './state';

export interface CreateSesOptions {
  /** The region recorded for a send whose signature does not name one. */
  region: string;
  /** The outage planned from the start, if any. */
  faults?: FaultPlan;
  /** When given, captured mail survives restarts. */
  store?: StateStore;
  /** Outages and capture times run on it; the real clock by default. */
  clock?: Clock;
  /** Each captured email is a hop. */
  tracer?: Tracer;
}

export interface LocalSes {
  handler: HttpServiceHandler;
  /** Starts (or extends) an SES outage: sends are answered as throttled for `ms` from now. */
  throttleFor(ms: number): void;
  /** The captured mail, as GET /_aws/ses lists it. */
  messages(): LocalStackSesMessage[];
  /** Forgets the captured mail, as DELETE /_aws/ses does. */
  clear(): void;
  /**
   * Loads aws-ses-v2-local now, which SES otherwise loads at its first use (package.ts), and restores the captured
   * mail into its store; throws what failed.
   */
  load(): void;
  close(): Promise<void>;
}

/**
 * SES captured in-process by aws-ses-v2-local: v1 SendEmail/SendRawEmail and v2 SendEmail are stored, never sent.
 * Its store is one per process, so two instances in one process share the captured mail.
 */
export async function createSes(options: CreateSesOptions): Promise<LocalSes> {
  if (process.env.SMTP_TRANSPORT?.trim()) {
    throw new Error('SMTP_TRANSPORT is set: aws-ses-v2-local would relay captured mail through it, and the local SES never sends mail. Unset it.');
  }
  const clock = options.clock ?? systemClock;
  const throttle = new Throttle((options.faults ?? NO_FAULTS).sesThrottleUntil, () => clock.now());
  const captured = new CapturedMail(options.store?.collection<CapturedMessage>('ses-messages'), options.region, () => clock.now(), options.tracer);
  let app: Promise<EmbeddedSesApp> | undefined;
  const viewer = {
    app: () => {
      app ??= embedSesApp().catch((error: unknown) => {
        app = undefined;
        throw error;
      });
      return app;
    },
  };
  const handler = createHandler({ captured, throttle }, viewer);
  return {
    handler,
    throttleFor: (ms) => throttle.throttleFor(ms),
    messages: () => localStackMessages(captured.list(), {}).messages,
    clear: () => captured.clear(),
    load: () => {
      captured.engine();
    },
    close: async () => {},
  };
}
