import type { IamModel, LocalModel } from '../../model/types';
import { partitionOf } from '../arns';
import type { CfnResource } from '../cfn-types';
import type { TemplateResolver } from '../intrinsics';
import { PropertyReader } from '../properties';
import { isPolicyResourceType } from './policy-types';
import { readResourcePolicies } from './resource-policies';
import { attachPolicy, readRole } from './roles';

/** What the IAM readers share: the stack's resources and resolver, its scope, and where warnings go. */
export interface IamPass {
  readonly resolver: TemplateResolver;
  readonly region: string;
  readonly account: string;
  readonly partition: string;
  /** The resource's properties, intrinsics resolved. */
  properties(logicalId: string): PropertyReader;
  warn(message: string): void;
}

export interface IamPassInput {
  resources: Record<string, CfnResource>;
  resolver: TemplateResolver;
  region: string;
  account: string;
  warn(message: string): void;
}

/**
 * Reads the roles and policies of one stack into the model's IAM part, after the stack's other resources are built
 * (a queue policy names its queue by URL, a permission its function). Roles first, so policies can attach to them.
 */
export function loadIamModel(input: IamPassInput, model: LocalModel): void {
  const pass: IamPass = {
    resolver: input.resolver,
    region: input.region,
    account: input.account,
    partition: partitionOf(input.region),
    properties: (logicalId) =>
      new PropertyReader(
        `${logicalId}.Properties`,
        input.resolver.resolve(input.resources[logicalId]?.Properties ?? {}, `${logicalId}.Properties`) as Record<string, unknown>,
      ),
    warn: input.warn,
  };
  const deployed = Object.entries(input.resources).filter(([logicalId, resource]) => isPolicyResourceType(resource.Type) && input.resolver.isDeployed(logicalId));
  const iam: IamModel = model.iam;
  const roles = deployed.filter(([, resource]) => resource.Type === 'AWS::IAM::Role').map(([logicalId]) => readRole(pass, logicalId));
  iam.roles.push(...roles);
  for (const [logicalId, resource] of deployed) {
    if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') attachPolicy(pass, logicalId, resource.Type, iam.roles);
    else if (resource.Type !== 'AWS::IAM::Role') iam.resourcePolicies.push(...readResourcePolicies(pass, logicalId, resource.Type, model));
  }
  linkEncryptionKeys(pass, input.resources, model);
}

/**
 * The customer managed keys queues and archives are encrypted with, by ARN, so the services can check their users'
 * permissions on them. AWS managed keys (`alias/aws/sqs`) need no check: their policies let the account's principals
 * use them through the service. A key the template does not define cannot be checked, and is named in a warning.
 */
function linkEncryptionKeys(pass: IamPass, resources: Record<string, CfnResource>, model: LocalModel): void {
  const keyArnOf = (logicalId: string, reference: string | undefined): string | undefined => {
    if (reference === undefined || reference === '' || /(^|:)alias\/aws\//.test(reference)) return undefined;
    const key =
      model.keys.find((candidate) => candidate.arn === reference || candidate.keyId === reference) ??
      model.keys.find((candidate) => model.aliases.some((alias) => (alias.name === reference || alias.arn === reference) && alias.targetKeyArn === candidate.arn));
    if (!key) pass.warn(`${logicalId}: key ${reference} is not a key of the template, so who may use it cannot be checked locally`);
    return key?.arn;
  };
  const ofThisStack = (logicalId: string, type: string): boolean => resources[logicalId]?.Type === type;
  for (const queue of model.queues.filter((candidate) => ofThisStack(candidate.logicalId, 'AWS::SQS::Queue'))) {
    const keyArn = keyArnOf(queue.logicalId, pass.properties(queue.logicalId).optionalString('KmsMasterKeyId'));
    if (keyArn) queue.kmsKeyArn = keyArn;
  }
  for (const archive of model.archives.filter((candidate) => ofThisStack(candidate.logicalId, 'AWS::Events::Archive'))) {
    const keyArn = keyArnOf(archive.logicalId, pass.properties(archive.logicalId).optionalString('KmsKeyIdentifier'));
    if (keyArn) archive.kmsKeyArn = keyArn;
  }
}
