import { optionalString } from './fields';

export interface DescribeEventBusInput {
  /** Absent: the default bus. */
  Name?: string;
}

export function validateDescribeEventBus(input: Record<string, unknown>): DescribeEventBusInput {
  return { Name: optionalString(input, 'Name') };
}
