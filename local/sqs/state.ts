import type { SqsEngine } from './engine';

/** What the SQS actions work on. */
export interface SqsState {
  /** Every queue of the runtime and what happens between them. */
  engine: SqsEngine;
  /** The endpoint queue URLs are built on when a request does not say how its client reached the endpoint. */
  endpoint: string;
}
