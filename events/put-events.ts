import { noteSdkNodeVersion } from '../scripts/aws-target/sdk-node-version';
import { createEventBridgeClient } from './cli/eventbridge-client';
import { runPutEvents } from './cli/run';

noteSdkNodeVersion();
runPutEvents(process.argv.slice(2), {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  createClient: (args, entries) => createEventBridgeClient(args, process.env, entries),
}).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    console.error(`put-events: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
