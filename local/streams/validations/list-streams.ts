import { MemberChecks } from './fields';

export interface ListStreamsInput {
  TableName?: string;
  Limit: number;
  ExclusiveStartStreamArn?: string;
}

export function validateListStreams(input: Record<string, unknown>): ListStreamsInput {
  const checks = new MemberChecks(input);
  const TableName = checks.string('TableName', { minLength: 3, maxLength: 255 });
  const Limit = checks.integer('Limit', { min: 1, max: 100 }) ?? 100;
  const ExclusiveStartStreamArn = checks.string('ExclusiveStartStreamArn', { minLength: 37, maxLength: 1024 });
  checks.throwIfViolated();
  return { TableName, Limit, ExclusiveStartStreamArn };
}
