import { operation, type OperationTable } from '../protocol/operations';
import { describeKey } from './actions/describe-key';
import { generateMac } from './actions/generate-mac';
import { verifyMac } from './actions/verify-mac';
import type { KmsState } from './state';
import { validateDescribeKey } from './validations/describe-key';
import { validateGenerateMac } from './validations/generate-mac';
import { validateVerifyMac } from './validations/verify-mac';

/** The KMS operations the runtime serves. Keys come from the template, so none that create or change keys. */
export const KMS_OPERATIONS = {
  GenerateMac: operation(validateGenerateMac, generateMac),
  VerifyMac: operation(validateVerifyMac, verifyMac),
  DescribeKey: operation(validateDescribeKey, describeKey),
} satisfies OperationTable<KmsState>;
