import { EVENTBRIDGE_RESERVED_VARIABLES, parseEventPath, parseInputTemplate } from '../../input-transformer';
import { RuleTargetModel } from '../../model/types';
import { TemplateError } from '../cfn-types';
import { PropertyReader } from '../properties';

type TargetInput = Pick<RuleTargetModel, 'input' | 'inputPath' | 'inputTransformer'>;

const MAX_PATHS = 100;
const MAX_TEMPLATE_LENGTH = 8192;
const PATH_KEY = /^[A-Za-z0-9_-]{1,256}$/;

/** A target's Input, InputPath or InputTransformer, with the checks PutTargets makes; the messages are AWS's where it has one. */
export function readTargetInput(where: string, target: PropertyReader, targetId: string): TargetInput {
  const given = ['Input', 'InputPath', 'InputTransformer'].filter((name) => target.has(name));
  if (given.length > 1) throw new TemplateError(`${where}: Only one of Input, InputPath, or InputTransformer must be provided for target ${targetId}.`);
  const input = target.optionalString('Input');
  if (input !== undefined) return { input };
  const inputPath = target.optionalString('InputPath');
  if (inputPath !== undefined) return { inputPath: checkedPath(where, inputPath, 'InputPath') };
  if (!target.has('InputTransformer')) return {};
  const transformer = target.child('InputTransformer');
  const inputTemplate = transformer.string('InputTemplate');
  if (inputTemplate.length > MAX_TEMPLATE_LENGTH) throw new TemplateError(`${where}: InputTemplate of target ${targetId} is longer than ${MAX_TEMPLATE_LENGTH} characters`);
  const inputPathsMap = pathsMap(where, transformer.child('InputPathsMap'), targetId);
  const defined = new Set([...Object.keys(inputPathsMap), ...EVENTBRIDGE_RESERVED_VARIABLES]);
  for (const name of parseInputTemplate(inputTemplate).names) {
    if (!defined.has(name)) throw new TemplateError(`${where}: InputTemplate for target ${targetId} contains invalid placeholder ${name}.`);
  }
  return { inputTransformer: { inputPathsMap, inputTemplate } };
}

function pathsMap(where: string, map: PropertyReader, targetId: string): Record<string, string> {
  const entries = Object.keys(map.values);
  if (entries.length > MAX_PATHS) throw new TemplateError(`${where}: InputPathsMap of target ${targetId} has ${entries.length} entries; at most ${MAX_PATHS} are allowed`);
  const paths: Record<string, string> = {};
  for (const key of entries) {
    if (!PATH_KEY.test(key)) throw new TemplateError(`${where}: InputPathsMap key "${key}" of target ${targetId} must match [A-Za-z0-9_-]+`);
    paths[key] = checkedPath(where, map.string(key), `InputPathsMap.${key}`);
  }
  return paths;
}

function checkedPath(where: string, path: string, property: string): string {
  try {
    parseEventPath(path);
  } catch (error) {
    throw new TemplateError(`${where}: ${property} ${(error as Error).message}`);
  }
  return path;
}
