/**
 * Why a call to an API destination failed, in EventBridge's dead-letter terms. EventBridge retries 429s, 5xxs and
 * timeouts (and 401/407 with OAuth, after a token refresh), never another 4xx; a Retry-After header lengthens
 * the wait before the next try, and a negative one ends the retries.
 */
export class ApiDestinationFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    /** From the response's Retry-After header, in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ApiDestinationFailure';
  }
}
