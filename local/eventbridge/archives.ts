import type { LogSink } from '../log-sink';
import type { ArchiveModel } from '../model/types';
import { CALLERS_WITHOUT_IAM, type AuthorizationCheck, type CallerFactory } from '../protocol/authorization';
import { compilePattern } from '../patterns';
import type { DurableMap, StateStore } from '../storage/state-store';
import type { EventEnvelope } from './types';

export interface ArchivedEvent {
  event: EventEnvelope;
  /** Epoch ms the event was archived; retention counts from it. */
  archivedAt: number;
}

export interface Archive {
  model: ArchiveModel;
  arn: string;
  events: DurableMap<ArchivedEvent>;
  createdAt: number;
  matches(event: EventEnvelope): boolean;
}

const DAY_MS = 86_400_000;

/** Every archive of the template, each a durable collection of the events its pattern selected on its bus. */
export class Archives {
  private readonly byName = new Map<string, Archive>();

  private readonly callers: CallerFactory;

  constructor(
    models: ArchiveModel[],
    store: StateStore,
    region: string,
    private readonly account: string,
    private readonly now: () => number,
    /** EventBridge uses an archive's customer managed key as itself; without callers nothing is checked. */
    callers: CallerFactory = CALLERS_WITHOUT_IAM,
    private readonly log: LogSink = () => undefined,
  ) {
    this.callers = callers;
    for (const model of models) {
      const matcher = model.eventPattern === undefined || model.eventPattern === null ? undefined : compilePattern(model.eventPattern as string | object);
      this.byName.set(model.name, {
        model,
        arn: `arn:aws:events:${region}:${account}:archive/${model.name}`,
        events: store.collection<ArchivedEvent>(`eventbridge-archive-${model.name}`),
        createdAt: now(),
        matches: (event) => matcher === undefined || matcher.matches(event),
      });
    }
  }

  all(): Archive[] {
    for (const archive of this.byName.values()) this.expire(archive);
    return [...this.byName.values()];
  }

  find(nameOrArn: string): Archive | undefined {
    const archive = this.byName.get(nameOrArn) ?? [...this.byName.values()].find((candidate) => candidate.arn === nameOrArn);
    if (archive) this.expire(archive);
    return archive;
  }

  /**
   * Archives an event put on the bus; replayed events are never archived again, as in EventBridge. An archive under
   * a customer managed key is written only if its key policy lets EventBridge generate a data key for this bus.
   */
  record(busArn: string, event: EventEnvelope): void {
    if (event['replay-name'] !== undefined) return;
    for (const archive of this.byName.values()) {
      if (archive.model.sourceBusArn !== busArn || !archive.matches(event)) continue;
      const denial = this.keyDenial(archive, 'kms:GenerateDataKey');
      if (denial) {
        this.log(`eventbridge: event ${event.id} not archived in ${archive.model.name}: ${denial}`);
        continue;
      }
      archive.events.set(event.id, { event, archivedAt: this.now() });
    }
  }

  /** Why EventBridge may not use the archive's key for `action` (GenerateDataKey to archive, Decrypt to replay), if it may not. */
  keyDenial(archive: Archive, action: string): string | undefined {
    const keyArn = archive.model.kmsKeyArn;
    if (keyArn === undefined) return undefined;
    const eventBridge = this.callers.forService('events.amazonaws.com', { sourceArn: archive.arn, sourceAccount: this.account });
    const check: AuthorizationCheck = {
      action,
      resource: keyArn,
      context: { 'kms:EncryptionContext:aws:events:event-bus:arn': archive.model.sourceBusArn, 'kms:EncryptionContextKeys': ['aws:events:event-bus:arn'] },
    };
    return eventBridge.authorize([check])?.message;
  }

  private expire(archive: Archive): void {
    const days = archive.model.retentionDays;
    if (days === undefined || days <= 0) return;
    const cutoff = this.now() - days * DAY_MS;
    for (const [id, archived] of [...archive.events.entries()]) if (archived.archivedAt < cutoff) archive.events.delete(id);
  }
}

export function archivedSizeBytes(archive: Archive): number {
  let size = 0;
  for (const { event } of archive.events.values()) size += Buffer.byteLength(JSON.stringify(event), 'utf8');
  return size;
}
