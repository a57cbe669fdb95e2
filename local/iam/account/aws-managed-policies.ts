import * as fs from 'node:fs';
import * as path from 'node:path';

/** An AWS managed policy as shipped here: its ARN, where its document was copied from, and the document. */
export interface ShippedManagedPolicy {
  arn: string;
  source: string;
  document: unknown;
}

const FOLDER = path.join(__dirname, 'managed-policies');

let shipped: Map<string, ShippedManagedPolicy> | undefined;

/**
 * The AWS managed policies the runtime knows the documents of, by ARN (the partition is ignored, so `aws-cn` ARNs
 * find them too). AWS owns these documents; each file names its source and version. A template that names another
 * one gets a startup warning that names it.
 */
export function awsManagedPolicy(arn: string): ShippedManagedPolicy | undefined {
  shipped ??= new Map(
    fs
      .readdirSync(FOLDER)
      .filter((file) => file.endsWith('.json'))
      .map((file) => JSON.parse(fs.readFileSync(path.join(FOLDER, file), 'utf8')) as ShippedManagedPolicy)
      .map((policy) => [withoutPartition(policy.arn), policy]),
  );
  return shipped.get(withoutPartition(arn));
}

function withoutPartition(arn: string): string {
  return arn.replace(/^arn:[^:]+:/, 'arn::');
}

/** The local administrator's policy: every action on every resource. */
export const ADMINISTRATOR_ACCESS_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
