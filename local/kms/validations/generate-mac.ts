import { validationErrors } from '../errors';
import { FieldReader } from './fields';
import { MAX_KEY_ID_LENGTH, MAX_MESSAGE_BYTES } from '../limits';
import { MAC_ALGORITHMS, type MacAlgorithm } from '../mac-algorithms';

export interface GenerateMacInput {
  keyId: string;
  message: Buffer;
  macAlgorithm: MacAlgorithm;
  dryRun: boolean;
}

export function validateGenerateMac(raw: Record<string, unknown>): GenerateMacInput {
  const fields = new FieldReader(raw);
  const input = {
    message: fields.blob('Message', 'message', MAX_MESSAGE_BYTES),
    keyId: fields.string('KeyId', 'keyId', MAX_KEY_ID_LENGTH),
    macAlgorithm: fields.enumeration('MacAlgorithm', 'macAlgorithm', MAC_ALGORITHMS),
    dryRun: fields.dryRun(),
  };
  fields.grantTokens();
  if (fields.clauses.length > 0) throw validationErrors(fields.clauses);
  return input;
}
