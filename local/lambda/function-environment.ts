import { roleCredentials } from '../iam/credentials';
import { FunctionModel } from '../model/types';

export interface RuntimeScope {
  endpoint: string;
  region: string;
}

/** The log stream Lambda writes a sandbox's logs to, as the function sees it in AWS_LAMBDA_LOG_STREAM_NAME. */
export function logStreamName(fn: FunctionModel): string {
  return `local/[$LATEST]${fn.name}`;
}

/**
 * A sandbox's credentials, as Lambda hands it its execution role's: keys the local endpoint maps to a session of
 * the role named after the function. They are never valid against AWS, so no handler can reach it by mistake. A
 * function without a role (a test's own model) gets keys of no role, which the endpoint treats as the administrator.
 */
function sandboxCredentials(fn: FunctionModel): Record<string, string> {
  if (fn.roleArn === undefined) return { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
  const credentials = roleCredentials(fn.roleArn, fn.name);
  return { AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_SESSION_TOKEN: credentials.sessionToken };
}

/**
 * A function's environment as Lambda builds it, pointed at the local endpoint. Nothing leaks in from the
 * runtime's own process except PATH, so two functions never see each other's variables.
 */
export function functionEnvironment(fn: FunctionModel, scope: RuntimeScope): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySizeMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(fn),
    AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
    LAMBDA_TASK_ROOT: fn.codeDir,
    _HANDLER: fn.handler,
    // The SDK's warning about the host's Node.js version concerns the runtime, not the function (which declares
    // its own runtime); the runtime's process prints it once, instead of every sandbox printing it again.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...fn.environment,
    AWS_REGION: scope.region,
    AWS_DEFAULT_REGION: scope.region,
    AWS_ENDPOINT_URL: scope.endpoint,
    ...sandboxCredentials(fn),
  };
}
