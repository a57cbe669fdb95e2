import { validationErrors } from '../errors';
import { MAX_MAC_BYTES } from '../limits';
import type { MacAlgorithm } from '../mac-algorithms';
import { FieldReader, macRequestFields } from './fields';

export interface VerifyMacInput {
  keyId: string;
  message: Buffer;
  mac: Buffer;
  macAlgorithm: MacAlgorithm;
  dryRun: boolean;
}

export function validateVerifyMac(raw: Record<string, unknown>): VerifyMacInput {
  const fields = new FieldReader(raw);
  const input = { ...macRequestFields(fields), mac: fields.blob('Mac', 'mac', MAX_MAC_BYTES), dryRun: fields.dryRun() };
  fields.grantTokens();
  if (fields.clauses.length > 0) throw validationErrors(fields.clauses);
  return input;
}
