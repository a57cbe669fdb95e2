import { clearStore, getStoreReadonly, type Email } from 'aws-ses-v2-local/dist/store';
import type { RequestContext } from '../protocol/service';
import type { DurableMap } from '../storage/state-store';
import { NO_TRACING, type Tracer } from '../trace';

/** The resource of every captured email's span: the local SES has no identities to tell apart. */
export const SES_RESOURCE = 'ses';

export type { Email } from 'aws-ses-v2-local/dist/store';

export interface CapturedMessage {
  email: Email;
  region: string;
}

/**
 * The mail aws-ses-v2-local captured, plus what it does not keep: the region of each send, and (optionally) a
 * durable copy so captured mail survives a restart. The package's store is one per process and append-only
 * until cleared, so new captures are found by position.
 */
export class CapturedMail {
  private readonly regions = new Map<string, string>();
  private seenEmails: Email[];
  private seenCount: number;

  constructor(
    private readonly durable: DurableMap<CapturedMessage> | undefined,
    private readonly defaultRegion: string,
    /** Epoch ms, from the SES clock. */
    private readonly now: () => number,
    /** Each captured email ends a path: a hop caused by the request that sent it. */
    private readonly tracer: Tracer = NO_TRACING,
  ) {
    const emails = getStoreReadonly().emails;
    const present = new Set(emails.map((email) => email.messageId));
    for (const { email, region } of durable?.values() ?? []) {
      this.regions.set(email.messageId, region);
      if (!present.has(email.messageId)) emails.push(email);
    }
    emails.sort((a, b) => a.at - b.at);
    this.seenEmails = emails;
    this.seenCount = emails.length;
  }

  /** Takes note of the mail captured since the last call, sent by the request of `context`; `adjust` may complete it first. */
  collectNew(context: Pick<RequestContext, 'region' | 'traceParent'>, adjust: (email: Email) => void = () => {}): Email[] {
    const { region } = context;
    const emails = getStoreReadonly().emails;
    if (emails !== this.seenEmails) this.forgetAll(emails);
    const fresh = emails.slice(this.seenCount);
    for (const email of fresh) {
      // The package stamps whole seconds; latency measurements need the millisecond of capture.
      email.at = this.now() / 1000;
      adjust(email);
      this.regions.set(email.messageId, region);
      this.durable?.set(email.messageId, { email, region });
      this.tracer.record({
        kind: 'ses.email',
        resource: SES_RESOURCE,
        name: email.subject,
        parents: [context.traceParent],
        ids: [email.messageId],
        attributes: { recipients: email.destination.to.length + email.destination.cc.length + email.destination.bcc.length },
      });
    }
    this.seenCount = emails.length;
    return fresh;
  }

  list(): CapturedMessage[] {
    return getStoreReadonly().emails.map((email) => ({ email, region: this.regions.get(email.messageId) ?? this.defaultRegion }));
  }

  clear(): void {
    clearStore();
    this.forgetAll(getStoreReadonly().emails);
  }

  /** The package's viewer clears its store by replacing the list; the durable copy follows. */
  private forgetAll(current: Email[]): void {
    this.durable?.clear();
    this.regions.clear();
    this.seenEmails = current;
    this.seenCount = 0;
  }
}
