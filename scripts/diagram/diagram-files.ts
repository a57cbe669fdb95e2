import * as path from 'node:path';
import type { LocalModel } from '../../local/model/types';
import { loadLocalModel } from '../../local/template';
import { renderArchitectureDoc, renderMermaidBlock } from './architecture-doc';
import { embedInReadme } from './readme-embed';

export const ARCHITECTURE_DOC = path.join('docs', 'architecture.md');
export const README = 'README.md';

/** A file `npm run diagram` writes: its path relative to the project, and its whole content. */
export interface DiagramFile {
  path: string;
  content: string;
}

/** The synthesized app as the diagram reads it. Names and ARNs only label the picture; no endpoint is contacted. */
export function loadArchitectureModel(cdkOutDir: string): LocalModel {
  return loadLocalModel({ cdkOutDir, endpoint: 'http://127.0.0.1:4566', region: 'us-east-1', account: '000000000000' });
}

/** `docs/architecture.md`, and the README with the same Mermaid block between its architecture markers. */
export function diagramFiles(model: LocalModel, readme: string): DiagramFile[] {
  return [
    { path: ARCHITECTURE_DOC, content: renderArchitectureDoc(model) },
    { path: README, content: embedInReadme(readme, renderMermaidBlock(model)) },
  ];
}
