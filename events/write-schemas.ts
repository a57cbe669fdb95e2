import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { schemaFiles } from './schema-files';

/** Regenerates `events/schemas/*.schema.json` from the contracts; a test keeps the committed files in step. */
for (const file of schemaFiles()) {
  writeFileSync(file.path, file.content);
  console.log(`wrote ${relative(process.cwd(), file.path)}`);
}
