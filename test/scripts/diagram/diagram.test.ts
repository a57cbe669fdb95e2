import * as fs from 'node:fs';
import * as path from 'node:path';
import { subscribers } from '../../../cdk/subscribers';
import type { LocalModel } from '../../../local/model/types';
import { renderArchitectureDoc } from '../../../scripts/diagram/architecture-doc';
import { diagramFiles, loadArchitectureModel, README } from '../../../scripts/diagram/diagram-files';
import { renderMermaid } from '../../../scripts/diagram/mermaid';
import { embedInReadme } from '../../../scripts/diagram/readme-embed';
import { buildTopology, type Topology, type TopologyNode } from '../../../scripts/diagram/topology';
import { PROJECT_DIR } from '../../../support/project';


/** The app as jest's global setup synthesized it, read the way `npm run diagram` reads it. */
let model: LocalModel;
let topology: Topology;

beforeAll(() => {
  model = loadArchitectureModel(path.join(PROJECT_DIR, 'cdk.out'));
  topology = buildTopology(model);
});

/** Edges as `<first label line of from> -> <first label line of to>: <label>`, dashed ones with `-.->`. */
function edgeLines(): string[] {
  const name = (id: string) => topology.nodes.find((node) => node.id === id)!.lines[0];
  return topology.edges.map((edge) => `${name(edge.from)} ${edge.failure ? '-.->' : '->'} ${name(edge.to)}: ${edge.label}`);
}

/** Names repeat across kinds: a queued subscriber's rule and queue are both `users-fanout-<stage>-<name>`. */
function node(name: string, kind?: TopologyNode['kind']) {
  return topology.nodes.find((candidate) => candidate.lines[0] === name && (kind === undefined || candidate.kind === kind));
}

describe('the topology drawn from the synthesized template', () => {
  it('runs from the users table through the pipe, with its filter, enrichment, target, DLQ and rejected-users queue', () => {
    expect(node('users-fanout-dev-users', 'table')).toBeDefined();
    const pipe = node('users-fanout-dev-user-created', 'pipe');
    expect(pipe?.lines).toEqual(['users-fanout-dev-user-created', 'filter: {"eventName":["INSERT"]}']);
    expect(edgeLines()).toEqual(
      expect.arrayContaining([
        'users-fanout-dev-users -> users-fanout-dev-user-created: stream',
        'users-fanout-dev-user-created -> λ UserCreatedPipeEnrichment: enrichment',
        'users-fanout-dev-user-created -> users-fanout-dev: target',
        'users-fanout-dev-user-created -.-> users-fanout-dev-user-created-dlq: failed batches',
        'λ UserCreatedPipeEnrichment -> users-fanout-dev-rejected-users: sends',
      ]),
    );
  });

  it('shows a rule for every registry entry, with its pattern, off the bus, and its dead-letter queue', () => {
    for (const entry of subscribers) {
      const ruleName = `users-fanout-dev-${entry.name}`;
      expect(node(ruleName, 'rule')?.lines).toEqual([ruleName, JSON.stringify(entry.eventPattern)]);
      expect(edgeLines()).toEqual(
        expect.arrayContaining([
          `users-fanout-dev -> ${ruleName}: rule`,
          `${ruleName} -.-> users-fanout-dev-${entry.name}-dlq: undeliverable`,
        ]),
      );
    }
  });

  it('follows queued delivery through the queue to its function, and direct delivery to the function, each to a DLQ', () => {
    expect(edgeLines()).toEqual(
      expect.arrayContaining([
        'users-fanout-dev-welcome-email -> users-fanout-dev-welcome-email: target',
        'users-fanout-dev-welcome-email -> λ WelcomeEmailHandler: batches of 10',
        'users-fanout-dev-welcome-email -.-> users-fanout-dev-welcome-email-dlq: after 5 receives',
        'users-fanout-dev-audit-log -> λ AuditLogHandler: target',
        'λ AuditLogHandler -.-> users-fanout-dev-audit-log-dlq: failed invocations',
      ]),
    );
    expect(node('users-fanout-dev-welcome-email-dlq', 'dead-letter-queue')).toBeDefined();
    expect(node('users-fanout-dev-welcome-email', 'queue')).toBeDefined();
  });

  it('leaves out resources no event flows through: the audit and idempotency tables, roles, alarms', () => {
    const tables = topology.nodes.filter((candidate) => candidate.kind === 'table');
    expect(tables.map((table) => table.lines[0])).toEqual(['users-fanout-dev-users']);
    expect(topology.nodes.filter((candidate) => candidate.kind === 'other')).toEqual([]);
  });
});

