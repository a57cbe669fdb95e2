import type { SqsEngine } from '../engine';
import { resourceNotFound } from '../errors';
import { optionalInteger, requiredString, type Input } from '../validation';

export function listMessageMoveTasks(engine: SqsEngine, input: Input): Record<string, unknown> {
  const sourceArn = requiredString(input, 'SourceArn');
  const source = engine.findQueue(sourceArn);
  if (!source || source.arn !== sourceArn) throw resourceNotFound('The resource that you specified for the SourceArn parameter doesn\'t exist.');
  const maxResults = optionalInteger(input, 'MaxResults', 1, 10, 'MaxResults must be between 1 and 10.') ?? 1;
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
