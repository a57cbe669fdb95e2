import type { HttpServiceHandler } from '../protocol/service';
import type { StateStore } from '../storage/state-store';
import { CapturedMail, type CapturedMessage } from './captured-mail';
import { embedSesApp } from './embedded-app';
import { sesHttpHandler } from './handler';
import { Throttle, type SesFaults } from './throttle';

export type { SesFaults } from './throttle';
export type { LocalStackSesMessage } from './localstack-view';
export { INSPECTION_PATH } from './handler';
export { VIEWER_PATH } from './viewer';

export interface StartSesOptions {
  /** The region recorded for a send whose signature does not name one. */
  region: string;
  faults?: SesFaults;
  /** When given, captured mail survives restarts. */
  store?: StateStore;
  /** Epoch ms; tests may pass their own. */
  clock?: () => number;
}

export interface LocalSes {
  handler: HttpServiceHandler;
  /** Starts (or extends) an SES outage: sends are answered as throttled for `ms` from now. */
  throttleFor(ms: number): void;
  close(): Promise<void>;
}

/**
 * SES captured in-process by aws-ses-v2-local: v1 SendEmail/SendRawEmail and v2 SendEmail are stored, never sent.
 * Its store is one per process, so two instances in one process share the captured mail.
 */
export async function startSes(options: StartSesOptions): Promise<LocalSes> {
  if (process.env.SMTP_TRANSPORT?.trim()) {
    throw new Error('SMTP_TRANSPORT is set: aws-ses-v2-local would relay captured mail through it, and the local SES never sends mail. Unset it.');
  }
  const clock = options.clock ?? Date.now;
  const throttle = new Throttle(options.faults ?? {}, clock);
  const captured = new CapturedMail(options.store?.collection<CapturedMessage>('ses-messages'), options.region);
  const handler = sesHttpHandler({ app: await embedSesApp(), captured, throttle });
  return {
    handler,
    throttleFor: (ms) => throttle.throttleFor(ms),
    close: async () => {},
  };
}
