import { receiptHandleIsInvalid } from '../errors';
import { messageIdOfReceiptHandle } from '../receipt-handle';
import { requiredString, type Input } from '../validation';

/** The ReceiptHandle parameter, rejected when it is not a handle this runtime minted. */
export function receiptHandle(input: Input): string {
  const handle = requiredString(input, 'ReceiptHandle');
  if (messageIdOfReceiptHandle(handle) === undefined) throw receiptHandleIsInvalid(handle);
  return handle;
}
