import { resourceNotFound } from '../errors';
import type { EventBridgeState } from '../state';
import type { DescribeReplayInput } from '../validations/describe-replay';

/** Replays run to completion when they start, so a described replay is COMPLETED, or FAILED with its reason. */
export function describeReplay(state: EventBridgeState, input: DescribeReplayInput): unknown {
  const name = input.ReplayName;
  const replay = state.replays.get(name);
  if (!replay) throw resourceNotFound(`Replay ${name} does not exist.`);
  return {
    ReplayName: replay.name,
    ReplayArn: replay.arn,
    ...(replay.description !== undefined ? { Description: replay.description } : {}),
    State: replay.failureReason === undefined ? 'COMPLETED' : 'FAILED',
    ...(replay.failureReason !== undefined ? { StateReason: replay.failureReason } : {}),
    EventSourceArn: replay.archiveArn,
    Destination: { Arn: replay.destinationBusArn, ...(replay.filterArns ? { FilterArns: replay.filterArns } : {}) },
    EventStartTime: replay.eventStartTime,
    EventEndTime: replay.eventEndTime,
    EventLastReplayedTime: replay.replayEndTime / 1000,
    ReplayStartTime: replay.replayStartTime / 1000,
    ReplayEndTime: replay.replayEndTime / 1000,
  };
}
