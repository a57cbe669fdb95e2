/**
 * The JSONPath subset EventBridge evaluates in InputPath and InputPathsMap: `$`, dotted names (with dashes,
 * underscores and slashes), array indexes, and `*` wildcards. A path without wildcards selects one value; a path
 * with them selects the list of what they reach, as JSONPath does.
 */
export interface EventPath {
  readonly text: string;
  select(event: unknown): unknown;
}

type Step = { kind: 'name'; name: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

const STEP = /\.([^.[\]*]+)|\.\*|\[(\d+)\]|\[\*\]|\['([^']+)'\]/g;

/** Parses a path; throws an Error that quotes the path when it is not one EventBridge evaluates. */
export function parseEventPath(text: string): EventPath {
  if (!text.startsWith('$')) throw new Error(`"${text}" is not a JSONPath: it must start with $`);
  const rest = text.slice(1);
  const matches = [...rest.matchAll(STEP)];
  if (matches.map((match) => match[0]).join('') !== rest) throw new Error(`"${text}" is not a JSONPath EventBridge evaluates`);
  const steps = matches.map(([whole, name, index, quoted]): Step => {
    if (whole === '.*' || whole === '[*]') return { kind: 'wildcard' };
    if (index !== undefined) return { kind: 'index', index: Number(index) };
    return { kind: 'name', name: name ?? quoted };
  });
  const definite = steps.every((step) => step.kind !== 'wildcard');
  return {
    text,
    select(event) {
      let nodes: unknown[] = [event];
      for (const step of steps) nodes = nodes.flatMap((node) => children(node, step));
      return definite ? nodes[0] : nodes;
    },
  };
}

function children(node: unknown, step: Step): unknown[] {
  if (node === null || typeof node !== 'object') return [];
  if (step.kind === 'wildcard') return Array.isArray(node) ? node : Object.values(node);
  const key = step.kind === 'name' ? step.name : step.index;
  if (step.kind === 'index' && !Array.isArray(node)) return [];
  return Object.hasOwn(node, key) ? [(node as Record<string | number, unknown>)[key]] : [];
}
