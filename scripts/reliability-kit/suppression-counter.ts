import { SUPPRESSION_MESSAGES } from './names';

/** Counts the services' "redelivery recognised and ignored" log lines in the runtime's output. */
export class SuppressionCounter {
  count = 0;

  readonly observe = (line: string): void => {
    if (SUPPRESSION_MESSAGES.some((message) => line.includes(message))) this.count++;
  };
}
