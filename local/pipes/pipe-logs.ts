import type { PipeModel } from '../model/types';
import type { RequestCaller } from '../protocol/authorization';

/**
 * A pipe that logs to CloudWatch Logs writes a record of each failed execution at the ERROR level (and at INFO and
 * TRACE), as its role. Without the permission AWS loses the record; locally the failure is still printed, and
 * local IAM names the missing permission once.
 */
export function pipeExecutionLogger(pipe: PipeModel, caller: RequestCaller): (reason: string) => void {
  const logs = pipe.logs;
  if (logs === undefined || logs.level === 'OFF') return () => undefined;
  const stream = `${logs.logGroupArn.replace(/:\*$/, '')}:log-stream:${pipe.name}-executions`;
  return () => {
    caller.authorize([
      { action: 'logs:CreateLogStream', resource: stream },
      { action: 'logs:PutLogEvents', resource: stream },
    ]);
  };
}
