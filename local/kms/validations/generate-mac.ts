import { validationErrors } from '../errors';
import type { MacAlgorithm } from '../mac-algorithms';
import { FieldReader, macRequestFields } from './fields';

export interface GenerateMacInput {
  keyId: string;
  message: Buffer;
  macAlgorithm: MacAlgorithm;
  dryRun: boolean;
}

export function validateGenerateMac(raw: Record<string, unknown>): GenerateMacInput {
  const fields = new FieldReader(raw);
  const input = { ...macRequestFields(fields), dryRun: fields.dryRun() };
  fields.grantTokens();
  if (fields.clauses.length > 0) throw validationErrors(fields.clauses);
  return input;
}
