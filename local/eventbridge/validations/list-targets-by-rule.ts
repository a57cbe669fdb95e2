import { optionalString, page, requiredString, type Page } from './fields';

export interface ListTargetsByRuleInput extends Page {
  EventBusName?: string;
  Rule: string;
}

export function validateListTargetsByRule(input: Record<string, unknown>): ListTargetsByRuleInput {
  const EventBusName = optionalString(input, 'EventBusName');
  const Rule = requiredString(input, 'Rule');
  return { EventBusName, Rule, ...page(input) };
}
