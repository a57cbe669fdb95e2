/**
 * Input transformation as EventBridge rule targets apply it: JSONPath selection (InputPath, InputPathsMap) and
 * InputTemplate filling. No AWS or framework dependencies; the template loader validates with it and the bus renders with it.
 */
export { parseEventPath, type EventPath } from './event-path';
export { parseInputTemplate, renderInputTemplate, type InputTemplate } from './input-template';
export { compilePathsMap, eventBridgeVariables, EVENTBRIDGE_RESERVED_VARIABLES, type CompiledPathsMap, type RuleContext } from './eventbridge-variables';
