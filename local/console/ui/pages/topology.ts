import { html } from 'htm/preact';
import { useLiveJson } from '../api';
import { loading, navigate, problem } from '../components';

interface TopologyNode {
  id: string;
  type: string;
  name: string;
  page: string;
  counted: string;
  total: number;
  errors: number;
  pending: number;
}

interface TopologyEdge {
  from: string;
  to: string;
  source: 'template' | 'observed';
  label?: string;
  count: number;
}

const WIDTH = 210;
const HEIGHT = 54;
const COLUMN = 270;
const ROW = 74;
const MARGIN = 20;

/** Columns by the longest path from a source (a cycle stops growing after as many rounds as there are nodes). */
function layout(nodes: TopologyNode[], edges: TopologyEdge[]): Map<string, { x: number; y: number }> {
  const column = new Map(nodes.map((node) => [node.id, 0]));
  for (let round = 0; round < nodes.length; round++) {
    let moved = false;
    for (const edge of edges) {
      const next = (column.get(edge.from) ?? 0) + 1;
      if (next > (column.get(edge.to) ?? 0) && next < nodes.length) {
        column.set(edge.to, next);
        moved = true;
      }
    }
    if (!moved) break;
  }
  const rows = new Map<number, number>();
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of [...nodes].sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name))) {
    const at = column.get(node.id) ?? 0;
    const row = rows.get(at) ?? 0;
    rows.set(at, row + 1);
    positions.set(node.id, { x: MARGIN + at * COLUMN, y: MARGIN + row * ROW });
  }
  return positions;
}

/** The prefix every template resource's name shares (a stack's `app-stage-`), cut at a dash; shown once, not on each node. */
function commonPrefix(names: string[]): string {
  if (names.length < 2) return '';
  let prefix = names[0];
  for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.slice(0, prefix.lastIndexOf('-') + 1);
}

export function TopologyPage(): unknown {
  const { data, error } = useLiveJson<{ nodes: TopologyNode[]; edges: TopologyEdge[] }>('/topology');
  if (!data) return html`${problem(error)}${error ? null : loading()}`;
  const positions = layout(data.nodes, data.edges);
  const prefix = commonPrefix(data.nodes.filter((node) => node.type !== 'mail' && node.type !== 'other').map((node) => node.name));
  const label = (name: string): string => {
    const short = name.startsWith(prefix) ? name.slice(prefix.length) : name;
    return short.length > 30 ? `${short.slice(0, 29)}…` : short;
  };
  const width = Math.max(...[...positions.values()].map((p) => p.x)) + WIDTH + MARGIN;
  const height = Math.max(...[...positions.values()].map((p) => p.y)) + HEIGHT + MARGIN;
  return html`
    <h1>Topology</h1>
    <p class="muted">The running template${prefix ? html`, names without their common prefix <code>${prefix}</code>` : ''}; counts are hops since the runtime
      started, live. Dashed links are seen only in hops (a function's writes and emails). Click a resource to open it.</p>
    <svg class="topology" width=${width} height=${height} viewBox=${`0 0 ${width} ${height}`} role="img" aria-label="Topology of the running template">
      ${data.edges.map((edge) => {
        const from = positions.get(edge.from);
        const to = positions.get(edge.to);
        if (!from || !to) return null;
        const x1 = from.x + WIDTH;
        const y1 = from.y + HEIGHT / 2;
        const x2 = to.x;
        const y2 = to.y + HEIGHT / 2;
        const bend = Math.max(40, (x2 - x1) / 2);
        return html`<g class=${`edge ${edge.source} ${edge.count > 0 ? 'used' : ''}`}>
          <path d=${`M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`} />
          <text x=${(x1 + x2) / 2} y=${(y1 + y2) / 2 - 4}>${edge.count > 0 ? edge.count : ''}${edge.label ? ` ${edge.label}` : ''}</text>
        </g>`;
      })}
      ${data.nodes.map((node) => {
        const { x, y } = positions.get(node.id) as { x: number; y: number };
        return html`<g class=${`node ${node.type} ${node.errors > 0 ? 'failing' : ''}`} transform=${`translate(${x},${y})`} onClick=${() => navigate(node.page)} data-resource=${node.id}>
          <title>${node.id}</title>
          <rect width=${WIDTH} height=${HEIGHT} rx="6" />
          <text x="10" y="20" class="name">${label(node.name)}</text>
          <text x="10" y="40" class="counts">${node.type} · ${node.total} ${node.counted}${node.errors > 0 ? ` · ${node.errors} failed` : ''}${node.pending > 0 ? ` · ${node.pending} running` : ''}</text>
        </g>`;
      })}
    </svg>
  `;
}
