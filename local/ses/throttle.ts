/** The SES-outage fault: while it lasts, sends get SES's throttling error, which SDKs treat as retryable. */
export class Throttle {
  private until: number;

  constructor(
    /** Epoch ms until which the outage planned from the start lasts; 0 for none. */
    until: number,
    /** Epoch ms, from the SES clock. */
    private readonly now: () => number,
  ) {
    this.until = until;
  }

  throttleFor(ms: number): void {
    this.until = this.now() + ms;
  }

  get active(): boolean {
    return this.now() < this.until;
  }
}
