import type { RuleModel, RuleTargetModel } from '../model/types';
import type { Page } from './validations/fields';

export function ruleView(rule: RuleModel): Record<string, unknown> {
  return {
    Name: rule.name,
    Arn: rule.arn,
    ...(rule.eventPattern !== undefined && rule.eventPattern !== null ? { EventPattern: patternText(rule.eventPattern) } : {}),
    ...(rule.scheduleExpression !== undefined ? { ScheduleExpression: rule.scheduleExpression } : {}),
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
    ...(target.inputTransformer !== undefined
      ? { InputTransformer: { InputPathsMap: target.inputTransformer.inputPathsMap, InputTemplate: target.inputTransformer.inputTemplate } }
      : {}),
    ...(target.httpParameters !== undefined
      ? {
          HttpParameters: {
            HeaderParameters: target.httpParameters.headers,
            PathParameterValues: target.httpParameters.pathParameterValues,
            QueryStringParameters: target.httpParameters.queryString,
          },
        }
      : {}),
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

/** A page of `items`, and the NextToken of the next one when there is more. */
export function paginate<T>(items: T[], page: Page): { page: T[]; nextToken?: string } {
  const end = page.Limit === undefined ? items.length : page.start + page.Limit;
  return { page: items.slice(page.start, end), ...(end < items.length ? { nextToken: Buffer.from(String(end)).toString('base64') } : {}) };
}
