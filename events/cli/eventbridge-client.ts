import { EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { localCommandCredentials } from '../../scripts/aws-target/local-operator';
import { LOCAL_REGION } from '../../support/local-defaults';
import type { PutEventsArguments } from './arguments';

/**
 * Region: `--region`, else `AWS_REGION`/`AWS_DEFAULT_REGION`, else the SDK's own chain (profile). Against an endpoint
 * (`--local` or `--endpoint-url`), the local region when none is configured, and the operator role of the stage whose
 * bus the entries name, one of the publishers the bus policy lets send users-fanout.users events (the local
 * administrator, which other credentials are, is not, as in AWS), unless a role's local credentials are exported.
 */
export function createEventBridgeClient(args: PutEventsArguments, env: NodeJS.ProcessEnv, entries: readonly PutEventsRequestEntry[]): EventBridgeClient {
  const configuredRegion = args.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (args.endpointUrl === undefined) return new EventBridgeClient({ region: configuredRegion });
  const credentials = localCommandCredentials(env, stageOfBus(args.bus ?? entries[0]?.EventBusName), 'npm-run-put-events');
  return new EventBridgeClient({
    region: configuredRegion ?? LOCAL_REGION,
    endpoint: args.endpointUrl,
    ...(credentials ? { credentials } : {}),
  });
}

/** The stage of a bus named `users-fanout-<stage>` (or its ARN); the default stage for any other name. */
function stageOfBus(bus: string | undefined): string {
  return /(?:^|event-bus\/)users-fanout-([a-z][a-z0-9-]*)$/.exec(bus ?? '')?.[1] ?? 'dev';
}
