import * as path from 'node:path';
import { writeDiagrams } from './write-diagrams';

const PROJECT_DIR = path.resolve(__dirname, '..', '..');

writeDiagrams(PROJECT_DIR).then(
  (written) => console.log(`Wrote ${written.join(' and ')}`),
  (error: unknown) => {
    console.error(`diagram: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
