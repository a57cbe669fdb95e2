import { parseEventPath, type EventPath } from './event-path';

/** The variables every EventBridge InputTemplate may use without defining them; InputPathsMap cannot redefine them. */
export const EVENTBRIDGE_RESERVED_VARIABLES: readonly string[] = [
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event.ingestion-time',
  'aws.events.event',
  'aws.events.event.json',
];

/** An InputTransformer ready to fill: its InputPathsMap parsed. */
export interface CompiledPathsMap {
  paths: ReadonlyMap<string, EventPath>;
}

export function compilePathsMap(inputPathsMap: Readonly<Record<string, string>>): CompiledPathsMap {
  return { paths: new Map(Object.entries(inputPathsMap).map(([name, path]) => [name, parseEventPath(path)])) };
}

export interface RuleContext {
  ruleArn: string;
  ruleName: string;
  /** Epoch ms the bus accepted the event. */
  ingestionTime: number;
}

/**
 * The values of an event's variables: each InputPathsMap path that selects something, and the reserved ones.
 * `aws.events.event` is the envelope without its detail, in the shape AWS delivers it (`detailType`, not
 * `detail-type`); `aws.events.event.json` is the whole event.
 */
export function eventBridgeVariables(compiled: CompiledPathsMap, event: Record<string, unknown>, rule: RuleContext): Map<string, unknown> {
  const variables = new Map<string, unknown>();
  for (const [name, path] of compiled.paths) {
    const value = path.select(event);
    if (value !== undefined) variables.set(name, value);
  }
  const { detail: _detail, 'detail-type': detailType, ...envelope } = event;
  variables.set('aws.events.rule-arn', rule.ruleArn);
  variables.set('aws.events.rule-name', rule.ruleName);
  variables.set('aws.events.event.ingestion-time', new Date(rule.ingestionTime).toISOString());
  variables.set('aws.events.event', { ...envelope, detailType });
  variables.set('aws.events.event.json', event);
  return variables;
}
