import { isIP } from 'node:net';

/**
 * Whether a URL points at this machine: `localhost`, 127.0.0.0/8 or ::1. The local runtime calls only such URLs,
 * so nothing it runs reaches the network.
 */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return isIP(host) === 6 && (host === '::1' || /^(0:){7}1$/.test(host));
}
