import type { ServerResponse } from 'node:http';
import type { AwsError } from './aws-error';

/** Escapes text for an XML element body or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => XML_ENTITIES[char]);
}

const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

/** The `<ErrorResponse>` document that query-protocol services (SQS, SES v1) send; 4xx codes are `Sender` faults. */
export function queryErrorXml(error: AwsError, requestId: string): string {
  const type = error.statusCode >= 500 ? 'Receiver' : 'Sender';
  return (
    '<?xml version="1.0"?><ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">' +
    `<Error><Type>${type}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message><Detail/></Error>` +
    `<RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`
  );
}

export function sendQueryError(response: ServerResponse, error: AwsError, requestId: string): void {
  const text = queryErrorXml(error, requestId);
  response.writeHead(error.statusCode, {
    'Content-Type': 'text/xml',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId,
  });
  response.end(text);
}
