import { REDELIVERY_IGNORED } from '../../services/audit-log/log-messages';
import { DUPLICATE_SUPPRESSED } from '../../services/welcome-email/log-messages';

/** The services' log messages for a redelivery they recognised and ignored. */
export const SUPPRESSION_MESSAGES = [DUPLICATE_SUPPRESSED, REDELIVERY_IGNORED] as const;

/** Counts the services' "redelivery recognised and ignored" log lines in the runtime's output. */
export class SuppressionCounter {
  count = 0;

  readonly observe = (line: string): void => {
    if (SUPPRESSION_MESSAGES.some((message) => line.includes(message))) this.count++;
  };
}
