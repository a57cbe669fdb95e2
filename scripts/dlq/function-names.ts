import { LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda';
import { DlqError } from './dlq-error';
import type { FunctionRef } from './topology';

const MAX_FUNCTION_NAME_LENGTH = 64;

/**
 * Whether `name` is the function CloudFormation created for `ref`. The template gives functions no name, so
 * CloudFormation names them `<stack>-<logical id>-<random suffix>`, shortening the stack name and logical id to fit
 * 64 characters; the local runtime uses `<stack>-<logical id>` without a suffix.
 */
export function isFunctionOf(name: string, ref: FunctionRef): boolean {
  if (name === `${ref.stackName}-${ref.logicalId}`) return true;
  const generated = /^(.+)-([A-Za-z0-9]+)-[A-Za-z0-9]{8,}$/.exec(name);
  if (!generated) return false;
  const [, stackPart, logicalIdPart] = generated;
  // Only a name at the limit was shortened; any other must carry both parts whole.
  if (name.length < MAX_FUNCTION_NAME_LENGTH) return stackPart === ref.stackName && logicalIdPart === ref.logicalId;
  return ref.stackName.startsWith(stackPart) && ref.logicalId.startsWith(logicalIdPart);
}

/** Finds the stack's functions by name through ListFunctions, once per run. */
export class FunctionNames {
  private names?: Promise<string[]>;

  constructor(private readonly lambda: LambdaClient) {}

  async resolve(ref: FunctionRef): Promise<string> {
    this.names ??= this.listAll();
    const matches = (await this.names).filter((name) => isFunctionOf(name, ref));
    if (matches.length === 1) return matches[0];
    if (matches.length === 0) throw new DlqError(`No deployed function belongs to ${ref.logicalId} of stack ${ref.stackName}; is the stack deployed in this region?`);
    throw new DlqError(`Several functions could be ${ref.logicalId} of stack ${ref.stackName}: ${matches.join(', ')}`);
  }

  private async listAll(): Promise<string[]> {
    const names: string[] = [];
    for await (const page of paginateListFunctions({ client: this.lambda }, {})) {
      for (const fn of page.Functions ?? []) if (fn.FunctionName) names.push(fn.FunctionName);
    }
    return names;
  }
}
