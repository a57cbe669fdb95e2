import { FunctionModel } from '../model/types';

export interface RuntimeScope {
  endpoint: string;
  region: string;
}

/** Credentials the local endpoint accepts; they are never valid against AWS, so no handler can reach it by mistake. */
const LOCAL_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };

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
    AWS_LAMBDA_LOG_STREAM_NAME: `local/[$LATEST]${fn.name}`,
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
    ...LOCAL_CREDENTIALS,
  };
}
