import { parseCommandLine, SWITCH, VALUE } from '../../local/cli/command-line';
import { DEFAULT_WEBHOOK_PORT } from '../new-subscriber/templates/registry-entry';
import { startListener } from './listener';

const USAGE = `usage: npm run webhook-listener -- [--port ${DEFAULT_WEBHOOK_PORT}] [--status 200]`;

/** `npm run webhook-listener`: a local endpoint for a webhook subscriber, printing what it receives until Ctrl-C. */
async function main(argv: string[]): Promise<void> {
  const { values } = parseCommandLine({ args: argv, options: { port: VALUE, status: VALUE, help: SWITCH } }, (message) => new Error(`${message}; ${USAGE}`));
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port ?? DEFAULT_WEBHOOK_PORT);
  const status = Number(values.status ?? 200);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number, got ${values.port}; ${USAGE}`);
  if (!Number.isInteger(status) || status < 200 || status > 599) throw new Error(`--status must be an HTTP status from 200 to 599, got ${values.status}; ${USAGE}`);
  const listener = await startListener({ port, status, print: (line) => console.log(line) });
  console.log(`Listening on ${listener.url}, answering ${status}; Ctrl-C stops it.`);
  process.on('SIGINT', () => void listener.close().then(() => process.exit(0)));
  process.on('SIGTERM', () => void listener.close().then(() => process.exit(0)));
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(`webhook-listener: ${error.message}`);
  process.exit(2);
});
