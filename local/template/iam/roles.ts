import type { PolicyDocumentModel, RoleModel } from '../../model/types';
import { TemplateError } from '../cfn-types';
import type { IamPass } from './iam-pass';

/** AWS::IAM::Role: its trust policy, its inline `Policies` and the managed policies it names. */
export function readRole(pass: IamPass, logicalId: string): RoleModel {
  const properties = pass.properties(logicalId);
  const identity = pass.resolver.identity(logicalId);
  if (properties.has('PermissionsBoundary')) {
    pass.warn(`${logicalId} (AWS::IAM::Role): PermissionsBoundary is not applied locally; the role may do more locally than in AWS`);
  }
  const policies: PolicyDocumentModel[] = properties.list('Policies').map((policy) => ({
    name: policy.string('PolicyName'),
    logicalId,
    document: policy.values.PolicyDocument,
  }));
  return {
    logicalId,
    name: identity.ref,
    arn: identity.attributes.Arn,
    ...(properties.has('AssumeRolePolicyDocument')
      ? { trustPolicy: { name: `${logicalId} trust policy`, logicalId, document: properties.values.AssumeRolePolicyDocument } }
      : {}),
    policies,
    awsManagedPolicyArns: properties.stringList('ManagedPolicyArns'),
  };
}

/**
 * AWS::IAM::Policy and AWS::IAM::ManagedPolicy: attached to the template's roles by name. Users and groups have no
 * local callers, so a policy attached to them only is named in a warning.
 */
export function attachPolicy(pass: IamPass, logicalId: string, type: string, roles: RoleModel[]): void {
  const properties = pass.properties(logicalId);
  const name = type === 'AWS::IAM::Policy' ? properties.string('PolicyName') : pass.resolver.identity(logicalId).attributes.PolicyArn;
  const document: PolicyDocumentModel = { name, logicalId, document: properties.values.PolicyDocument };
  if (properties.values.PolicyDocument === undefined) throw new TemplateError(`${logicalId} (${type}): PolicyDocument is required`);
  for (const roleName of properties.stringList('Roles')) {
    const role = roles.find((candidate) => candidate.name === roleName || candidate.arn === roleName);
    if (role) role.policies.push(document);
    else pass.warn(`${logicalId} (${type}): role ${roleName} is not a role of the template; the policy is not applied to it locally`);
  }
  if (properties.has('Users') || properties.has('Groups')) {
    pass.warn(`${logicalId} (${type}): attached to IAM users or groups, which never call the local runtime; only its roles get it`);
  }
  if (type === 'AWS::IAM::ManagedPolicy') {
    // A role may name the template's own managed policy by ARN instead of the policy naming the role.
    for (const role of roles) {
      const index = role.awsManagedPolicyArns.indexOf(name);
      if (index === -1) continue;
      role.awsManagedPolicyArns.splice(index, 1);
      if (!role.policies.includes(document)) role.policies.push(document);
    }
  }
}
