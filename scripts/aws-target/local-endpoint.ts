import type { Refusal } from '../../local/cli/command-line';

/** A problem with how a command was told where to act (a bad PORT, AWS out of reach): one line, no stack trace. */
export class TargetError extends Error {
  override readonly name = 'TargetError';
}

/** The port `npm start` listens on when neither PORT nor --port says otherwise (local/cli/options.ts). */
export const DEFAULT_LOCAL_PORT = 4566;

/**
 * The endpoint of the local runtime, as `npm start` in the same shell would serve it: 127.0.0.1, on PORT or 4566.
 * `--local` on an operator command means this endpoint. A bad PORT is a TargetError, or the command line's own
 * refusal when `--local` asked for it.
 */
export function localEndpointUrl(env: NodeJS.ProcessEnv, refuse: Refusal = (message) => new TargetError(message)): string {
  const raw = env.PORT?.trim();
  if (raw === undefined || raw === '') return `http://127.0.0.1:${DEFAULT_LOCAL_PORT}`;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw refuse(`PORT must be the local runtime's port, from 1 to 65535, got "${env.PORT}"`);
  }
  return `http://127.0.0.1:${port}`;
}
