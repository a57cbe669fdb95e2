import type { AuthorizationCheck, RequiredPermission } from '../protocol/authorization';

/** What SQS asks of KMS for a queue under a customer managed key, on the caller's behalf. */
export const SEND_KEY_PERMISSIONS: readonly RequiredPermission[] = [
  { action: 'kms:GenerateDataKey', resourceType: 'key' },
  { action: 'kms:Decrypt', resourceType: 'key' },
];
export const RECEIVE_KEY_PERMISSIONS: readonly RequiredPermission[] = [{ action: 'kms:Decrypt', resourceType: 'key' }];

/**
 * The key checks of one call to an encrypted queue. SQS calls KMS for its caller, so the request carries
 * `kms:ViaService` (`sqs.<region>.amazonaws.com`), the `aws:CalledVia` keys, and SQS's encryption context
 * (`aws:sqs:arn`); key policies that name users "through SQS only" test these. A sender needs a data key and its
 * decryption, a receiver the decryption, as AWS's SQS key-management guide says.
 */
export function keyChecks(queueArn: string, keyArn: string | undefined, permissions: readonly RequiredPermission[]): AuthorizationCheck[] {
  if (keyArn === undefined) return [];
  const region = queueArn.split(':')[3];
  const context = {
    'kms:ViaService': `sqs.${region}.amazonaws.com`,
    'aws:ViaAWSService': 'true',
    'aws:CalledVia': ['sqs.amazonaws.com'],
    'aws:CalledViaFirst': 'sqs.amazonaws.com',
    'aws:CalledViaLast': 'sqs.amazonaws.com',
    'kms:EncryptionContext:aws:sqs:arn': queueArn,
    'kms:EncryptionContextKeys': ['aws:sqs:arn'],
  };
  return permissions.map(({ action }) => ({ action, resource: keyArn, context }));
}
