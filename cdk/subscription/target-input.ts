import * as events from 'aws-cdk-lib/aws-events';
import { InputTransformerOptions } from './subscriber-entry';

/** A rule target's InputTransformer exactly as the registry entry wrote it; CDK's own inputs build theirs from tokens. */
class TransformedInput extends events.RuleTargetInput {
  constructor(private readonly options: InputTransformerOptions) {
    super();
  }

  bind(): events.RuleTargetInputProperties {
    return { inputPathsMap: { ...(this.options.inputPathsMap ?? {}) }, inputTemplate: this.options.inputTemplate };
  }
}

/** The target input for a subscriber's rule: its input transformer, or undefined for the whole event. */
export function targetInput(options: InputTransformerOptions | undefined): events.RuleTargetInput | undefined {
  return options === undefined ? undefined : new TransformedInput(options);
}

/** The variables every InputTemplate may use without defining them. */
const RESERVED_VARIABLES = ['aws.events.rule-arn', 'aws.events.rule-name', 'aws.events.event.ingestion-time', 'aws.events.event', 'aws.events.event.json'];
const VARIABLE_NAME = /^[A-Za-z0-9_-]+$/;

/** What EventBridge's PutTargets would refuse in an input transformer, as one sentence; undefined when nothing. */
export function inputTransformerProblem(options: InputTransformerOptions): string | undefined {
  const paths = options.inputPathsMap ?? {};
  const badName = Object.keys(paths).find((name) => !VARIABLE_NAME.test(name));
  if (badName !== undefined) return `inputTransformer variable "${badName}" must use only letters, digits, _ and -`;
  const badPath = Object.entries(paths).find(([, path]) => !path.startsWith('$'));
  if (badPath !== undefined) return `inputTransformer variable "${badPath[0]}" takes ${JSON.stringify(badPath[1])}, which is not a JSON path starting with $`;
  const defined = new Set([...Object.keys(paths), ...RESERVED_VARIABLES]);
  const undefinedName = [...options.inputTemplate.matchAll(/<([^<>]*)>/g)].map((match) => match[1]).find((name) => !defined.has(name));
  if (undefinedName !== undefined) return `inputTransformer.inputTemplate uses <${undefinedName}>, which inputPathsMap does not define`;
  return undefined;
}
