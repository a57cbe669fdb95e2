import type { CapturedMail } from './captured-mail';
import type { Throttle } from './throttle';

/** What the SES actions work on: the mail captured so far, and the outage fault. */
export interface SesState {
  captured: CapturedMail;
  throttle: Throttle;
}
