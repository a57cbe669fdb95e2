import * as path from 'node:path';
import { synthesize } from '../local/cli/synth';

/** Synthesizes the app once for every end-to-end test file, as `npm start` would. */
export default async function globalSetup(): Promise<void> {
  // The SDK warns that Node 20 support ends in 2027; that is this host's runtime, not the functions' (nodejs24.x).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const projectDir = path.resolve(__dirname, '..');
  await synthesize({ projectDir, outDir: path.join(projectDir, 'cdk.out') });
}
