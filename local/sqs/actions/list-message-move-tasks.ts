import { resourceNotFound } from '../errors';
import type { SqsState } from '../state';
import type { ListMessageMoveTasksInput } from '../validations/list-message-move-tasks';

export function listMessageMoveTasks(state: SqsState, input: ListMessageMoveTasksInput): Record<string, unknown> {
  const { engine } = state;
  const sourceArn = input.SourceArn;
  const source = engine.findQueue(sourceArn);
  if (!source || source.arn !== sourceArn) throw resourceNotFound('The resource that you specified for the SourceArn parameter doesn\'t exist.');
  const maxResults = input.MaxResults;
  const tasks = [...engine.moveTasks.values()]
    .filter((task) => task.sourceArn === sourceArn)
    .sort((a, b) => b.startedTimestamp - a.startedTimestamp)
    .slice(0, maxResults);
  return {
    Results: tasks.map((task) => ({
      Status: 'COMPLETED',
      SourceArn: task.sourceArn,
      ...(task.destinationArn ? { DestinationArn: task.destinationArn } : {}),
      ApproximateNumberOfMessagesMoved: task.moved,
      ApproximateNumberOfMessagesToMove: task.moved,
      ...(task.left > 0 ? { FailureReason: `${task.left} message(s) have no source queue to return to; give a DestinationArn.` } : {}),
      StartedTimestamp: task.startedTimestamp,
    })),
  };
}
