import { useEffect, useState } from 'preact/hooks';

/** The per-process token the page was served with: the console's actions send it (see request-guard.ts). */
const TOKEN_HEADER = 'x-local-console-token';
const token = document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_HEADER}"]`)?.content ?? '';

export const API = '/_console/api';

/** A failed call, with the console's or the service's own message. */
export class ApiError extends Error {}

export async function getJson<T>(path: string): Promise<T> {
  return answer<T>(await fetch(`${API}${path}`));
}

/** An action: POST or DELETE, with the console's token. */
export async function act<T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { [TOKEN_HEADER]: token };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return answer<T>(await fetch(`${API}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
}

async function answer<T>(response: Response): Promise<T> {
  const value = (await response.json().catch(() => undefined)) as (T & { message?: string }) | undefined;
  if (!response.ok) throw new ApiError(value?.message ?? `${response.status} ${response.statusText}`);
  return value as T;
}

type Listener = () => void;
const listeners = new Set<Listener>();
let stream: EventSource | undefined;
let connected = false;

/** One EventSource for the page: each `change` event tells every live view to refetch. */
function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  if (!stream) {
    stream = new EventSource(`${API}/events`);
    stream.addEventListener('change', () => {
      connected = true;
      for (const each of listeners) each();
    });
    stream.addEventListener('error', () => {
      connected = false;
      for (const each of listeners) each();
    });
  }
  return () => listeners.delete(listener);
}

export function isLive(): boolean {
  return connected;
}

/** A number that changes whenever the runtime reports a change; put it in an effect's dependencies to refetch. */
export function useLiveVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => subscribe(() => setVersion((current) => current + 1)), []);
  return version;
}

/** Fetches `path` now and again whenever the runtime changes; a failure is kept, not thrown. */
export function useLiveJson<T>(path: string | undefined): { data: T | undefined; error: string | undefined; reload: () => void } {
  const version = useLiveVersion();
  const [state, setState] = useState<{ data?: T; error?: string; path?: string }>({});
  const [forced, setForced] = useState(0);
  useEffect(() => {
    if (path === undefined) return;
    let current = true;
    getJson<T>(path).then(
      (data) => current && setState({ data, path }),
      (error: Error) => current && setState((previous) => ({ ...previous, error: error.message, path })),
    );
    return () => {
      current = false;
    };
  }, [path, version, forced]);
  return { data: state.path === path ? state.data : undefined, error: state.path === path ? state.error : undefined, reload: () => setForced((n) => n + 1) };
}
