import { randomBytes } from 'node:crypto';

/**
 * The Content-Security-Policy of a page the endpoint serves: scripts only from this endpoint (or an inline one
 * that carries the response's nonce), no plugin, no form to elsewhere, never framed by another page. Inline
 * styles are allowed so that captured email HTML, shown in a sandboxed frame that inherits the policy, renders as
 * written; frames hold no script (sandbox) and may load no remote image (img-src), so an email cannot call home.
 */
export function pagePolicy(nonce?: string): string {
  return [
    "default-src 'none'",
    `script-src 'self'${nonce ? ` 'nonce-${nonce}'` : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "frame-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** A fresh nonce for one response's inline script. */
export function scriptNonce(): string {
  return randomBytes(16).toString('base64');
}
