import type { ContractSource } from '../event-contract-source';

/** What every template is rendered from. */
export interface TemplateValues {
  /** The subscriber's kebab-case name, also its service folder. */
  name: string;
  event: ContractSource;
}

/** `UserCreated v1`, as people read it in comments and log messages. */
export function eventTitle(event: ContractSource): string {
  return `${event.contract.detailType} v${event.contract.schemaVersion}`;
}

/** A single-quoted TypeScript string literal, as the codebase writes them. */
export function tsString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
