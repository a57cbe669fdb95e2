import { randomUUID } from 'node:crypto';
import { invalidParameterValue, resourceNotFound } from '../errors';
import type { SqsState } from '../state';
import type { MoveTask } from '../types';
import type { StartMessageMoveTaskInput } from '../validations/start-message-move-task';

/**
 * DLQ redrive, as the console's "Start DLQ redrive" does it. SQS moves messages over time at a chosen rate;
 * locally the move completes within the call, so the task is COMPLETED as soon as it is listed.
 */
export function startMessageMoveTask(state: SqsState, input: StartMessageMoveTaskInput): Record<string, string> {
  const { engine } = state;
  const sourceArn = input.SourceArn;
  const source = engine.findQueue(sourceArn);
  if (!source || source.arn !== sourceArn) throw resourceNotFound('The resource that you specified for the SourceArn parameter doesn\'t exist.');
  if (!engine.isDeadLetterQueue(source)) throw invalidParameterValue('Source queue must be configured as a Dead Letter Queue.');
  const destinationArn = input.DestinationArn;
  const destination = destinationArn === undefined ? undefined : engine.findQueue(destinationArn);
  if (destinationArn !== undefined && (!destination || destination.arn !== destinationArn)) {
    throw resourceNotFound('The resource that you specified for the DestinationArn parameter doesn\'t exist.');
  }
  const startedTimestamp = engine.now();
  const { moved, left } = engine.redrive(source, destination);
  const task: MoveTask = {
    taskHandle: Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn })).toString('base64'),
    sourceArn,
    ...(destinationArn ? { destinationArn } : {}),
    moved,
    left,
    startedTimestamp,
  };
  engine.moveTasks.set(task.taskHandle, task);
  return { TaskHandle: task.taskHandle };
}
