import { optionalString, page, type Page } from './fields';

export interface ListEventBusesInput extends Page {
  NamePrefix: string;
}

export function validateListEventBuses(input: Record<string, unknown>): ListEventBusesInput {
  const NamePrefix = optionalString(input, 'NamePrefix') ?? '';
  return { NamePrefix, ...page(input) };
}
