export interface SesFaults {
  /** Epoch ms until which every send is refused as throttled. */
  throttleUntil?: number;
}

/** The SES-outage fault: while it lasts, sends get SES's throttling error, which SDKs treat as retryable. */
export class Throttle {
  private until: number;

  constructor(faults: SesFaults, private readonly clock: () => number) {
    this.until = faults.throttleUntil ?? 0;
  }

  throttleFor(ms: number): void {
    this.until = this.clock() + ms;
  }

  get active(): boolean {
    return this.clock() < this.until;
  }
}
