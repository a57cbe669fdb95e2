import type { OperationTable } from '../protocol/dispatch';
import { describeKey } from './actions/describe-key';
import { generateMac } from './actions/generate-mac';
import { verifyMac } from './actions/verify-mac';
import type { KmsState } from './state';
import { validateDescribeKey } from './validations/describe-key';
import { validateGenerateMac } from './validations/generate-mac';
import { validateVerifyMac } from './validations/verify-mac';

/** The KMS operations the runtime serves. Keys come from the template, so none that create or change keys. */
export const KMS_OPERATIONS: OperationTable<KmsState> = {
  GenerateMac: { validate: validateGenerateMac, run: generateMac },
  VerifyMac: { validate: validateVerifyMac, run: verifyMac },
  DescribeKey: { validate: validateDescribeKey, run: describeKey },
};
