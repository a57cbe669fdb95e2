/**
 * EventBridge event pattern engine: AWS's content-filter language, validation with AWS's messages, and a
 * rule set that merges many patterns into one machine. No AWS or framework dependencies.
 */
export { InvalidEventPatternError } from './errors';
export type { PatternFlavour } from './compile/flavour';
export type { CompileOptions } from './compile/compile-sub-rules';
export { compilePattern, matchesPattern, type CompiledPattern } from './compiled-pattern';
export { RuleSet } from './rule-set';
export { compilePipeFilters, MAX_PIPE_FILTERS, MAX_PIPE_FILTER_LENGTH, type PipeFilters } from './pipes/pipe-filters';
export {
  compileSnsFilterPolicy,
  InvalidFilterPolicyError,
  type FilterPolicyScope,
  type SnsFilterPolicy,
  type SnsMessageAttribute,
} from './sns/filter-policy';
