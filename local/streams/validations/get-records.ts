import { MemberChecks } from './fields';

export interface GetRecordsInput {
  ShardIterator: string;
  Limit: number;
}

export function validateGetRecords(input: Record<string, unknown>): GetRecordsInput {
  const checks = new MemberChecks(input);
  const ShardIterator = checks.requiredString('ShardIterator', { minLength: 1, maxLength: 2048 });
  const Limit = checks.integer('Limit', { min: 1, max: 1000 }) ?? 1000;
  checks.throwIfViolated();
  return { ShardIterator, Limit };
}
