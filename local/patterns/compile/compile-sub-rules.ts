import { invalidPattern } from '../errors';
import { jsonNodeFromValue, type JsonNode } from '../json/json-node';
import { JsonSyntaxError, parseJsonNode } from '../json/parse-json-node';
import { compileRule } from './compile-rule';
import type { PatternFlavour } from './flavour';
import type { SubRule } from './matcher';

export interface CompileOptions {
  readonly flavour?: PatternFlavour;
  /** Longest accepted pattern, in characters of its JSON text. */
  readonly maxPatternLength?: number;
}

/** EventBridge's default quota for an event pattern (adjustable to 4096); Pipes filters allow 4096. */
const DEFAULT_MAX_PATTERN_LENGTH: Readonly<Record<PatternFlavour, number>> = { eventbridge: 2048, pipes: 4096 };

/** Validates a pattern (JSON text or object) and flattens it into its $or branches. */
export function compileSubRules(pattern: string | object, options: CompileOptions = {}): SubRule[] {
  const flavour = options.flavour ?? 'eventbridge';
  const text = typeof pattern === 'string' ? pattern : JSON.stringify(pattern);
  const maxLength = options.maxPatternLength ?? DEFAULT_MAX_PATTERN_LENGTH[flavour];
  if (text.length > maxLength) {
    invalidPattern(`Event pattern is ${text.length} characters long, more than the maximum of ${maxLength}`);
  }
  return compileRule(toJsonNode(pattern), flavour);
}

function toJsonNode(pattern: string | object): JsonNode {
  if (typeof pattern !== 'string') return jsonNodeFromValue(pattern);
  try {
    return parseJsonNode(pattern);
  } catch (error) {
    if (error instanceof JsonSyntaxError) invalidPattern(`Filter is not valid JSON: ${error.message}`);
    throw error;
  }
}
