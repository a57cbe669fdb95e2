import type { NodeKind, Topology, TopologyNode } from './topology';

/** Shape of each kind: [opening, closing] around the quoted label. */
const SHAPES: Record<NodeKind, [string, string]> = {
  table: ['[(', ')]'],
  pipe: ['{{', '}}'],
  function: ['(', ')'],
  bus: ['[/', '/]'],
  archive: ['[(', ')]'],
  rule: ['>', ']'],
  queue: ['[', ']'],
  'dead-letter-queue': ['[', ']'],
  other: ['[', ']'],
};

const CLASS_STYLES: Partial<Record<NodeKind, string>> = {
  table: 'fill:#e8f1fb,stroke:#3b73b9',
  pipe: 'fill:#f3e8fb,stroke:#7b3bb9',
  function: 'fill:#fff4e0,stroke:#d98b00',
  bus: 'fill:#fbe8ef,stroke:#b93b6b',
  rule: 'fill:#fbe8ef,stroke:#b93b6b',
  queue: 'fill:#e8fbef,stroke:#2e8b57',
  'dead-letter-queue': 'fill:#fde8e8,stroke:#c0392b,stroke-dasharray:4 2',
};

/** A Mermaid flowchart, left to right; failure paths are dashed. */
export function renderMermaid(topology: Topology): string {
  const lines = ['flowchart LR'];
  for (const node of topology.nodes) lines.push(`  ${renderNode(node)}`);
  for (const edge of topology.edges) lines.push(`  ${edge.from} ${edge.failure ? '-.->' : '-->'}|${escapeText(edge.label)}| ${edge.to}`);
  for (const [kind, style] of Object.entries(CLASS_STYLES)) {
    const members = topology.nodes.filter((node) => node.kind === kind).map((node) => node.id);
    if (members.length === 0) continue;
    // Prefixed, so no class is named like a Mermaid keyword.
    const className = `kind_${kind.replace(/-/g, '_')}`;
    lines.push(`  classDef ${className} ${style}`, `  class ${members.join(',')} ${className}`);
  }
  return lines.join('\n');
}

function renderNode(node: TopologyNode): string {
  const [open, close] = SHAPES[node.kind];
  return `${node.id}${open}"${node.lines.map(escapeText).join('<br/>')}"${close}`;
}

/** Mermaid entity codes keep quotes, angle brackets and pipes in a label from ending it. */
function escapeText(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/\|/g, '#124;');
}
