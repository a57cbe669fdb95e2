import { spawn } from 'node:child_process';

/**
 * The project's own redrive command (package.json `localRuntime.console.redrive`), which the console runs for a
 * dead-letter queue: the runtime knows no domain, and the project's operator tool knows each queue's path back
 * (`npm run dlq -- redrive`), so the console takes the very path an operator's terminal takes.
 */
export interface RedriveCommand {
  /** A shell command line; `{queue}`, `{endpoint}` and `{region}` are replaced, each quoted for the shell. */
  command: string;
  /** Where it runs: the project. */
  cwd: string;
}

export interface RedriveResult {
  exitCode: number;
  /** Everything it printed, standard output and error together, up to MAX_OUTPUT characters. */
  output: string;
}

const MAX_OUTPUT = 64 * 1024;
const TIMEOUT_MS = 5 * 60_000;

export function runRedrive(redrive: RedriveCommand, values: { queue: string; endpoint: string; region: string }): Promise<RedriveResult> {
  const commandLine = redrive.command.replace(/\{(queue|endpoint|region)\}/g, (_match, name: keyof typeof values) => shellQuote(values[name]));
  return new Promise((resolve) => {
    const child = spawn(commandLine, { cwd: redrive.cwd, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer): void => {
      if (output.length < MAX_OUTPUT) output += chunk.toString('utf8').slice(0, MAX_OUTPUT - output.length);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      output += `\nStopped after ${TIMEOUT_MS / 1000} s.`;
      child.kill('SIGTERM');
    }, TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ exitCode: 1, output: `Cannot run "${commandLine}": ${error.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? 1, output });
    });
  });
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
