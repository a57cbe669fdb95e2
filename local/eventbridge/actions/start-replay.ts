import { AwsError } from '../../protocol/aws-error';
import { resourceNotFound } from '../errors';
import { invalidParameter, optionalString, requiredString } from '../input';
import type { EventBridgeService, Input, ReplayRecord } from '../service';

/** Re-sends the archived events of a time window to the rules of the archive's bus, marked with `replay-name`. */
export function startReplay(service: EventBridgeService, input: Input): unknown {
  const name = requiredString(input, 'ReplayName');
  const archiveArn = requiredString(input, 'EventSourceArn');
  const start = epochSeconds(input, 'EventStartTime');
  const end = epochSeconds(input, 'EventEndTime');
  const destination = (input.Destination ?? {}) as { Arn?: unknown; FilterArns?: unknown };
  if (service.replays.has(name)) throw new AwsError('ResourceAlreadyExistsException', `Replay ${name} already exists.`);
  const archive = service.archives.find(archiveArn);
  if (!archive) throw resourceNotFound(`Archive ${archiveArn} does not exist.`);
  if (end <= start) throw invalidParameter('EventEndTime', 'EventStartTime must be before EventEndTime.');
  if (typeof destination.Arn !== 'string') throw invalidParameter('Destination', 'Destination.Arn is required.');
  if (destination.Arn !== archive.model.sourceBusArn) throw invalidParameter('Destination.Arn', 'Cross event bus replay is not permitted.');
  const filterArns = Array.isArray(destination.FilterArns) ? (destination.FilterArns as string[]) : undefined;
  const bus = service.registry.bus(destination.Arn);

  const replayStartTime = service.clock();
  const events = [...archive.events.values()]
    .map(({ event }) => event)
    .filter((event) => {
      const time = Date.parse(event.time);
      return time >= start * 1000 && time < end * 1000;
    })
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  for (const event of events) service.router.route(bus, { ...event, 'replay-name': name }, filterArns);

  const record: ReplayRecord = {
    name,
    arn: `arn:aws:events:${service.registry.region}:${service.registry.account}:replay/${name}`,
    archiveArn: archive.arn,
    destinationBusArn: destination.Arn,
    ...(filterArns ? { filterArns } : {}),
    eventStartTime: start,
    eventEndTime: end,
    replayStartTime,
    replayEndTime: service.clock(),
    eventsReplayed: events.length,
    ...(optionalString(input, 'Description') !== undefined ? { description: optionalString(input, 'Description') } : {}),
  };
  service.replays.set(name, record);
  return { ReplayArn: record.arn, State: 'STARTING', ReplayStartTime: replayStartTime / 1000 };
}

function epochSeconds(input: Input, name: string): number {
  const value = input[name];
  const seconds = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) / 1000 : NaN;
  if (!Number.isFinite(seconds)) throw invalidParameter(name, `${name} is required.`);
  return seconds;
}
