import type { ServerResponse } from 'node:http';
import type { SpanStore } from '../trace';
import type { ReloadLog } from './reload-log';

/** How often open consoles are told that something changed, at most: cheap for the runtime, live for a person. */
const PUSH_INTERVAL_MS = 500;
/** A comment line now and then keeps proxies and the browser from closing an idle stream. */
const KEEP_ALIVE_MS = 15_000;

/**
 * Server-Sent Events to every open console: one `change` event, carrying the tracer's and the reload log's
 * versions, whenever either moved since the last push, so each page refetches only what it shows. Nothing is
 * done per hop: a timer compares two counters while a console is open, and stops when the last one closes.
 */
export class LiveUpdates {
  private readonly clients = new Set<ServerResponse>();
  private timer: NodeJS.Timeout | undefined;
  private lastSent = '';
  private lastKeepAlive = 0;

  constructor(
    private readonly tracer: () => SpanStore,
    private readonly reloads: ReloadLog,
  ) {}

  open(response: ServerResponse): void {
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    response.write(`event: change\ndata: ${this.state()}\n\n`);
    this.clients.add(response);
    response.on('close', () => {
      this.clients.delete(response);
      if (this.clients.size === 0) this.stop();
    });
    this.timer ??= setInterval(() => this.push(), PUSH_INTERVAL_MS);
    this.timer.unref();
  }

  /** Ends every stream, so the endpoint can close. */
  close(): void {
    for (const client of this.clients) client.end();
    this.clients.clear();
    this.stop();
  }

  private state(): string {
    return JSON.stringify({ spans: this.tracer().version, reloads: this.reloads.version });
  }

  private push(): void {
    const state = this.state();
    const now = Date.now();
    if (state !== this.lastSent) {
      this.lastSent = state;
      this.lastKeepAlive = now;
      for (const client of this.clients) client.write(`event: change\ndata: ${state}\n\n`);
    } else if (now - this.lastKeepAlive > KEEP_ALIVE_MS) {
      this.lastKeepAlive = now;
      for (const client of this.clients) client.write(': keep-alive\n\n');
    }
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
