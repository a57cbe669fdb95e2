import type { FunctionModel } from '../model/types';
import { CALLER_WITHOUT_IAM, type AccessDenial, type CallerFactory, type RequestCaller } from '../protocol/authorization';
import { logStreamName } from './function-environment';

/**
 * Who a function's work runs as. Its sandbox, its event source mappings and its destinations act as its execution
 * role (a session named after the function, as in AWS); Lambda itself assumes that role, which the role's trust
 * policy must allow, and writes the function's logs with it.
 */
export class FunctionIdentity {
  /** The execution role's session; a function without a role (a test's own model) runs without checks. */
  readonly caller: RequestCaller;
  private readonly lambdaService: RequestCaller;

  constructor(
    private readonly fn: FunctionModel,
    callers: CallerFactory,
  ) {
    const [, partition, , region, account] = fn.arn.split(':');
    this.caller = fn.roleArn === undefined ? CALLER_WITHOUT_IAM : callers.forRole(fn.roleArn, fn.name);
    this.lambdaService = callers.forService('lambda.amazonaws.com', { sourceArn: fn.arn, sourceAccount: account });
    this.logStreamArn = `arn:${partition}:logs:${region}:${account}:log-group:${fn.logGroupName ?? `/aws/lambda/${fn.name}`}:log-stream:${logStreamName(fn)}`;
  }

  private readonly logStreamArn: string;

  /** Lambda assumes the execution role for each invocation; a trust policy that does not let it in fails them all. */
  assumeRole(): AccessDenial | undefined {
    if (this.fn.roleArn === undefined) return undefined;
    return this.lambdaService.authorize([{ action: 'sts:AssumeRole', resource: this.fn.roleArn }]);
  }

  /**
   * Lambda writes an invocation's logs to CloudWatch Logs as the role. Without the permission AWS drops them
   * silently; locally they are still printed, and local IAM names the missing permission once.
   */
  writeLogs(): void {
    this.caller.authorize([
      { action: 'logs:CreateLogStream', resource: this.logStreamArn },
      { action: 'logs:PutLogEvents', resource: this.logStreamArn },
    ]);
  }
}
