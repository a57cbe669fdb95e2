import type { AccessDenial } from '../protocol/authorization';
import { AwsError } from '../protocol/aws-error';
import { describeViolations, mustNotBeNull } from '../protocol/constraint-violations';

export const THROTTLED_MESSAGE = 'Maximum sending rate exceeded.';

/** SES v1 (query protocol) refuses a send during an outage with code Throttling, HTTP 400; SDKs retry it. */
export const throttledV1 = (): AwsError => new AwsError('Throttling', THROTTLED_MESSAGE, 400);

/** SES v2 (REST-JSON) refuses it with TooManyRequestsException, HTTP 429. */
export const throttledV2 = (): AwsError => new AwsError('TooManyRequestsException', THROTTLED_MESSAGE, 429);

export const invalidParameterValue = (message: string): AwsError => new AwsError('InvalidParameterValue', message);

/** SES v1's wording for a required member that is missing, in its own `ValidationError` code. */
export const missingMember = (member: string): AwsError => new AwsError('ValidationError', describeViolations([mustNotBeNull(member)]));

export const invalidAction = (action: string | undefined): AwsError =>
  new AwsError('InvalidAction', `The action ${action ?? '(none)'} is not valid for this web service: the local SES captures SendEmail and SendRawEmail.`);

export const bodyNotJson = (): AwsError => new AwsError('BadRequestException', 'Request body is not valid JSON');

export const unknownV2Route = (method: string, path: string): AwsError =>
  new AwsError('UnknownOperationException', `The local SES v2 API has no operation at ${method} ${path}`, 404);

/**
 * SES v1 words a denial its own way, with quotes of a backtick and an apostrophe:
 * ``User `arn:aws:sts::...' is not authorized to perform `ses:SendEmail' on resource `arn:aws:ses:...:identity/...'``.
 */
export const accessDeniedV1 = (denial: AccessDenial): AwsError =>
  new AwsError('AccessDenied', `User \`${denial.principal}' is not authorized to perform \`${denial.check.action}' on resource \`${denial.check.resource}'`, 403);

/** SES v2 (REST-JSON): AccessDeniedException, HTTP 403, in IAM's standard wording. */
export const accessDeniedV2 = (denial: AccessDenial): AwsError => new AwsError('AccessDeniedException', denial.message, 403);
