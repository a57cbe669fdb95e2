import type { CapturedMessage } from './captured-mail';

/** One message as LocalStack's `GET /_aws/ses` lists it. */
export interface LocalStackSesMessage {
  Id: string;
  Region: string;
  Source: string;
  Destination: { ToAddresses: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
  Subject: string;
  Body: { text_part: string | null; html_part: string | null };
  Timestamp: string;
}

export interface SesMessageFilter {
  id?: string;
  /** The sender, as LocalStack's `email` parameter. */
  email?: string;
}

export function localStackMessages(captured: CapturedMessage[], filter: SesMessageFilter): { messages: LocalStackSesMessage[] } {
  return {
    messages: captured
      .filter(({ email }) => (filter.id === undefined || email.messageId === filter.id) && (filter.email === undefined || email.from === filter.email))
      .map(({ email, region }) => ({
        Id: email.messageId,
        Region: region,
        Source: email.from,
        Destination: {
          ToAddresses: email.destination.to,
          ...(email.destination.cc.length > 0 ? { CcAddresses: email.destination.cc } : {}),
          ...(email.destination.bcc.length > 0 ? { BccAddresses: email.destination.bcc } : {}),
        },
        Subject: email.subject,
        Body: { text_part: email.body.text ?? null, html_part: email.body.html ?? null },
        Timestamp: new Date(email.at * 1000).toISOString(),
      })),
  };
}
