import type { IncomingMessage } from 'node:http';
import { AwsError } from '../protocol/aws-error';

/** DynamoDB's own cap on a request; no emulated service accepts more. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/** The client closed the connection before its body was complete. */
export class RequestAbortedError extends Error {
  constructor() {
    super('The client closed the connection before the request body was complete');
    this.name = 'RequestAbortedError';
  }
}

/** Reads the whole request body, refusing bodies over the cap before buffering them. */
export function readRequestBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > MAX_REQUEST_BYTES) {
      reject(tooLarge(declared));
      return;
    }
    const chunks: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > MAX_REQUEST_BYTES) {
        request.removeAllListeners('data');
        request.resume();
        reject(tooLarge(length));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length)));
    request.on('aborted', () => reject(new RequestAbortedError()));
    request.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ECONNRESET' || error.message === 'aborted' ? new RequestAbortedError() : error));
  });
}

function tooLarge(bytes: number): AwsError {
  return new AwsError('RequestEntityTooLarge', `Request body of ${bytes} bytes exceeds the ${MAX_REQUEST_BYTES} byte limit`, 413);
}
