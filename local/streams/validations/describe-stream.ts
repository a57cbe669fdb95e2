import { MemberChecks } from './fields';

export interface DescribeStreamInput {
  StreamArn: string;
  ExclusiveStartShardId?: string;
}

/** `Limit` is checked but has nothing to limit: each stream has one shard. */
export function validateDescribeStream(input: Record<string, unknown>): DescribeStreamInput {
  const checks = new MemberChecks(input);
  const StreamArn = checks.requiredString('StreamArn', { minLength: 37, maxLength: 1024 });
  checks.integer('Limit', { min: 1, max: 100 });
  const ExclusiveStartShardId = checks.string('ExclusiveStartShardId', { minLength: 28, maxLength: 65 });
  checks.throwIfViolated();
  return { StreamArn, ExclusiveStartShardId };
}
