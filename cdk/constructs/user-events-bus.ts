import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';

export interface UserEventsBusProps {
  readonly stage: string;
  /** Event sources archived for replay. */
  readonly archivedSources: string[];
  /**
   * How long archived events can be replayed.
   * @default Duration.days(30)
   */
  readonly archiveRetention?: Duration;
}

/**
 * The custom bus `users-fanout-<stage>` that domain events are published to. Every event from the given sources
 * is archived, so a new or repaired subscriber can be caught up by replaying the archive.
 */
export class UserEventsBus extends events.EventBus {
  readonly eventArchive: events.Archive;

  constructor(scope: Construct, id: string, props: UserEventsBusProps) {
    super(scope, id, { eventBusName: `users-fanout-${props.stage}` });
    this.eventArchive = new events.Archive(this, 'Archive', {
      sourceEventBus: this,
      archiveName: `users-fanout-${props.stage}-archive`,
      description: `Replayable history of ${props.archivedSources.join(', ')} events`,
      eventPattern: { source: props.archivedSources },
      retention: props.archiveRetention ?? Duration.days(30),
    });
  }
}
