import { redactEmailAddresses } from '../shared/redact';

/**
 * SES errors that no retry can fix for this message: the recipient or content was refused. Anything else
 * (throttling, 5xx, network, configuration being fixed) may succeed later, so the message is retried.
 */
const PERMANENT_REJECTIONS = new Set(['MessageRejected', 'InvalidParameterValue']);

export type SendFailure = { permanent: true; reason: string } | { permanent: false };

export function classifySendFailure(error: unknown): SendFailure {
  if (!(error instanceof Error) || !PERMANENT_REJECTIONS.has(error.name)) return { permanent: false };
  return { permanent: true, reason: `${error.name}: ${redactEmailAddresses(error.message)}` };
}
