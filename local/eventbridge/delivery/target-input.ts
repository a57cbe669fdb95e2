import type { RuleTargetModel } from '../../model/types';
import type { EventEnvelope } from '../types';

/** What a target receives: the event, the constant `Input`, or the part of the event `InputPath` selects. */
export function targetPayload(target: RuleTargetModel, event: EventEnvelope): unknown {
  if (target.input !== undefined) return JSON.parse(target.input);
  if (target.inputPath !== undefined) return selectPath(event, target.inputPath);
  return event;
}

/** The SQS message body for a target: the payload as JSON text (a constant `Input` is sent as written). */
export function targetMessageBody(target: RuleTargetModel, event: EventEnvelope): string {
  if (target.input !== undefined) return target.input;
  return JSON.stringify(targetPayload(target, event));
}

/** A JSONPath of dotted names and array indexes, such as `$.detail.data` or `$.resources[0]`. */
function selectPath(event: EventEnvelope, path: string): unknown {
  if (path === '$') return event;
  if (!path.startsWith('$')) throw new Error(`InputPath "${path}" is not a JSONPath starting with $`);
  const steps = [...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]|\['([^']+)'\]/g)];
  if (steps.map((step) => step[0]).join('') !== path.slice(1)) throw new Error(`InputPath "${path}" is not a JSONPath this runtime supports`);
  let value: unknown = event;
  for (const [, name, index, quoted] of steps) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[name ?? quoted ?? Number(index)];
  }
  return value;
}
