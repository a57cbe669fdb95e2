import type { LogSink } from '../log-sink';
import type { AccessDenial, AuthorizationCheck, RequestCaller } from '../protocol/authorization';
import type { IamAccount } from './account/iam-account';
import { callerValues, checkValues, type RequestFacts } from './context/request-values';
import type { RequestContext } from './context/request-context';
import { DecisionCache } from './evaluation/decision-cache';
import { decide, type Decision } from './evaluation/decision';
import { denialMessage } from './evaluation/denial-message';
import { principalName, type Principal } from './principals';
import type { UsageLog } from './usage-log';

/**
 * - `enforce` (the default): a request its caller may not make is refused, as AWS refuses it;
 * - `warn`: it goes through, and one line per principal, action and resource says what AWS would refuse;
 * - `off`: nothing is evaluated or recorded.
 */
export type IamMode = 'enforce' | 'warn' | 'off';

export const IAM_MODES: readonly IamMode[] = ['enforce', 'warn', 'off'];

export interface AuthorizerOptions {
  account: IamAccount;
  mode: IamMode;
  region: string;
  accountId: string;
  /** Epoch ms, for `aws:CurrentTime`. */
  now: () => number;
  usage: UsageLog;
  log: LogSink;
}

/**
 * Evaluates every check of every caller against the account's policies: cached per principal, action, resource
 * and the values of the condition keys the account's policies test; recorded for the report; logged once per
 * principal, action and resource when refused.
 */
export class Authorizer {
  private readonly cache = new DecisionCache();
  /** Roles of no template resource: their calls cannot be evaluated and go through, named once each at first use. */
  private readonly unknownRolesNamed = new Set<string>();

  constructor(private readonly options: AuthorizerOptions) {}

  get mode(): IamMode {
    return this.options.mode;
  }

  /** A caller whose requests are authorized as `principal` makes them, with the request's facts. */
  caller(principal: Principal, facts: RequestFacts = {}): RequestCaller {
    const name = principalName(principal);
    if (this.options.mode === 'off') return { name, authorize: () => undefined };
    const base = callerValues(principal, facts, { region: this.options.region, account: this.options.accountId });
    const cachePrefix = `${name}\u0000${JSON.stringify(facts)}\u0000`;
    return { name, authorize: (checks) => this.authorize(principal, base, cachePrefix, checks) };
  }

  private authorize(principal: Principal, base: ReadonlyMap<string, string[]>, cachePrefix: string, checks: readonly AuthorizationCheck[]): AccessDenial | undefined {
    if (principal.type === 'AssumedRole' && !this.options.account.role(principal.roleArn)) {
      this.nameUnknownRole(principal.roleArn);
      return undefined;
    }
    for (const check of checks) {
      const now = this.options.now();
      const request: RequestContext = { principal, action: check.action, resource: check.resource, values: checkValues(base, now, check.context) };
      let decision = this.decision(request, cachePrefix);
      for (const alternative of check.alternatives ?? []) {
        if (decision.allowed) break;
        const allowedElsewhere = this.decision({ ...request, resource: alternative }, cachePrefix);
        if (allowedElsewhere.allowed) decision = allowedElsewhere;
      }
      this.options.usage.record(request.principal.type === 'Service' ? request.principal.service : request.principal.arn, check.action, check.resource, decision.allowed);
      if (decision.allowed) continue;
      const denial: AccessDenial = {
        check,
        principal: principalName(principal),
        reason: decision.reason,
        policyType: decision.policyType,
        message: denialMessage(request, decision),
        deniedOnKeys: decision.reason === 'explicit-deny' ? decision.statement.conditions.map((condition) => condition.key.toLowerCase()) : [],
      };
      const enforced = this.options.mode === 'enforce';
      if (this.options.usage.recordDenial({ principal: denial.principal, action: check.action, resource: check.resource, message: denial.message, enforced })) {
        this.options.log(enforced ? `iam: refused: ${denial.message}` : `iam (warn mode, allowed): ${denial.message}; in AWS, and in enforce mode, this is refused`);
      }
      if (enforced) return denial;
    }
    return undefined;
  }

  private decision(request: RequestContext, cachePrefix: string): Decision {
    const key = this.cacheKey(request, cachePrefix);
    const known = this.cache.get(key);
    if (known) return known;
    const account = this.options.account;
    const decision = decide(request, {
      identity: account.identityPolicies(request.principal),
      resource: account.resourcePolicy(request.resource),
      resourcePolicyRequired: account.requiresResourcePolicy(request.resource),
    });
    this.cache.set(key, decision);
    return decision;
  }

  /** Only the keys some policy tests can change a decision; the caller's own keys are in the prefix. */
  private cacheKey(request: RequestContext, cachePrefix: string): string {
    let key = `${cachePrefix}${request.action}\u0000${request.resource}`;
    for (const name of this.options.account.conditionKeys) {
      const values = request.values.get(name);
      if (values !== undefined) key += `\u0000${name}=${values.join('\u0001')}`;
    }
    return key;
  }

  private nameUnknownRole(roleArn: string): void {
    if (this.unknownRolesNamed.has(roleArn)) return;
    this.unknownRolesNamed.add(roleArn);
    this.options.log(`iam: role ${roleArn} is not a role of the template, so its calls cannot be evaluated locally and are let through`);
  }
}
