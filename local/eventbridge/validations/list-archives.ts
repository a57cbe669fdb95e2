import { optionalString, page, type Page } from './fields';

export interface ListArchivesInput extends Page {
  NamePrefix: string;
  EventSourceArn?: string;
}

export function validateListArchives(input: Record<string, unknown>): ListArchivesInput {
  const NamePrefix = optionalString(input, 'NamePrefix') ?? '';
  const EventSourceArn = optionalString(input, 'EventSourceArn');
  return { NamePrefix, EventSourceArn, ...page(input) };
}
