import * as path from 'node:path';
import { noteSdkNodeVersion } from '../aws-target/sdk-node-version';
import { runDlqCommand } from './command';

noteSdkNodeVersion();
runDlqCommand(process.argv.slice(2), {
  env: process.env,
  print: (line) => console.log(line),
  printError: (line) => console.error(line),
  projectDir: path.resolve(__dirname, '..', '..'),
}).then((status) => {
  process.exitCode = status;
});
