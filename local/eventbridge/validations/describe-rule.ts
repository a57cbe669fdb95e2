import { optionalString, requiredString } from './fields';

export interface DescribeRuleInput {
  EventBusName?: string;
  Name: string;
}

export function validateDescribeRule(input: Record<string, unknown>): DescribeRuleInput {
  const EventBusName = optionalString(input, 'EventBusName');
  return { EventBusName, Name: requiredString(input, 'Name') };
}
