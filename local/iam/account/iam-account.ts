import type { IamModel, PolicyDocumentModel, RoleModel } from '../../model/types';
import { parsePolicy, PolicyError } from '../policy/parse-policy';
import type { PolicyDocument, Statement } from '../policy/policy-types';
import type { Principal } from '../principals';
import { ADMINISTRATOR_ACCESS_ARN, awsManagedPolicy } from './aws-managed-policies';

export interface IamAccountOptions {
  account: string;
  region: string;
  /** Startup warnings: a policy that cannot be read, an AWS managed policy whose document is not shipped. */
  warn(message: string): void;
}

/** A policy the account holds, with the template resource it came from. */
export interface HeldPolicy {
  readonly document: PolicyDocument;
  readonly logicalId: string;
}

/**
 * The local account's policies, parsed once: each role's identity-based policies, the local administrator's,
 * and each resource's resource-based policy (every statement that names the resource, from however many template
 * resources). A policy that cannot be parsed is left out with a warning naming it and the problem, so nothing it
 * would grant is granted.
 */
export class IamAccount {
  readonly administratorArn: string;
  private readonly identity = new Map<string, HeldPolicy[]>();
  private readonly resources = new Map<string, PolicyDocument>();
  private readonly trust = new Map<string, PolicyDocument>();
  private readonly rolesByArn = new Map<string, RoleModel>();
  /** Every condition key a policy of the account tests, in lower case: what a cached decision can depend on. */
  readonly conditionKeys = new Set<string>();

  constructor(
    readonly model: IamModel,
    private readonly options: IamAccountOptions,
  ) {
    this.administratorArn = `arn:aws:iam::${options.account}:user/local-admin`;
    const administrator = awsManagedPolicy(ADMINISTRATOR_ACCESS_ARN);
    this.identity.set(this.administratorArn, this.parseAll([{ name: 'AdministratorAccess', logicalId: 'local-admin', document: administrator?.document }], 'identity'));
    for (const role of model.roles) {
      this.rolesByArn.set(role.arn, role);
      const managed = role.awsManagedPolicyArns.flatMap((arn): PolicyDocumentModel[] => {
        const policy = awsManagedPolicy(arn);
        if (policy) return [{ name: arn.split('/').pop() as string, logicalId: role.logicalId, document: policy.document }];
        options.warn(`${role.logicalId} (AWS::IAM::Role): AWS managed policy ${arn} is not known to the local runtime; what it grants is not granted locally`);
        return [];
      });
      this.identity.set(role.arn, this.parseAll([...role.policies, ...managed], 'identity'));
      if (role.trustPolicy) {
        const [trust] = this.parseAll([role.trustPolicy], 'resource');
        if (trust) this.trust.set(role.arn, trust.document);
      }
    }
    const byResource = new Map<string, HeldPolicy[]>();
    for (const { resourceArn, policy } of model.resourcePolicies) {
      byResource.set(resourceArn, [...(byResource.get(resourceArn) ?? []), ...this.parseAll([policy], 'resource')]);
    }
    for (const [resourceArn, policies] of byResource) {
      const statements: Statement[] = policies.flatMap((held) => held.document.statements);
      this.resources.set(resourceArn, { name: policies.map((held) => held.document.name).join(' + '), statements });
    }
  }

  /** The role the template defines under this ARN. */
  role(roleArn: string): RoleModel | undefined {
    return this.rolesByArn.get(roleArn);
  }

  /** A caller's identity-based policies; undefined for a service principal, and for a role the template lacks. */
  identityPolicies(principal: Principal): readonly PolicyDocument[] | undefined {
    if (principal.type === 'Service') return undefined;
    const key = principal.type === 'AssumedRole' ? principal.roleArn : principal.arn;
    return this.identity.get(key)?.map((held) => held.document);
  }

  /**
   * The resource-based policy of a resource: a function's covers its qualified ARNs (`:$LATEST`) as well, and a
   * role's is its trust policy, which `sts:AssumeRole` is decided on.
   */
  resourcePolicy(resourceArn: string): PolicyDocument | undefined {
    return this.resources.get(resourceArn) ?? this.trust.get(resourceArn) ?? this.resources.get(withoutFunctionQualifier(resourceArn));
  }

  /** A KMS key: the key policy must allow the use (through the account, IAM policies may; see decision.ts). */
  requiresResourcePolicy(resourceArn: string): boolean {
    return /^arn:[^:]+:kms:/.test(resourceArn);
  }

  private parseAll(policies: readonly PolicyDocumentModel[], kind: 'identity' | 'resource'): HeldPolicy[] {
    return policies.flatMap((policy) => {
      try {
        const document = parsePolicy(policy.document, { name: policy.name, kind });
        for (const statement of document.statements) for (const condition of statement.conditions) this.conditionKeys.add(condition.key.toLowerCase());
        return [{ document, logicalId: policy.logicalId }];
      } catch (error) {
        if (!(error instanceof PolicyError)) throw error;
        this.options.warn(`${policy.logicalId}: ${error.message}; the policy is not applied locally, so nothing it grants is granted`);
        return [];
      }
    });
  }
}

/** `arn:aws:lambda:r:a:function:name:qualifier` without its qualifier. */
function withoutFunctionQualifier(arn: string): string {
  const match = /^(arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+):[^:]+$/.exec(arn);
  return match ? (match[1] as string) : arn;
}
