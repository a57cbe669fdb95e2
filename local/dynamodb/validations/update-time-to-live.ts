import { validationError } from '../../protocol/aws-error';
import { describeViolations, mustNotBeNull } from '../../protocol/constraint-violations';

export interface UpdateTimeToLiveInput {
  TableName: string;
  TimeToLiveSpecification: { Enabled: boolean; AttributeName: string };
}

export function validateUpdateTimeToLive(input: Record<string, unknown>): UpdateTimeToLiveInput {
  const tableName = input.TableName;
  const specification = input.TimeToLiveSpecification as { Enabled?: unknown; AttributeName?: unknown } | undefined;
  if (typeof tableName !== 'string') throw validationError(describeViolations([mustNotBeNull('tableName')]));
  if (!specification || typeof specification.Enabled !== 'boolean' || typeof specification.AttributeName !== 'string' || specification.AttributeName === '') {
    throw validationError('TimeToLiveSpecification requires Enabled (boolean) and a non-empty AttributeName');
  }
  return { TableName: tableName, TimeToLiveSpecification: { Enabled: specification.Enabled, AttributeName: specification.AttributeName } };
}
