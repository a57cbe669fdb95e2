import { html } from 'htm/preact';

export function navigate(hash: string): void {
  window.location.hash = hash;
}

export function link(hash: string, text: unknown, className = ''): unknown {
  return html`<a class=${className} href=${hash}>${text}</a>`;
}

/** An outcome as a coloured badge: a failed hop is red. */
export function outcome(value: string): unknown {
  return html`<span class=${`badge outcome-${value}`}>${value}</span>`;
}

export function time(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(undefined, { hour12: false }) + `.${String(epochMs % 1000).padStart(3, '0')}`;
}

export function duration(ms: number | undefined): string {
  return ms === undefined ? '…' : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** JSON, pretty-printed when it parses. */
export function pretty(text: string | unknown): string {
  if (typeof text !== 'string') return JSON.stringify(text, null, 2);
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function problem(error: string | undefined): unknown {
  return error ? html`<p class="problem" role="alert">${error}</p>` : null;
}

export function loading(): unknown {
  return html`<p class="muted">Loading…</p>`;
}

/** The last part of an ARN: a resource's name. */
export function shortName(arn: string): string {
  return arn.split(/[:/]/).pop() ?? arn;
}
