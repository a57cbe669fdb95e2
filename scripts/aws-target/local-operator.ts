import { LOCAL_ACCOUNT } from '../../local/account';
import { roleCredentials, sessionNameOf, type LocalCredentials } from '../../local/iam/credentials';

/**
 * The operator role of a stage, as `cdk/constructs/operator-role.ts` names it. In AWS, operators assume it to run
 * `npm run dlq` (and may publish users-fanout.users events, for the redrive); a test checks the stack names it so.
 */
export function operatorRoleArn(stage: string, account = LOCAL_ACCOUNT): string {
  return `arn:aws:iam::${account}:role/users-fanout-${stage}-operator`;
}

/**
 * What the project's commands act as against the local runtime (`--local`) when no credentials are configured: the
 * stage's operator role, as operators act in AWS. The local administrator, which any other credentials are, may no
 * more read the encrypted dead-letter queues nor publish users-fanout.users events than an administrator may in AWS.
 */
export function localOperatorCredentials(stage: string, sessionName: string): LocalCredentials {
  return roleCredentials(operatorRoleArn(stage), sessionName);
}

/**
 * The credentials a command uses against the local runtime: the operator role's, unless the environment holds a
 * role's local credentials (exported from `npm run iam -- credentials <role>`), which it then acts as. Any other
 * credentials (`AWS_ACCESS_KEY_ID=local`) would make it the local administrator, which the bus policy and the keys
 * refuse, as an administrator is refused in AWS: undefined means the SDK's own chain, the exported role.
 */
export function localCommandCredentials(env: NodeJS.ProcessEnv, stage: string, sessionName: string): LocalCredentials | undefined {
  if (sessionNameOf(env.AWS_SESSION_TOKEN) !== undefined) return undefined;
  return localOperatorCredentials(stage, sessionName);
}
