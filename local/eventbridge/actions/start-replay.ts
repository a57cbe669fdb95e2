import { invalidParameter, replayAlreadyExists, resourceNotFound } from '../errors';
import type { EventBridgeState, ReplayRecord } from '../state';
import type { StartReplayInput } from '../validations/start-replay';

/** Re-sends the archived events of a time window to the rules of the archive's bus, marked with `replay-name`. */
export function startReplay(state: EventBridgeState, input: StartReplayInput): unknown {
  const { ReplayName: name, EventStartTime: start, EventEndTime: end, Destination: destination } = input;
  if (state.replays.has(name)) throw replayAlreadyExists(name);
  const archive = state.archives.find(input.EventSourceArn);
  if (!archive) throw resourceNotFound(`Archive ${input.EventSourceArn} does not exist.`);
  if (destination.Arn !== archive.model.sourceBusArn) throw invalidParameter('Destination.Arn', 'Cross event bus replay is not permitted.');
  const filterArns = destination.FilterArns;
  const bus = state.registry.bus(destination.Arn);

  const replayStartTime = state.now();
  // An archive under a customer managed key replays only if EventBridge may decrypt it; else the replay FAILS.
  const failureReason = state.archives.keyDenial(archive, 'kms:Decrypt');
  const events = failureReason !== undefined ? [] : [...archive.events.values()]
    .map(({ event }) => event)
    .filter((event) => {
      const time = Date.parse(event.time);
      return time >= start * 1000 && time < end * 1000;
    })
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  for (const event of events) state.router.route(bus, { ...event, 'replay-name': name }, filterArns);

  const record: ReplayRecord = {
    name,
    arn: `arn:aws:events:${state.registry.region}:${state.registry.account}:replay/${name}`,
    archiveArn: archive.arn,
    destinationBusArn: destination.Arn,
    ...(filterArns ? { filterArns } : {}),
    eventStartTime: start,
    eventEndTime: end,
    replayStartTime,
    replayEndTime: state.now(),
    eventsReplayed: events.length,
    ...(input.Description !== undefined ? { description: input.Description } : {}),
    ...(failureReason !== undefined ? { failureReason } : {}),
  };
  state.replays.set(name, record);
  return { ReplayArn: record.arn, State: 'STARTING', ReplayStartTime: replayStartTime / 1000 };
}
