import type { SqsSendInput } from '../../model/ports';
import type { EventEnvelope } from '../types';

export type ExhaustedRetryCondition = 'MaximumRetryAttemptsExhausted' | 'MaximumEventAgeExhausted';

export interface DeliveryFailure {
  /** EventBridge's DLQ error codes, for example RESOURCE_NOT_FOUND or SDK_CLIENT_ERROR. */
  code: string;
  message: string;
  retryable: boolean;
  /** The least wait before the next try, from an API destination's Retry-After header. */
  retryAfterMs?: number;
}

/** The message EventBridge puts on a target's DLQ: the event as body, and why it got there as attributes. */
export function deadLetterMessage(
  event: EventEnvelope,
  ruleArn: string,
  targetArn: string,
  failure: DeliveryFailure,
  retryAttempts: number,
  exhausted: ExhaustedRetryCondition | undefined,
): SqsSendInput {
  const text = (value: string) => ({ DataType: 'String', StringValue: value });
  return {
    body: JSON.stringify(event),
    messageAttributes: {
      RULE_ARN: text(ruleArn),
      TARGET_ARN: text(targetArn),
      ERROR_CODE: text(failure.code),
      ERROR_MESSAGE: text(failure.message || failure.code),
      ...(exhausted ? { EXHAUSTED_RETRY_CONDITION: text(exhausted) } : {}),
      RETRY_ATTEMPTS: text(String(retryAttempts)),
    },
  };
}

/** Classifies what a target threw: a missing resource is not retried, as EventBridge does not retry it either. */
export function classifyFailure(error: unknown): DeliveryFailure {
  const name = error instanceof Error ? error.name : '';
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  const label = `${name} ${typeof code === 'string' ? code : ''}`;
  if (/NotFound|DoesNotExist|NonExistent/i.test(label)) return { code: 'RESOURCE_NOT_FOUND', message, retryable: false };
  if (/Throttl|TooManyRequests/i.test(label)) return { code: 'THROTTLING', message, retryable: true };
  // The target refused the input itself (an SNS message too long, say): a retry would be refused the same way.
  if (/InvalidParameter|ValidationError/i.test(label)) return { code: 'INVALID_PARAMETER', message, retryable: false };
  return { code: 'SDK_CLIENT_ERROR', message, retryable: true };
}
