const EMAIL_ADDRESS = /[^\s<>"'(),;:@]+@([^\s<>"'(),;:@]+\.[^\s<>"'(),;:@]+)/g;
const CONTAINS_EMAIL_ADDRESS = new RegExp(EMAIL_ADDRESS.source);
const EMAIL_KEY = /e-?mail/i;

/**
 * What `list` prints instead of personal data, unless the operator asks for it: an address keeps only its domain,
 * any other value of an email field only its length. Enough to tell records apart and see what kind of
 * problem an address has, without copying addresses into terminals, scrollback and pasted tickets.
 */
export function maskPersonalData(value: unknown, underEmailKey = false): unknown {
  if (typeof value === 'string') {
    if (!underEmailKey) return maskEmailAddresses(value);
    return CONTAINS_EMAIL_ADDRESS.test(value) ? maskEmailAddresses(value) : `<hidden, ${value.length} characters>`;
  }
  if (Array.isArray(value)) return value.map((item) => maskPersonalData(item, underEmailKey));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskPersonalData(item, underEmailKey || EMAIL_KEY.test(key))]));
  }
  return value;
}

export function maskEmailAddresses(text: string): string {
  return text.replace(EMAIL_ADDRESS, (_address, domain: string) => `***@${domain}`);
}
