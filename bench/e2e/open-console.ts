/**
 * A console left open during the run, as a developer would keep it: subscribed to the live updates, and
 * refetching the topology and the newest traces on each one, as those pages do. The runtime's ratio is measured
 * with it open.
 */
export interface OpenConsole {
  /** Updates received and pages refetched: proof the console was live throughout. */
  readonly refreshes: number;
  close(): Promise<void>;
}

export function openConsole(endpoint: string): OpenConsole {
  const abort = new AbortController();
  let refreshes = 0;
  let refreshing: Promise<void> = Promise.resolve();
  const refresh = async (): Promise<void> => {
    await Promise.all(['/_console/api/topology', '/_console/api/traces'].map(async (page) => (await fetch(`${endpoint}${page}`, { signal: abort.signal })).text()));
    refreshes++;
  };
  const listening = (async () => {
    const response = await fetch(`${endpoint}/_console/api/events`, { signal: abort.signal });
    if (!response.ok || !response.body) throw new Error(`The console's live updates answered ${response.status}`);
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of response.body) {
      buffered += decoder.decode(chunk as Uint8Array, { stream: true });
      const events = buffered.split('\n\n');
      buffered = events.pop() ?? '';
      // A refresh still running absorbs the updates that arrive meanwhile, as a page's pending fetch does.
      if (events.some((event) => event.startsWith('event: change'))) refreshing = refreshing.then(refresh);
    }
  })().catch((error: Error) => {
    if (error.name !== 'AbortError') throw error;
  });
  return {
    get refreshes() {
      return refreshes;
    },
    async close() {
      abort.abort();
      await listening;
      await refreshing.catch(() => undefined);
    },
  };
}
