import { validationErrors } from '../errors';
import { FieldReader } from './fields';
import { MAX_KEY_ID_LENGTH } from '../limits';

export interface DescribeKeyInput {
  keyId: string;
}

export function validateDescribeKey(raw: Record<string, unknown>): DescribeKeyInput {
  const fields = new FieldReader(raw);
  const input = { keyId: fields.string('KeyId', 'keyId', MAX_KEY_ID_LENGTH) };
  fields.grantTokens();
  if (fields.clauses.length > 0) throw validationErrors(fields.clauses);
  return input;
}
