import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export interface OperatorRoleProps {
  readonly stage: string;
}

/**
 * The role operators assume to run `npm run dlq` on the stage: read and redrive what waits in its dead-letter queues
 * and the rejected-users queue, and compute an address's pseudonym. The keys of those queues name it, and so does
 * the bus policy, which lets it replay records as events. Any principal of the account that its own IAM policy
 * allows `sts:AssumeRole` on this role may assume it; the permissions are granted where the resources are built.
 */
export class OperatorRole extends iam.Role {
  constructor(scope: Construct, id: string, props: OperatorRoleProps) {
    super(scope, id, {
      roleName: `users-fanout-${props.stage}-operator`,
      assumedBy: new iam.AccountRootPrincipal(),
      description: `Operators of users-fanout-${props.stage}: read and redrive dead letters and rejected users (npm run dlq)`,
    });
  }
}

/**
 * The operator role as a grantee whose IAM statements go to a policy of its own, created here. A part of the stack
 * that grants operators access (a subscriber) then owns that access: adding or removing it never rewrites the
 * role's shared policy.
 */
export class OperatorAccess extends Construct implements iam.IGrantable {
  readonly grantPrincipal: iam.IPrincipal;

  constructor(scope: Construct, id: string, role: iam.IRole) {
    super(scope, id);
    this.grantPrincipal = new RoleWithOwnPolicy(role, new iam.Policy(this, 'Policy', { roles: [role] }));
  }
}

/** The role for every purpose but where its statements are written. */
class RoleWithOwnPolicy extends iam.PrincipalBase {
  readonly assumeRoleAction: string;
  readonly principalAccount: string | undefined;

  constructor(
    private readonly role: iam.IRole,
    private readonly policy: iam.Policy,
  ) {
    super();
    this.assumeRoleAction = role.assumeRoleAction;
    this.principalAccount = role.principalAccount;
  }

  get policyFragment(): iam.PrincipalPolicyFragment {
    return this.role.policyFragment;
  }

  override addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.policy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.policy };
  }

  override dedupeString(): string | undefined {
    return undefined;
  }
}
