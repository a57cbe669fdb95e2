const EMAIL_ADDRESS = /[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+\.[^\s<>"'(),;:@]+/g;

/** Error messages from mail services quote the recipient; this keeps them loggable. */
export function redactEmailAddresses(text: string): string {
  return text.replace(EMAIL_ADDRESS, '[email redacted]');
}
