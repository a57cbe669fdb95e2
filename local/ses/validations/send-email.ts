import { invalidParameterValue } from '../errors';
import { checkAddress, listMembers, requireParameter, type QueryParameters } from './fields';

export interface SendEmailInput {
  Source: string;
  Destination: { ToAddresses: string[]; CcAddresses: string[]; BccAddresses: string[] };
  /** Every member of the request, which the capture engine reads for itself. */
  Parameters: QueryParameters;
}

/** SES v1 SendEmail's own checks, so a bad request gets SES's error rather than the capture engine's. */
export function validateSendEmail(input: Record<string, unknown>): SendEmailInput {
  const parameters = input as QueryParameters;
  const Source = requireParameter(parameters, 'Source', 'source');
  requireParameter(parameters, 'Message.Subject.Data', 'message.subject.data');
  if (!parameters['Message.Body.Text.Data'] && !parameters['Message.Body.Html.Data']) {
    throw invalidParameterValue('The message must have a text or an HTML body.');
  }
  const Destination = {
    ToAddresses: listMembers(parameters, 'Destination.ToAddresses'),
    CcAddresses: listMembers(parameters, 'Destination.CcAddresses'),
    BccAddresses: listMembers(parameters, 'Destination.BccAddresses'),
  };
  const recipients = [...Destination.ToAddresses, ...Destination.CcAddresses, ...Destination.BccAddresses];
  if (recipients.length === 0) throw invalidParameterValue('The message must have at least one recipient.');
  for (const address of [Source, ...recipients]) checkAddress(address);
  return { Source, Destination, Parameters: parameters };
}
