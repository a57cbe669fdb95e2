/**
 * What every reader of a DynamoDB stream in the runtime shares (Pipes and Lambda's event source mappings): retries
 * with bisection and record age, and the batch info their failure records carry. It reads streams only through
 * the StreamsPort.
 */
export { InterruptibleSleeps } from './interruptible-sleeps';
export { ReadFailures } from './read-failures';
export { recordCreatedAtMs, streamBatchInfo, type DdbStreamBatchInfo, type StreamFailureCondition } from './batch-info';
export {
  deliverWithRetries,
  type AttemptOutcome,
  type FailedAttempt,
  type RetryBackoff,
  type RetryingDeliveryOptions,
  type StreamRetryPolicy,
} from './retrying-delivery';
