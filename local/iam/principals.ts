/**
 * Who makes a request. Every local caller is one of these: a role session (a function's sandbox, a pipe, a person
 * acting as a role), an IAM user (the local administrator), or an AWS service acting for itself (EventBridge
 * delivering to a queue).
 */
export type Principal = RoleSession | IamUser | ServicePrincipal;

export interface RoleSession {
  readonly type: 'AssumedRole';
  /** `arn:aws:sts::<account>:assumed-role/<RoleName>/<SessionName>`, what denials name. */
  readonly arn: string;
  /** `arn:aws:iam::<account>:role/<path><RoleName>`, what `aws:PrincipalArn` and policies' Principal name. */
  readonly roleArn: string;
  readonly roleName: string;
  readonly sessionName: string;
  readonly account: string;
}

export interface IamUser {
  readonly type: 'User';
  readonly arn: string;
  readonly userName: string;
  readonly account: string;
}

export interface ServicePrincipal {
  readonly type: 'Service';
  /** For example `events.amazonaws.com`. */
  readonly service: string;
}

/** The partition of an IAM or STS ARN, `aws` unless it says otherwise. */
function partitionOf(arn: string): string {
  return arn.split(':')[1] || 'aws';
}

/** A session of `roleArn` named `sessionName`, as STS names it: the role's path is left out of the session ARN. */
export function roleSession(roleArn: string, sessionName: string): RoleSession {
  const match = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  if (!match) throw new Error(`Not an IAM role ARN: ${roleArn}`);
  const [, partition, account, roleName] = match;
  return {
    type: 'AssumedRole',
    arn: `arn:${partition}:sts::${account}:assumed-role/${roleName}/${sessionName}`,
    roleArn,
    roleName,
    sessionName,
    account,
  };
}

export function iamUser(userArn: string): IamUser {
  const match = /^arn:[^:]+:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(userArn);
  if (!match) throw new Error(`Not an IAM user ARN: ${userArn}`);
  return { type: 'User', arn: userArn, userName: match[2], account: match[1] };
}

export function servicePrincipal(service: string): ServicePrincipal {
  return { type: 'Service', service };
}

/** What a denial message calls the caller: its ARN, or a service's name. */
export function principalName(principal: Principal): string {
  return principal.type === 'Service' ? principal.service : principal.arn;
}

/** The ARN that `aws:PrincipalArn` reports: a session reports its role. Services have none. */
export function principalArnKey(principal: Principal): string | undefined {
  if (principal.type === 'Service') return undefined;
  return principal.type === 'AssumedRole' ? principal.roleArn : principal.arn;
}

/** The account root ARN of an IAM principal, as resource policies name an account. */
export function accountRootArn(principal: RoleSession | IamUser): string {
  return `arn:${partitionOf(principal.arn)}:iam::${principal.account}:root`;
}
