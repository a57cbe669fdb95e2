import { mailCapturedSince } from '../../support/observers/mail';
import { sleep } from '../../support/waiting';

/**
 * Follows the captured mail while the pipeline runs, through aws-ses-v2-local's own store API behind the
 * runtime's viewer path (`mailCapturedSince`): it returns only recent mail, so a poll costs the runtime little
 * however many messages it holds.
 *
 * The local runtime stamps each message with the millisecond it captured it, and that stamp is the capture time.
 * aws-ses-v2-local alone stamps whole seconds: with such stamps, a message's capture time is pinned between the poll
 * before the one that first saw it and the end of that poll, within its stamped second; the midpoint of that window
 * is the estimate, and half its width the resolution, so polls then come often.
 */
const DEFAULT_POLL_EVERY_MS = 50;

export class MailCollector {
  private readonly capturedAt = new Map<string, number>();
  private readonly seen = new Set<string>();
  private readonly windowsMs: number[] = [];
  private previousPollStartedAt: number;
  private exactStamps = false;

  constructor(
    private readonly endpoint: string,
    private readonly expectedRecipients: ReadonlySet<string>,
    /** Between the end of one poll and the start of the next. */
    private readonly pollEveryMs: number = DEFAULT_POLL_EVERY_MS,
  ) {
    this.previousPollStartedAt = Date.now();
  }

  /** Recipients with at least one captured email. */
  get recipientCount(): number {
    return this.capturedAt.size;
  }

  /** Epoch ms at which the first email to `recipient` was captured, if it was. */
  captureTimeOf(recipient: string): number | undefined {
    return this.capturedAt.get(recipient);
  }

  /** Half the median capture-time window, or 0 when the store stamps milliseconds. */
  resolutionMs(): number {
    if (this.exactStamps || this.windowsMs.length === 0) return 0;
    const sorted = [...this.windowsMs].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] / 2;
  }

  /** Polls until every expected recipient has mail or `stopped()` says to give up; `progressed` hears of new mail. */
  async follow(stopped: () => boolean, progressed: () => void): Promise<void> {
    while (!stopped() && this.recipientCount < this.expectedRecipients.size) {
      if ((await this.poll()) > 0) progressed();
      await sleep(this.pollEveryMs);
    }
  }

  /** Fetches the mail captured since the previous poll; returns how many expected recipients it newly saw. */
  private async poll(): Promise<number> {
    const startedAt = Date.now();
    const since = Math.floor(this.previousPollStartedAt / 1000);
    const emails = await mailCapturedSince(this.endpoint, since);
    const endedAt = Date.now();
    let fresh = 0;
    for (const email of emails) {
      for (const recipient of email.destination.to) {
        const key = `${email.messageId}\0${recipient}\0${email.at}`;
        if (this.seen.has(key)) continue;
        this.seen.add(key);
        if (!this.expectedRecipients.has(recipient) || this.capturedAt.has(recipient)) continue;
        this.capturedAt.set(recipient, this.estimateCaptureTime(email.at, endedAt));
        fresh++;
      }
    }
    this.previousPollStartedAt = startedAt;
    return fresh;
  }

  private estimateCaptureTime(stampSeconds: number, pollEndedAt: number): number {
    if (!Number.isInteger(stampSeconds)) {
      this.exactStamps = true;
      return stampSeconds * 1000;
    }
    const earliest = Math.max(this.previousPollStartedAt, stampSeconds * 1000);
    const latest = Math.min(pollEndedAt, stampSeconds * 1000 + 999);
    if (latest < earliest) return latest;
    this.windowsMs.push(latest - earliest);
    return (earliest + latest) / 2;
  }
}
