import * as fs from 'node:fs';
import * as path from 'node:path';
import { subscribers } from '../../cdk/subscribers';
import { writeDiagrams } from '../diagram/write-diagrams';
import { parseNewSubscriberArguments } from './arguments';
import { findContractSource } from './event-contract-source';
import { planSubscriber, type PlannedFile } from './plan';
import { REGISTRY_FILE } from './registry-source';
import { ScaffoldError } from './scaffold-error';

/** The project this script belongs to: the scaffold always writes into its own checkout. */
const PROJECT_DIR = path.resolve(__dirname, '..', '..');

async function main(argv: readonly string[]): Promise<void> {
  const request = parseNewSubscriberArguments(argv);
  const files = planSubscriber(
    { name: request.name, delivery: request.delivery, endpoint: request.endpoint, event: await findContractSource(request.eventName, PROJECT_DIR) },
    {
      registered: subscribers.map((entry) => entry.name),
      exists: (relative) => fs.existsSync(path.join(PROJECT_DIR, relative)),
      registrySource: fs.readFileSync(path.join(PROJECT_DIR, REGISTRY_FILE), 'utf8'),
    },
  );
  for (const file of files) write(file);
  console.log(`Subscriber "${request.name}" (${request.delivery}) added:`);
  for (const file of files) console.log(`  ${file.replaces ? 'updated' : 'created'} ${file.path}`);
  let redrawn: string[];
  try {
    redrawn = await writeDiagrams(PROJECT_DIR);
  } catch (error) {
    console.error(`new-subscriber: the files above are written, but the architecture diagram could not be redrawn: ${messageOf(error)}`);
    console.error('Fix that, then run npm run diagram.');
    process.exitCode = 1;
    return;
  }
  for (const file of redrawn) console.log(`  redrew ${file}`);
  if (request.delivery === 'webhook') {
    console.log(
      `Next: npm start -- --secret users-fanout/${request.name}=<key> posts its events to the local URL in cdk/subscribers.ts ` +
        '(npm run webhook-listener shows them). Before deploying, store the key in Secrets Manager under that name and ' +
        'give the stage its https endpoint with -c (docs/adding-a-subscriber.md).',
    );
    return;
  }
  console.log('Next: describe it in cdk/subscribers.ts (npm run diagram again if you narrow its pattern), then npm test and npm start (docs/adding-a-subscriber.md).');
}

function write(file: PlannedFile): void {
  const target = path.join(PROJECT_DIR, file.path);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // 'wx' refuses to overwrite: a file that appeared since the checks is not lost.
  fs.writeFileSync(target, file.content, { flag: file.replaces ? 'w' : 'wx' });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ScaffoldError) {
    console.error(`new-subscriber: ${error.message}`);
    process.exitCode = 2;
    return;
  }
  console.error(`new-subscriber: unexpected error: ${messageOf(error)}`);
  process.exitCode = 1;
});

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
