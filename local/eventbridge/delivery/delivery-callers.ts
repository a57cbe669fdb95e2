import type { RuleTargetModel } from '../../model/types';
import type { CallerFactory, RequestCaller } from '../../protocol/authorization';
import type { DeliveryFailure } from './dead-letter';

const EVENTS = 'events.amazonaws.com';

/**
 * Who EventBridge is when it delivers for a rule. To a target with a `RoleArn` it assumes that role (the role's trust
 * policy must let events.amazonaws.com in for this rule) and delivers as it; to any other target, and to a DLQ, it
 * acts as itself, with the rule as `aws:SourceArn`, so the target's resource-based policy decides (a queue policy, a
 * Lambda permission).
 */
export class DeliveryCallers {
  constructor(private readonly callers: CallerFactory) {}

  /** The caller of a delivery to `target`, or the failure AWS records when the target's role cannot be assumed. */
  forTarget(ruleArn: string, target: RuleTargetModel): RequestCaller | DeliveryFailure {
    const events = this.forService(ruleArn);
    if (target.roleArn === undefined) return events;
    const denial = events.authorize([{ action: 'sts:AssumeRole', resource: target.roleArn }]);
    if (denial) return { code: 'FAILED_TO_ASSUME_ROLE', message: denial.message, retryable: false };
    return this.callers.forRole(target.roleArn, `events-${target.id}`, { sourceArn: ruleArn, sourceAccount: accountOf(ruleArn) });
  }

  /** EventBridge itself, writing to a rule target's dead-letter queue. */
  forDeadLetter(ruleArn: string): RequestCaller {
    return this.forService(ruleArn);
  }

  private forService(ruleArn: string): RequestCaller {
    return this.callers.forService(EVENTS, { sourceArn: ruleArn, sourceAccount: accountOf(ruleArn) });
  }
}

function accountOf(arn: string): string | undefined {
  return arn.split(':')[4] || undefined;
}
