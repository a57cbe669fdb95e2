import conditionParser from 'dynalite/db/conditionParser';
import type { ExpressionParseContext, ExpressionParser } from 'dynalite/db/expression-parser';
import updateParser from 'dynalite/db/updateParser';

/**
 * dynalite parses every ConditionExpression and UpdateExpression with a PEG parser, on every request: in the
 * benchmark's profile that was four fifths of DynamoDB's request validation and a sixth of the runtime's main
 * thread, for expressions that differ from one request to the next only in their values. This memoizes the parse.
 *
 * What a parse depends on decides the key. It reads the expression, the attribute names, and of each attribute value
 * only its type (the type checks of functions and operators), except in two places that read a value itself:
 * BETWEEN compares its bounds, and attribute_type reads the type name it is given. Expressions that use either are
 * never memoized. A parse is keyed by the expression, the names, and each value's key and type; it is kept with a
 * stand-in object for each value, and each request gets its own copy of the tree with its own values in their places.
 * Only successful parses are kept: an invalid expression goes to dynalite every time, so its error is dynalite's own.
 */
const MAX_KEPT_PARSES = 1_000;
/** The attribute value types, in the order dynalite's parsers test for them. */
const VALUE_TYPES = ['S', 'N', 'B', 'NULL', 'BOOL', 'SS', 'NS', 'BS', 'L', 'M'];
const READS_VALUES = /between|attribute_type/i;
/** What a stand-in holds under its type: not null, which is all dynalite's type checks ask of it. */
const STAND_IN = Symbol('attribute value stand-in');

interface KeptParse {
  tree: object;
  /** The stand-in for each attribute value, by its key (`:name`). */
  standIns: ReadonlyMap<string, object>;
  /** The names and values the expression used, which the request's unused lists lose. */
  usedNames: readonly string[];
  usedValues: readonly string[];
}

/** `parser`, remembering its successful parses (above). */
export function memoizedParser(parser: ExpressionParser): ExpressionParser {
  const kept = new Map<string, KeptParse>();
  const parse: ExpressionParser['parse'] = (expression, options) => {
    const { context } = options;
    const key = READS_VALUES.test(expression) ? undefined : parseKey(expression, context);
    if (key === undefined) return parser.parse(expression, options);
    const found = kept.get(key);
    if (found) return replay(found, context);
    const tree = parser.parse(expression, options);
    if (typeof tree !== 'object' || tree === null) return tree;
    const keeping = keptParse(parser, expression, context);
    if (keeping) {
      if (kept.size >= MAX_KEPT_PARSES) kept.delete(kept.keys().next().value as string);
      kept.set(key, keeping);
    }
    return tree;
  };
  return { ...parser, parse };
}

const installed = new Set<ExpressionParser>();

/** Installs the memoized parse in dynalite's parser modules, which its request validation calls through. */
export function memoizeDynaliteExpressionParsing(): void {
  for (const parser of [conditionParser, updateParser]) {
    if (installed.has(parser)) continue;
    installed.add(parser);
    // The memo is given a copy holding dynalite's own parse: through the module it would call itself.
    parser.parse = memoizedParser({ ...parser }).parse;
  }
}

/** Undefined when a value's shape is not one dynalite's type checks read the same way a stand-in's would be read. */
function parseKey(expression: string, context: ExpressionParseContext): string | undefined {
  let valueTypes = '';
  for (const name in context.attrVals ?? {}) {
    const type = singleType(context.attrVals?.[name]);
    if (type === undefined) return undefined;
    valueTypes += `${name}=${type};`;
  }
  return `${expression}\0${JSON.stringify(context.attrNames ?? null)}\0${valueTypes}`;
}

function singleType(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && VALUE_TYPES.includes(keys[0]) ? keys[0] : undefined;
}

/**
 * Parses again with a stand-in for each value, on fresh unused lists, to learn what the expression used. Undefined
 * if that parse fails where the request's own succeeded, which the key's reasoning says cannot happen: then nothing
 * is kept, rather than a tree that might not be the request's.
 */
function keptParse(parser: ExpressionParser, expression: string, context: ExpressionParseContext): KeptParse | undefined {
  const standIns = new Map<string, object>();
  const standInValues: Record<string, object> = {};
  for (const name in context.attrVals ?? {}) {
    const standIn = { [singleType(context.attrVals?.[name]) as string]: STAND_IN };
    standIns.set(name, standIn);
    standInValues[name] = standIn;
  }
  const unusedAttrNames = Object.fromEntries(Object.keys(context.attrNames ?? {}).map((name) => [name, true]));
  const unusedAttrVals = Object.fromEntries(Object.keys(standInValues).map((name) => [name, true]));
  let tree: unknown;
  try {
    tree = parser.parse(expression, { context: { ...context, attrVals: standInValues, unusedAttrNames, unusedAttrVals } });
  } catch {
    return undefined;
  }
  if (typeof tree !== 'object' || tree === null) return undefined;
  return {
    tree,
    standIns,
    usedNames: Object.keys(context.attrNames ?? {}).filter((name) => !(name in unusedAttrNames)),
    usedValues: Object.keys(standInValues).filter((name) => !(name in unusedAttrVals)),
  };
}

/** The kept tree for this request: its own values in place of the stand-ins, and its unused lists updated. */
function replay(found: KeptParse, context: ExpressionParseContext): object {
  for (const name of found.usedNames) delete context.unusedAttrNames?.[name];
  for (const name of found.usedValues) delete context.unusedAttrVals?.[name];
  const values = new Map<object, unknown>();
  for (const [name, standIn] of found.standIns) values.set(standIn, context.attrVals?.[name]);
  return copyWithValues(found.tree, values, new Map()) as object;
}

/** A deep copy of a parse tree; objects it shares (a path both in a section and in `paths`) stay shared in the copy. */
function copyWithValues(node: unknown, values: ReadonlyMap<object, unknown>, copies: Map<object, unknown>): unknown {
  if (node === null || typeof node !== 'object') return node;
  if (values.has(node)) return values.get(node);
  const copied = copies.get(node);
  if (copied !== undefined) return copied;
  if (Array.isArray(node)) {
    const copy: unknown[] = [];
    copies.set(node, copy);
    for (const item of node) copy.push(copyWithValues(item, values, copies));
    return copy;
  }
  const copy = Object.create(Object.getPrototypeOf(node)) as Record<string, unknown>;
  copies.set(node, copy);
  for (const [member, value] of Object.entries(node)) copy[member] = copyWithValues(value, values, copies);
  return copy;
}
