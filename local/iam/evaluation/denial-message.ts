import type { RequestContext } from '../context/request-context';
import { principalName } from '../principals';
import type { Decision } from './decision';

type Denial = Extract<Decision, { allowed: false }>;

export interface DenialMessageOptions {
  /** How the service spells the action in its messages; SQS writes `sqs:sendmessage`. */
  actionText?: string;
}

/**
 * AWS's message for a denial: `User: <arn> is not authorized to perform: <action> on resource: <arn> because no
 * identity-based policy allows the <action> action`, or `... with an explicit deny in a resource-based policy`.
 * Actions that name no resource (`*`) leave out the `on resource:` part, as AWS does.
 */
export function denialMessage(request: RequestContext, denial: Denial, options: DenialMessageOptions = {}): string {
  const action = options.actionText ?? request.action;
  const resource = request.resource === '*' ? '' : ` on resource: ${request.resource}`;
  const why =
    denial.reason === 'explicit-deny'
      ? `with an explicit deny in ${denial.policyType === 'identity-based' ? 'an' : 'a'} ${denial.policyType} policy`
      : `because no ${denial.policyType} policy allows the ${action} action`;
  return `User: ${principalName(request.principal)} is not authorized to perform: ${action}${resource} ${why}`;
}
