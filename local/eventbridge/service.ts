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
}

/** What the API actions work on. */
export interface EventBridgeService {
  registry: BusRegistry;
  archives: Archives;
  router: EventRouter;
  replays: DurableMap<ReplayRecord>;
  clock: () => number;
}

export type Input = Record<string, unknown>;
