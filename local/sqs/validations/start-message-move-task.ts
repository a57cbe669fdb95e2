import { requiredString } from './fields';

export interface StartMessageMoveTaskInput {
  SourceArn: string;
  /** Absent: each message goes back to the queue it came from. */
  DestinationArn?: string;
}

export function validateStartMessageMoveTask(input: Record<string, unknown>): StartMessageMoveTaskInput {
  const SourceArn = requiredString(input, 'SourceArn');
  const DestinationArn = typeof input.DestinationArn === 'string' && input.DestinationArn !== '' ? input.DestinationArn : undefined;
  return { SourceArn, DestinationArn };
}
