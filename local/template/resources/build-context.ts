import { AssemblyStack } from '../cloud-assembly';
import { CfnResource } from '../cfn-types';
import { TemplateResolver } from '../intrinsics';
import { PropertyReader } from '../properties';
import { ResourceIdentity } from '../resource-identity';

export interface BuildContext {
  stack: AssemblyStack;
  resolver: TemplateResolver;
  region: string;
  account: string;
  endpoint: string;
  /** Secrets that Secrets Manager dynamic references name, by secret id. */
  secrets: Readonly<Record<string, string>>;
  warn(message: string): void;
}

/** One template resource, its return values, and its properties with intrinsics resolved. */
export interface ResolvedResource {
  logicalId: string;
  resource: CfnResource;
  identity: ResourceIdentity;
  properties: PropertyReader;
}
