import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../support/local-defaults';
import type { PutEventsArguments } from './arguments';

/**
 * Region: `--region`, else `AWS_REGION`/`AWS_DEFAULT_REGION`, else the SDK's own chain (profile). Against an endpoint
 * (`--local` or `--endpoint-url`) with no region or credentials configured, the local defaults apply so the command
 * works out of the box.
 */
export function createEventBridgeClient(args: PutEventsArguments, env: NodeJS.ProcessEnv): EventBridgeClient {
  const configuredRegion = args.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (args.endpointUrl === undefined) return new EventBridgeClient({ region: configuredRegion });
  const hasCredentials = Boolean(env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE);
  return new EventBridgeClient({
    region: configuredRegion ?? LOCAL_REGION,
    endpoint: args.endpointUrl,
    ...(hasCredentials ? {} : { credentials: LOCAL_CREDENTIALS }),
  });
}
