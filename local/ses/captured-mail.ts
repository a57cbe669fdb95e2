import type { Email } from 'aws-ses-v2-local/dist/store';
import type { RequestContext } from '../protocol/service';
import type { DurableMap } from '../storage/state-store';
import { NO_TRACING, type Tracer } from '../trace';
import { sesPackage, type SesPackage } from './package';

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
 * until cleared, so new captures are found by position. The package is loaded at its first use (package.ts), and
 * the durable copy restored into its store then.
 */
export class CapturedMail {
  private readonly regions = new Map<string, string>();
  /** The package's list of emails as last seen, and how many of them were taken note of; unset until restored. */
  private seen: Seen | undefined;

  constructor(
    private readonly durable: DurableMap<CapturedMessage> | undefined,
    private readonly defaultRegion: string,
    /** Epoch ms, from the SES clock. */
    private readonly now: () => number,
    /** Each captured email ends a path: a hop caused by the request that sent it. */
    private readonly tracer: Tracer = NO_TRACING,
  ) {}

  /**
   * The package, with the durable copy restored into its store the first time: actions call its handlers through
   * this, so that the mail captured before a restart is in the store before anything new is.
   */
  engine(): SesPackage {
    const engine = sesPackage();
    this.seen ??= this.restore(engine.store.getStoreReadonly().emails);
    return engine;
  }

  /** Takes note of the mail captured since the last call, sent by the request of `context`; `adjust` may complete it first. */
  collectNew(context: Pick<RequestContext, 'region' | 'traceParent'>, adjust: (email: Email) => void = () => {}): Email[] {
    const { region } = context;
    const emails = this.emails();
    const seen = this.seenIn(emails);
    const fresh = emails.slice(seen.count);
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
    seen.count = emails.length;
    return fresh;
  }

  list(): CapturedMessage[] {
    return this.emails().map((email) => ({ email, region: this.regions.get(email.messageId) ?? this.defaultRegion }));
  }

  clear(): void {
    this.engine().store.clearStore();
    this.forgetAll(this.emails());
  }

  private emails(): Email[] {
    return this.engine().store.getStoreReadonly().emails;
  }

  private restore(emails: Email[]): Seen {
    const present = new Set(emails.map((email) => email.messageId));
    for (const { email, region } of this.durable?.values() ?? []) {
      this.regions.set(email.messageId, region);
      if (!present.has(email.messageId)) emails.push(email);
    }
    emails.sort((a, b) => a.at - b.at);
    return { emails, count: emails.length };
  }

  /** The package's viewer clears its store by replacing the list: a list other than the one last seen is a new start. */
  private seenIn(emails: Email[]): Seen {
    return this.seen?.emails === emails ? this.seen : this.forgetAll(emails);
  }

  /** Everything was cleared: the durable copy follows. */
  private forgetAll(current: Email[]): Seen {
    this.durable?.clear();
    this.regions.clear();
    this.seen = { emails: current, count: 0 };
    return this.seen;
  }
}

interface Seen {
  emails: Email[];
  count: number;
}
