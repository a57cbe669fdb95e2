import { requiredString } from './fields';

export interface DescribeReplayInput {
  ReplayName: string;
}

export function validateDescribeReplay(input: Record<string, unknown>): DescribeReplayInput {
  return { ReplayName: requiredString(input, 'ReplayName') };
}
