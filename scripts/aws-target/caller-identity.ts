import { GetCallerIdentityCommand, STSClient, type STSClientResolvedConfig } from '@aws-sdk/client-sts';
import { isConnectionError } from './connection-error';
import { localEndpointUrl, TargetError } from './local-endpoint';

/** The part of any SDK v3 client's resolved configuration that says where its calls go, and as whom. */
export type ResolvedClientConfig = Pick<STSClientResolvedConfig, 'region' | 'credentials'>;

/**
 * Who and where a command is about to act in AWS itself: one line naming the account, the caller and the region,
 * asked of STS with the very region and credentials the command's client resolved. When AWS cannot be used
 * (no credentials, no region, no network, credentials refused), it throws a TargetError whose one line says why and
 * how to target the local runtime instead.
 */
export async function describeAwsTarget(config: ResolvedClientConfig, env: NodeJS.ProcessEnv): Promise<string> {
  const sts = new STSClient({ region: config.region, credentials: config.credentials });
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    return `target: AWS account ${identity.Account}, region ${await config.region()} (as ${identity.Arn})`;
  } catch (error) {
    throw new TargetError(`${whyAwsIsUnusable(error)}. To use the local runtime instead, add --local (npm start serves ${localRuntimeAt(env)})`);
  } finally {
    sts.destroy();
  }
}

/** Where --local would go; a PORT that is not a port is refused when --local is given, not in this hint. */
function localRuntimeAt(env: NodeJS.ProcessEnv): string {
  try {
    return localEndpointUrl(env);
  } catch {
    return 'http://127.0.0.1 on PORT';
  }
}

function whyAwsIsUnusable(error: unknown): string {
  const { name, message } = error instanceof Error ? error : new Error(String(error));
  if (isConnectionError(error)) return `cannot reach AWS (${message})`;
  if (name === 'CredentialsProviderError') return `no AWS credentials are configured (${message})`;
  if (message === 'Region is missing') return 'no AWS region is configured (set AWS_REGION or pass --region)';
  return `AWS refused the caller (${name}: ${message})`;
}
