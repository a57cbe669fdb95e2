import type { Email } from 'aws-ses-v2-local/dist/store';
import { INSPECTION_PATH, VIEWER_PATH, type LocalStackSesMessage } from '../../local/ses';

/** One captured email, as the runtime's `GET /_aws/ses` lists it. */
export type CapturedMail = LocalStackSesMessage;

/** Every email the local SES captured, from its inspection API. */
export async function capturedMail(endpoint: string): Promise<CapturedMail[]> {
  const response = await fetch(`${endpoint}${INSPECTION_PATH}`);
  if (!response.ok) throw new Error(`GET ${endpoint}${INSPECTION_PATH} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { messages: CapturedMail[] }).messages;
}

export async function mailTo(endpoint: string, address: string): Promise<CapturedMail[]> {
  return (await capturedMail(endpoint)).filter((mail) => mail.Destination.ToAddresses.includes(address));
}

/**
 * The email aws-ses-v2-local stamped in or after the second `sinceSeconds` (epoch), through its own store API behind
 * the mail viewer's path: a poll costs the runtime little however many messages it holds.
 */
export async function mailCapturedSince(endpoint: string, sinceSeconds: number): Promise<Email[]> {
  const url = `${endpoint}${VIEWER_PATH}/store?since=${sinceSeconds}`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { emails: Email[] }).emails;
}
