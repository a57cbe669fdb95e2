import * as path from 'node:path';
import { runDlqCommand } from './command';

runDlqCommand(process.argv.slice(2), {
  env: process.env,
  print: (line) => console.log(line),
  printError: (line) => console.error(line),
  projectDir: path.resolve(__dirname, '..', '..'),
}).then((status) => {
  process.exitCode = status;
});
