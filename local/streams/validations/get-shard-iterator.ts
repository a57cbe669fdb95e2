import { validationError } from '../../protocol/aws-error';
import { MemberChecks } from './fields';

const ITERATOR_TYPES = ['TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'] as const;
export type ShardIteratorType = (typeof ITERATOR_TYPES)[number];

export type GetShardIteratorInput = { StreamArn: string; ShardId: string } & (
  | { ShardIteratorType: 'TRIM_HORIZON' | 'LATEST' }
  | { ShardIteratorType: 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER'; SequenceNumber: string }
);

export function validateGetShardIterator(input: Record<string, unknown>): GetShardIteratorInput {
  const checks = new MemberChecks(input);
  const StreamArn = checks.requiredString('StreamArn', { minLength: 37, maxLength: 1024 });
  const ShardId = checks.requiredString('ShardId', { minLength: 28, maxLength: 65 });
  const ShardIteratorType = checks.requiredString('ShardIteratorType', { enum: ITERATOR_TYPES }) as ShardIteratorType;
  const SequenceNumber = checks.string('SequenceNumber', { minLength: 21, maxLength: 40 });
  checks.throwIfViolated();
  if (ShardIteratorType === 'TRIM_HORIZON' || ShardIteratorType === 'LATEST') return { StreamArn, ShardId, ShardIteratorType };
  if (SequenceNumber === undefined) {
    throw validationError(`Must specify a SequenceNumber when using the ${ShardIteratorType} ShardIteratorType`);
  }
  return { StreamArn, ShardId, ShardIteratorType, SequenceNumber };
}
