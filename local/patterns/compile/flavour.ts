/**
 * `eventbridge`: rules and TestEventPattern. `pipes`: EventBridge Pipes and event source mapping filters,
 * which apply the same language but refuse the anything-but prefix/suffix/equals-ignore-case/wildcard forms.
 */
export type PatternFlavour = 'eventbridge' | 'pipes';
