import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthesize } from '../../local/cli/synth';
import { loadLocalModel } from '../../local/template';
import { renderArchitectureDoc } from './architecture-doc';

const PROJECT_DIR = path.resolve(__dirname, '..', '..');
const OUTPUT_FILE = path.join('docs', 'architecture.md');

/** Synthesizes when the app changed since the last synth, then draws `docs/architecture.md` from `cdk.out`. */
async function main(): Promise<void> {
  const cdkOutDir = path.join(PROJECT_DIR, 'cdk.out');
  await synthesize({ projectDir: PROJECT_DIR, outDir: cdkOutDir });
  // Names and ARNs only label the picture; no endpoint is contacted.
  const model = loadLocalModel({ cdkOutDir, endpoint: 'http://127.0.0.1:4566', region: 'us-east-1', account: '000000000000' });
  fs.mkdirSync(path.join(PROJECT_DIR, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(PROJECT_DIR, OUTPUT_FILE), renderArchitectureDoc(model));
  console.log(`Wrote ${OUTPUT_FILE}`);
}

main().catch((error: unknown) => {
  console.error(`diagram: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
