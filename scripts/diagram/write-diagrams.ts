import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthesize } from '../../local/cli/synth';
import { diagramFiles, loadArchitectureModel, README } from './diagram-files';

/**
 * Synthesizes the app in `projectDir` when it changed since the last synth, then draws the architecture from
 * its `cdk.out` into `docs/architecture.md` and the README. Returns the paths written, relative to the project.
 */
export async function writeDiagrams(projectDir: string): Promise<string[]> {
  const cdkOutDir = path.join(projectDir, 'cdk.out');
  await synthesize({ projectDir, outDir: cdkOutDir });
  const readme = fs.readFileSync(path.join(projectDir, README), 'utf8');
  const files = diagramFiles(loadArchitectureModel(cdkOutDir), readme);
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(projectDir, file.path)), { recursive: true });
    fs.writeFileSync(path.join(projectDir, file.path), file.content);
  }
  return files.map((file) => file.path);
}
