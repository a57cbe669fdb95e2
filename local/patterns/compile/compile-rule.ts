import { invalidPattern } from '../errors';
import type { JsonNode } from '../json/json-node';
import { singleAddressRange } from '../operators/ip-address';
import type { PatternFlavour } from './flavour';
import type { FieldCondition, Matcher, SubRule } from './matcher';
import { compileMatchExpression } from './match-expression';

/** EventBridge refuses patterns whose $or branches multiply out to more rules than this. */
const MAX_OR_COMBINATIONS = 1000;

const OR_KEY = '$or';

// Field names event-ruler reserves inside $or (its operators plus keywords it keeps for later use).
const RESERVED_IN_OR: ReadonlySet<string> = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric', 'cidr',
  'html', '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case', 'date-after',
  'date-on-or-after', 'date-before', 'date-on-or-before', 'in-date-range', 'ip-address-in-range',
  'ip-address-not-in-range',
]);

type Branch = Map<string, readonly Matcher[]>;
type Entries = ReadonlyArray<readonly [string, JsonNode]>;

/**
 * Flattens a pattern into its $or branches. Nested keys join with '.', so `{"a": {"b": …}}` and `{"a.b": …}`
 * name the same field; a field given twice keeps the later value list, as EventBridge does.
 */
export function compileRule(root: JsonNode, flavour: PatternFlavour): SubRule[] {
  if (root.kind !== 'object') invalidPattern('Filter is not an object');
  const branches: Branch[] = [];
  new RuleCompiler(flavour).object(root.entries, undefined, branches, false);
  return branches.map(toSubRule);
}

class RuleCompiler {
  constructor(private readonly flavour: PatternFlavour) {}

  // `path` is undefined at the top level, where an empty key is still a field name of its own.
  object(entries: Entries, path: string | undefined, branches: Branch[], insideOr: boolean): void {
    for (const [key, value] of entries) {
      if (key === OR_KEY) {
        this.or(value, path, branches);
        continue;
      }
      if (insideOr && RESERVED_IN_OR.has(key)) {
        invalidPattern(`${key} is Ruler reserved fieldName which cannot be used inside ${OR_KEY}.`);
      }
      const fieldPath = path === undefined ? key : `${path}.${key}`;
      if (value.kind === 'object') this.object(value.entries, fieldPath, branches, insideOr);
      else if (value.kind === 'array') this.field(value.items, fieldPath, branches);
      else invalidPattern(`"${key}" must be an object or an array`);
    }
    if (entries.length === 0) invalidPattern('Empty objects are not allowed');
  }

  private or(value: JsonNode, path: string | undefined, branches: Branch[]): void {
    const before = branches.map((branch) => new Map(branch));
    branches.length = 0;
    if (value.kind !== 'array') invalidPattern(`It must be an Array followed with ${OR_KEY}.`);
    for (const item of value.items) {
      if (item.kind !== 'object') invalidPattern(`Only JSON object is allowed in array of ${OR_KEY} relationship.`);
      const alternatives = before.length > 0 ? before.map((branch) => new Map(branch)) : [new Map()];
      this.object(item.entries, path, alternatives, true);
      branches.push(...alternatives);
      if (branches.length > MAX_OR_COMBINATIONS) {
        invalidPattern(`Too many combinations of ${OR_KEY} branches, the maximum is ${MAX_OR_COMBINATIONS}`);
      }
    }
    if (value.items.length < 2) invalidPattern(`There must have at least 2 Objects in ${OR_KEY} relationship.`);
  }

  private field(items: readonly JsonNode[], path: string, branches: Branch[]): void {
    const matchers = items.flatMap((item) => this.value(item));
    if (matchers.length === 0) invalidPattern('Empty arrays are not allowed');
    if (branches.length === 0) branches.push(new Map());
    for (const branch of branches) branch.set(path, matchers);
  }

  private value(item: JsonNode): Matcher[] {
    switch (item.kind) {
      case 'object':
        return [compileMatchExpression(item.entries, this.flavour)];
      case 'string': {
        const address = singleAddressRange(item.value);
        const exact: Matcher = { kind: 'exact-string', value: item.value };
        return address ? [exact, { kind: 'ip-range', range: address }] : [exact];
      }
      case 'number':
        return [{ kind: 'exact-number', value: item.value }];
      case 'boolean':
        return [{ kind: 'exact-literal', value: item.value }];
      case 'null':
        return [{ kind: 'exact-literal', value: null }];
      case 'array':
        return invalidPattern('Match value must be String, number, true, false, or null');
    }
  }
}

function toSubRule(branch: Branch): SubRule {
  const conditions: FieldCondition[] = [...branch].map(([path, matchers]) => ({ path, matchers }));
  // Fields are visited in name order (as event-ruler does), which decides array-consistency of `exists: false`.
  return conditions.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
