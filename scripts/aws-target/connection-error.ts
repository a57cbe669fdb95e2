const NETWORK_ERROR_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Whether an SDK call failed because nothing answered: no name resolution, no route, no listener, no reply. */
export function isConnectionError(error: unknown): boolean {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  return (typeof code === 'string' && NETWORK_ERROR_CODES.has(code)) || name === 'TimeoutError';
}

/** One line for a command whose endpoint (the local runtime, usually) did not answer. */
export function endpointDownMessage(endpoint: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `nothing answers at ${endpoint} (${reason}): is the local runtime running? Start it with npm start (PORT sets its port)`;
}
