import { ValueIndex } from './value-index';

/**
 * One flattened field name the machine cares about. Children are keyed by the event key that leads to them,
 * dotted keys included: from `detail`, both `state` and `state.status` lead on, since an event may spell
 * `{"state": {"status": …}}` or `{"state.status": …}`.
 */
export class PathNode {
  private readonly childByKey = new Map<string, PathNode>();
  childKeys: string[] = [];
  childNodes: PathNode[] = [];
  /** Keys that exist on Object.prototype, so a plain lookup could find an inherited member. */
  childKeyInherited: boolean[] = [];
  values: ValueIndex | undefined;
  /** Index of this path among those whose presence must be known (for `exists: false`), or -1. */
  presenceSlot = -1;

  constructor(readonly path: string) {}

  child(key: string): PathNode | undefined {
    return this.childByKey.get(key);
  }

  get childCount(): number {
    return this.childKeys.length;
  }

  link(key: string, node: PathNode): void {
    if (this.childByKey.has(key)) return;
    this.childByKey.set(key, node);
    this.childKeys.push(key);
    this.childNodes.push(node);
    this.childKeyInherited.push(key in Object.prototype);
  }

  valueIndex(): ValueIndex {
    this.values ??= new ValueIndex();
    return this.values;
  }
}

/** All the paths of a rule set, as nodes reachable from the root by event keys. */
export class PathTrie {
  readonly root = new PathNode('');
  private readonly nodes = new Map<string, PathNode>([['', this.root]]);

  node(path: string): PathNode {
    const existing = this.nodes.get(path);
    if (existing) return existing;
    const segments = path.split('.');
    const prefixes = segments.map((_, index) => segments.slice(0, index + 1).join('.'));
    for (const prefix of prefixes) if (!this.nodes.has(prefix)) this.nodes.set(prefix, new PathNode(prefix));
    const chain = [this.root, ...prefixes.map((prefix) => this.nodes.get(prefix) as PathNode)];
    for (let from = 0; from < chain.length; from++) {
      for (let to = from + 1; to < chain.length; to++) {
        (chain[from] as PathNode).link(segments.slice(from, to).join('.'), chain[to] as PathNode);
      }
    }
    return this.nodes.get(path) as PathNode;
  }
}
