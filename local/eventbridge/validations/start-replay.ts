import { invalidParameter } from '../errors';
import { optionalString, requiredString, type Input } from './fields';

export interface StartReplayInput {
  ReplayName: string;
  /** The archive's ARN (or name). */
  EventSourceArn: string;
  /** Epoch seconds. */
  EventStartTime: number;
  /** Epoch seconds, after EventStartTime. */
  EventEndTime: number;
  Destination: { Arn: string; FilterArns?: string[] };
  Description?: string;
}

export function validateStartReplay(input: Record<string, unknown>): StartReplayInput {
  const ReplayName = requiredString(input, 'ReplayName');
  const EventSourceArn = requiredString(input, 'EventSourceArn');
  const EventStartTime = epochSeconds(input, 'EventStartTime');
  const EventEndTime = epochSeconds(input, 'EventEndTime');
  const destination = (input.Destination ?? {}) as { Arn?: unknown; FilterArns?: unknown };
  if (EventEndTime <= EventStartTime) throw invalidParameter('EventEndTime', 'EventStartTime must be before EventEndTime.');
  if (typeof destination.Arn !== 'string') throw invalidParameter('Destination', 'Destination.Arn is required.');
  const FilterArns = Array.isArray(destination.FilterArns) ? (destination.FilterArns as string[]) : undefined;
  const Description = optionalString(input, 'Description');
  return { ReplayName, EventSourceArn, EventStartTime, EventEndTime, Destination: { Arn: destination.Arn, FilterArns }, Description };
}

/** `Time` arrives as epoch seconds over the JSON protocol, or as an ISO string from hand-written requests. */
function epochSeconds(input: Input, name: string): number {
  const value = input[name];
  const seconds = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) / 1000 : NaN;
  if (!Number.isFinite(seconds)) throw invalidParameter(name, `${name} is required.`);
  return seconds;
}
