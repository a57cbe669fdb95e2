import type { LogSink } from '../log-sink';
import type { AccessDenial, AuthorizationCheck, RequestCaller } from '../protocol/authorization';
import type { IamAccount } from './account/iam-account';
import { callerValues, checkValues, TIME_KEYS, timeValues, type RequestFacts } from './context/request-values';
import type { ContextValues, RequestContext } from './context/request-context';
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
      // Built only when a decision is not cached, or a refusal must be explained: the hot path is one key and one lookup.
      let values: ContextValues | undefined;
      const request = (resource: string): RequestContext => ({ principal, action: check.action, resource, values: (values ??= checkValues(base, now, check.context)) });
      const keyValues = this.keyValues(now, check.context);
      let decision = this.decision(check.action, check.resource, request, cachePrefix, keyValues);
      for (const alternative of check.alternatives ?? []) {
        if (decision.allowed) break;
        const allowedElsewhere = this.decision(check.action, alternative, request, cachePrefix, keyValues);
        if (allowedElsewhere.allowed) decision = allowedElsewhere;
      }
      this.options.usage.record(principal.type === 'Service' ? principal.service : principal.arn, check.action, check.resource, decision.allowed);
      if (decision.allowed) continue;
      const denial: AccessDenial = {
        check,
        principal: principalName(principal),
        reason: decision.reason,
        policyType: decision.policyType,
        message: denialMessage(request(check.resource), decision),
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

  private decision(action: string, resource: string, request: (resource: string) => RequestContext, cachePrefix: string, keyValues: string): Decision {
    const key = `${cachePrefix}${action}\u0000${resource}${keyValues}`;
    const known = this.cache.get(key);
    if (known) return known;
    const account = this.options.account;
    const context = request(resource);
    const decision = decide(context, {
      identity: account.identityPolicies(context.principal),
      resource: account.resourcePolicy(resource),
      resourcePolicyRequired: account.requiresResourcePolicy(resource),
    });
    this.cache.set(key, decision);
    return decision;
  }

  /**
   * The part of a decision's cache key that varies by check: the values of the keys some policy tests, among the
   * request's time and the check's own keys. The caller's keys follow from its principal and facts, which the
   * prefix holds; keys no policy tests cannot change a decision.
   */
  private keyValues(now: number, context: AuthorizationCheck['context']): string {
    let key = '';
    const tested = this.options.account.conditionKeys;
    if (tested.size === 0) return key;
    // Formatting the time costs more than the rest of the key, and few policies test it.
    if (TIME_KEYS.some((name) => tested.has(name))) {
      for (const [name, value] of timeValues(now)) if (tested.has(name)) key += `\u0000${name}=${value}`;
    }
    for (const [name, value] of Object.entries(context ?? {})) {
      const lowerName = name.toLowerCase();
      if (tested.has(lowerName)) key += `\u0000${lowerName}=${typeof value === 'string' ? value : value.join('\u0001')}`;
    }
    return key;
  }

  private nameUnknownRole(roleArn: string): void {
    if (this.unknownRolesNamed.has(roleArn)) return;
    this.unknownRolesNamed.add(roleArn);
    this.options.log(`iam: role ${roleArn} is not a role of the template, so its calls cannot be evaluated locally and are let through`);
  }
}
