import { AwsError } from '../protocol/aws-error';

export type QueryParameters = Record<string, string>;

/** Addresses may carry a display name (`Ada <ada@example.com>`); SES refuses one without a local part and a domain. */
const ADDRESS = /^(?:[^<>]*<\s*)?[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+(?:\s*>)?$/;

/** The members of a query-protocol list (`Name.member.1`, `Name.member.2`...), in order. */
export function listMembers(parameters: QueryParameters, name: string): string[] {
  const prefix = `${name}.member.`;
  return Object.keys(parameters)
    .filter((key) => key.startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length)))
    .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)))
    .map((key) => parameters[key]);
}

/** SES v1 SendEmail's own checks, so a bad request gets SES's error rather than the capture library's. */
export function checkSendEmail(parameters: QueryParameters): void {
  requireParameter(parameters, 'Source', 'source');
  requireParameter(parameters, 'Message.Subject.Data', 'message.subject.data');
  if (!parameters['Message.Body.Text.Data'] && !parameters['Message.Body.Html.Data']) {
    throw new AwsError('InvalidParameterValue', 'The message must have a text or an HTML body.');
  }
  const recipients = ['ToAddresses', 'CcAddresses', 'BccAddresses'].flatMap((kind) => listMembers(parameters, `Destination.${kind}`));
  if (recipients.length === 0) throw new AwsError('InvalidParameterValue', 'The message must have at least one recipient.');
  for (const address of [parameters.Source, ...recipients]) {
    if (!ADDRESS.test(address)) throw new AwsError('InvalidParameterValue', 'Illegal address');
  }
}

export function checkSendRawEmail(parameters: QueryParameters): void {
  requireParameter(parameters, 'RawMessage.Data', 'rawMessage.data');
}

function requireParameter(parameters: QueryParameters, name: string, member: string): void {
  if (!parameters[name]) {
    throw new AwsError('ValidationError', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  }
}
