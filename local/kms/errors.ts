import type { AccessDenial } from '../protocol/authorization';
import { AwsError } from '../protocol/aws-error';

/** KMS errors in AWS's wording; all are 400s of the JSON 1.1 protocol, with a bare `__type`. */
const kmsError = (code: string, message: string, statusCode = 400): AwsError => new AwsError(code, message, statusCode);

/** AWS's message for broken shape constraints: one clause per broken field, joined by `; `. */
export function validationErrors(clauses: readonly string[]): AwsError {
  const count = clauses.length === 1 ? '1 validation error' : `${clauses.length} validation errors`;
  return kmsError('ValidationException', `${count} detected: ${clauses.join('; ')}`);
}

export const invalidKeyId = (keyId: string): AwsError => kmsError('NotFoundException', `Invalid keyId '${keyId}'`);

export const keyDoesNotExist = (keyArn: string): AwsError => kmsError('NotFoundException', `Key '${keyArn}' does not exist`);

export const aliasNotFound = (aliasArn: string): AwsError => kmsError('NotFoundException', `Alias ${aliasArn} is not found.`);

export const keyDisabled = (keyArn: string): AwsError => kmsError('DisabledException', `${keyArn} is disabled.`);

export const invalidKeyUsage = (keyArn: string, keyUsage: string, operation: string): AwsError =>
  kmsError('InvalidKeyUsageException', `${keyArn} key usage is ${keyUsage} which is not valid for ${operation}.`);

export const incompatibleMacAlgorithm = (algorithm: string, keySpec: string): AwsError =>
  kmsError('InvalidKeyUsageException', `Algorithm ${algorithm} is incompatible with key spec ${keySpec}.`);

export const invalidMac = (): AwsError =>
  kmsError('KMSInvalidMacException', 'The MAC does not match the message for this key and MAC algorithm.');

export const dryRunSucceeded = (): AwsError =>
  kmsError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.', 412);

export const serialization = (message: string): AwsError => kmsError('SerializationException', message);

export const notServed = (operation: string): AwsError =>
  kmsError('UnknownOperationException', `Operation ${operation} is not served by the local runtime: keys come from the template, which serves GenerateMac, VerifyMac and DescribeKey`);

/** A request the key policy (or the caller's own policies) does not allow: AccessDeniedException, in IAM's wording. */
export const accessDenied = (denial: AccessDenial): AwsError => kmsError('AccessDeniedException', denial.message);