describe('the Mermaid and the page', () => {
  it('escapes label text, dashes failure paths and gives every node its class', () => {
    const mermaid = renderMermaid({
      nodes: [
        { id: 'a', kind: 'rule', lines: ['rule', '{"detail":{"data":{"email":[{"suffix":"<x>|y"}]}}}'] },
        { id: 'b', kind: 'dead-letter-queue', lines: ['dlq'] },
      ],
      edges: [{ from: 'a', to: 'b', label: 'undeliverable', failure: true }],
    });

    expect(mermaid.split('\n')).toEqual([
      'flowchart LR',
      '  a>"rule<br/>{#quot;detail#quot;:{#quot;data#quot;:{#quot;email#quot;:[{#quot;suffix#quot;:#quot;#lt;x#gt;#124;y#quot;}]}}}"]',
      '  b["dlq"]',
      '  a -.->|undeliverable| b',
      '  classDef kind_rule fill:#fbe8ef,stroke:#b93b6b',
      '  class a kind_rule',
      '  classDef kind_dead_letter_queue fill:#fde8e8,stroke:#c0392b,stroke-dasharray:4 2',
      '  class b kind_dead_letter_queue',
    ]);
  });

  it('lists every rule with its pattern, targets and DLQ, and every pipe with its filter', () => {
    const page = renderArchitectureDoc(model);

    expect(page).toContain('```mermaid\nflowchart LR\n');
    expect(page).toContain(
      '| `users-fanout-dev-audit-log` | `{"source":["users-fanout.users"],"detail-type":["UserCreated"]}` | `λ AuditLogHandler` | `users-fanout-dev-audit-log-dlq` |',
    );
    expect(page).toContain('| `users-fanout-dev-user-created` | `{"eventName":["INSERT"]}` |');
  });
});

describe('the committed pictures', () => {
  it('docs/architecture.md and the README diagram are what npm run diagram draws from the current app (run it if not)', () => {
    const committed = (relativePath: string) => fs.readFileSync(path.join(PROJECT_DIR, relativePath), 'utf8');
    const expected = diagramFiles(model, committed(README));

    expect(expected.map((file) => file.path)).toEqual([path.join('docs', 'architecture.md'), 'README.md']);
    for (const file of expected) expect({ path: file.path, content: committed(file.path) }).toEqual(file);
  });
});

describe('the README embedding', () => {
  const readme = ['# Title', '', 'before', '<!-- architecture:start -->', 'old picture', '<!-- architecture:end -->', 'after', ''].join('\n');

  it('replaces what stands between the markers and keeps everything else', () => {
    expect(embedInReadme(readme, '```mermaid\nflowchart LR\n```')).toBe(
      ['# Title', '', 'before', '<!-- architecture:start -->', '```mermaid', 'flowchart LR', '```', '<!-- architecture:end -->', 'after', ''].join('\n'),
    );
  });

  it('gives the same README when drawn twice', () => {
    const once = embedInReadme(readme, 'picture');

    expect(embedInReadme(once, 'picture')).toBe(once);
  });

  it.each([
    ['no markers', '# Title\n'],
    ['only the start marker', '<!-- architecture:start -->\n'],
    ['the markers in the wrong order', '<!-- architecture:end -->\n<!-- architecture:start -->\n'],
    ['two start markers', '<!-- architecture:start -->\n<!-- architecture:start -->\n<!-- architecture:end -->\n'],
  ])('refuses a README with %s, naming the markers', (_case, text) => {
    expect(() => embedInReadme(text, 'picture')).toThrow(
      'README.md needs exactly one <!-- architecture:start --> followed by <!-- architecture:end -->, where the diagram goes',
    );
  });
});
