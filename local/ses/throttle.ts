import type { ServerResponse } from 'node:http';
import { AwsError } from '../protocol/aws-error';
import { sendQueryError } from '../protocol/query-protocol';

export interface SesFaults {
  /** Epoch ms until which every send is refused as throttled. */
  throttleUntil?: number;
}

export const THROTTLED_MESSAGE = 'Maximum sending rate exceeded.';

/** The SES-outage fault: while it lasts, sends get SES's throttling error, which SDKs treat as retryable. */
export class Throttle {
  private until: number;

  constructor(faults: SesFaults, private readonly clock: () => number) {
    this.until = faults.throttleUntil ?? 0;
  }

  throttleFor(ms: number): void {
    this.until = this.clock() + ms;
  }

  get active(): boolean {
    return this.clock() < this.until;
  }
}

/** SES v1 (query protocol): `<ErrorResponse>` with code Throttling, HTTP 400. */
export function sendV1Throttled(response: ServerResponse): void {
  sendQueryError(response, new AwsError('Throttling', THROTTLED_MESSAGE, 400), requestIdOf(response));
}

/** SES v2 (REST-JSON): TooManyRequestsException, HTTP 429. */
export function sendV2Throttled(response: ServerResponse): void {
  const text = JSON.stringify({ message: THROTTLED_MESSAGE });
  response.writeHead(429, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-ErrorType': 'TooManyRequestsException',
  });
  response.end(text);
}

export function requestIdOf(response: ServerResponse): string {
  const header = response.getHeader('x-amzn-RequestId');
  return typeof header === 'string' ? header : 'local';
}
