/** One principal's use of one action on one resource during a run. */
export interface UsageEntry {
  principal: string;
  action: string;
  resource: string;
  allowed: number;
  denied: number;
}

/** A denial the run recorded, whether or not it was enforced; the first of each principal, action and resource. */
export interface RecordedDenial {
  principal: string;
  action: string;
  resource: string;
  message: string;
  enforced: boolean;
}

/**
 * What the runtime authorized during a run, for the least-privilege report and the grant proof: every principal,
 * action and resource it checked, how often each was allowed and denied, and the first denial of each.
 */
export class UsageLog {
  private readonly entries = new Map<string, UsageEntry>();
  private readonly firstDenials = new Map<string, RecordedDenial>();
  private changed = false;

  record(principal: string, action: string, resource: string, allowed: boolean): void {
    const key = `${principal}\u0000${action}\u0000${resource}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { principal, action, resource, allowed: 0, denied: 0 };
      this.entries.set(key, entry);
    }
    if (allowed) entry.allowed++;
    else entry.denied++;
    this.changed = true;
  }

  /** Returns true the first time this principal is denied this action on this resource. */
  recordDenial(denial: RecordedDenial): boolean {
    const key = `${denial.principal}\u0000${denial.action}\u0000${denial.resource}`;
    if (this.firstDenials.has(key)) return false;
    this.firstDenials.set(key, denial);
    return true;
  }

  usage(): UsageEntry[] {
    return [...this.entries.values()].map((entry) => ({ ...entry }));
  }

  denials(): RecordedDenial[] {
    return [...this.firstDenials.values()];
  }

  /** Whether anything was recorded since the last call: the report file is only rewritten then. */
  takeChanged(): boolean {
    const changed = this.changed;
    this.changed = false;
    return changed;
  }
}
