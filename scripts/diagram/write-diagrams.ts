import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesize } from '../../local/cli/synth';
import { diagramFiles, loadArchitectureModel, README } from './diagram-files';

/**
 * Synthesizes the app in `projectDir` into a folder of its own, then draws the architecture from that template into
 * `docs/architecture.md` and the README. Returns the paths written, relative to the project.
 *
 * It never synthesizes into the project's `cdk.out`: a running `npm start -- --watch` re-synthesizes there when
 * `npm run new-subscriber` writes its files, and two synths writing one folder at once break each other.
 */
export async function writeDiagrams(projectDir: string): Promise<string[]> {
  const cdkOutDir = fs.mkdtempSync(path.join(os.tmpdir(), 'users-fanout-diagram-'));
  try {
    await synthesize({ projectDir, outDir: cdkOutDir });
    const readme = fs.readFileSync(path.join(projectDir, README), 'utf8');
    const files = diagramFiles(loadArchitectureModel(cdkOutDir), readme);
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(projectDir, file.path)), { recursive: true });
      fs.writeFileSync(path.join(projectDir, file.path), file.content);
    }
    return files.map((file) => file.path);
  } finally {
    fs.rmSync(cdkOutDir, { recursive: true, force: true });
  }
}
