import { optionalString, page, type Page } from './fields';

export interface ListRulesInput extends Page {
  EventBusName?: string;
  NamePrefix: string;
}

export function validateListRules(input: Record<string, unknown>): ListRulesInput {
  const EventBusName = optionalString(input, 'EventBusName');
  const NamePrefix = optionalString(input, 'NamePrefix') ?? '';
  return { EventBusName, NamePrefix, ...page(input) };
}
