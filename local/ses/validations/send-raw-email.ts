import { requireParameter, type QueryParameters } from './fields';

export interface SendRawEmailInput {
  /** Every member of the request, which the capture engine reads for itself (the raw message is in `RawMessage.Data`). */
  Parameters: QueryParameters;
}

export function validateSendRawEmail(input: Record<string, unknown>): SendRawEmailInput {
  const parameters = input as QueryParameters;
  requireParameter(parameters, 'RawMessage.Data', 'rawMessage.data');
  return { Parameters: parameters };
}
