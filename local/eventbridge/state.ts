import type { DurableMap } from '../storage/state-store';
import type { Archives } from './archives';
import type { BusRegistry } from './bus-registry';
import type { EventRouter } from './event-router';

export interface ReplayRecord {
  name: string;
  arn: string;
  archiveArn: string;
  destinationBusArn: string;
  filterArns?: string[];
  eventStartTime: number;
  eventEndTime: number;
  replayStartTime: number;
  replayEndTime: number;
  eventsReplayed: number;
  description?: string;
  /** Why the replay FAILED (EventBridge could not decrypt the archive); absent for a COMPLETED replay. */
  failureReason?: string;
}

/** What the EventBridge actions work on. */
export interface EventBridgeState {
  registry: BusRegistry;
  archives: Archives;
  router: EventRouter;
  replays: DurableMap<ReplayRecord>;
  /** Epoch ms, from the bus's clock. */
  now: () => number;
}
