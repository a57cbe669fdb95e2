import type { RuleModel, RuleTargetModel } from '../model/types';
import { invalidParameter } from './input';

export function ruleView(rule: RuleModel): Record<string, unknown> {
  return {
    Name: rule.name,
    Arn: rule.arn,
    ...(rule.eventPattern !== undefined && rule.eventPattern !== null ? { EventPattern: patternText(rule.eventPattern) } : {}),
    State: rule.state,
    ...(rule.description !== undefined ? { Description: rule.description } : {}),
    EventBusName: rule.busName,
  };
}

export function targetView(target: RuleTargetModel): Record<string, unknown> {
  return {
    Id: target.id,
    Arn: target.arn,
    ...(target.input !== undefined ? { Input: target.input } : {}),
    ...(target.inputPath !== undefined ? { InputPath: target.inputPath } : {}),
    RetryPolicy: {
      MaximumRetryAttempts: target.retryPolicy.maximumRetryAttempts,
      MaximumEventAgeInSeconds: target.retryPolicy.maximumEventAgeSeconds,
    },
    ...(target.deadLetterArn !== undefined ? { DeadLetterConfig: { Arn: target.deadLetterArn } } : {}),
  };
}

export function patternText(pattern: unknown): string {
  return typeof pattern === 'string' ? pattern : JSON.stringify(pattern);
}

/** A page of `items` per the request's Limit and NextToken (an opaque offset). */
export function paginate<T>(items: T[], input: Record<string, unknown>): { page: T[]; nextToken?: string } {
  const limit = input.Limit;
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100)) {
    throw invalidParameter('Limit', 'Limit must be between 1 and 100.');
  }
  const token = input.NextToken;
  const start = token === undefined || token === null ? 0 : Number(Buffer.from(String(token), 'base64').toString('utf8'));
  if (!Number.isInteger(start) || start < 0) throw invalidParameter('NextToken', 'The NextToken is not valid.');
  const end = limit === undefined ? items.length : start + (limit as number);
  return { page: items.slice(start, end), ...(end < items.length ? { nextToken: Buffer.from(String(end)).toString('base64') } : {}) };
}
