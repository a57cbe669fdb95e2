import { compileSubRules } from '../compile/compile-sub-rules';
import { invalidPattern } from '../errors';
import { eventObject } from '../json/event-input';
import { PatternMachine } from '../machine/pattern-machine';

/** FilterCriteria limits of EventBridge Pipes and Lambda event source mappings. */
export const MAX_PIPE_FILTERS = 5;
export const MAX_PIPE_FILTER_LENGTH = 4096;

export interface PipeFilters {
  /** Whether the source record passes: true if any filter matches (or there are no filters). */
  matches(record: string | object): boolean;
}

/**
 * Compiles FilterCriteria.Filters[].Pattern strings in the Pipes flavour: up to 5 filters, OR'd, each at most
 * 4096 characters, anything-but prefix/suffix/equals-ignore-case/wildcard refused. Records keep their own
 * shape, so DynamoDB values stay typed (`{"S": "…"}`, `{"N": "42"}` — a string, never numeric).
 */
export function compilePipeFilters(filters: readonly string[]): PipeFilters {
  if (filters.length > MAX_PIPE_FILTERS) {
    invalidPattern(`A filter criteria can hold at most ${MAX_PIPE_FILTERS} filters, got ${filters.length}`);
  }
  const machine = new PatternMachine();
  filters.forEach((filter, index) =>
    machine.add(index, compileSubRules(filter, { flavour: 'pipes', maxPatternLength: MAX_PIPE_FILTER_LENGTH })),
  );
  return {
    matches(record: string | object): boolean {
      if (filters.length === 0) return true;
      const object = eventObject(record);
      return object !== undefined && machine.matchesAny(object);
    },
  };
}
