import {
  compilePathsMap,
  eventBridgeVariables,
  parseEventPath,
  parseInputTemplate,
  renderInputTemplate,
  type CompiledPathsMap,
  type EventPath,
  type InputTemplate,
  type RuleContext,
} from '../../input-transformer';
import type { RuleTargetModel } from '../../model/types';
import type { EventEnvelope } from '../types';

/** What a target receives: the event itself, or the text its Input, InputPath or InputTransformer made of it. */
export type TargetInput = { event: EventEnvelope } | { text: string };

type Transform = (event: EventEnvelope, rule: RuleContext) => string;

/** Each target's transformation, compiled on first use; targets come from the template and never change. */
const transforms = new WeakMap<RuleTargetModel, Transform | undefined>();

export function targetInput(target: RuleTargetModel, event: EventEnvelope, rule: RuleContext): TargetInput {
  if (!transforms.has(target)) transforms.set(target, compileTransform(target));
  const transform = transforms.get(target);
  return transform ? { text: transform(event, rule) } : { event };
}

/** The input as the JSON value a Lambda function is invoked with; throws SyntaxError when the text is not JSON. */
export function asPayload(input: TargetInput): unknown {
  return 'event' in input ? input.event : JSON.parse(input.text);
}

/** The input as the text of a message or request body. */
export function asText(input: TargetInput): string {
  return 'event' in input ? JSON.stringify(input.event) : input.text;
}

function compileTransform(target: RuleTargetModel): Transform | undefined {
  if (target.input !== undefined) {
    const constant = target.input;
    return () => constant;
  }
  if (target.inputPath !== undefined) return selectPath(parseEventPath(target.inputPath));
  if (target.inputTransformer !== undefined) {
    const template = parseInputTemplate(target.inputTransformer.inputTemplate);
    return fillTemplate(template, compilePathsMap(target.inputTransformer.inputPathsMap));
  }
  return undefined;
}

/** A path the event lacks selects nothing, and the target gets JSON null. */
function selectPath(path: EventPath): Transform {
  return (event) => JSON.stringify(path.select(event)) ?? 'null';
}

function fillTemplate(template: InputTemplate, paths: CompiledPathsMap): Transform {
  return (event, rule) => renderInputTemplate(template, eventBridgeVariables(paths, event as unknown as Record<string, unknown>, rule));
}
