import { parseCommandLine, SWITCH, VALUE } from '../../local/cli/command-line';
import { localEndpointUrl } from '../../scripts/aws-target/local-endpoint';
import { CliError } from './cli-error';
import { CONFIRM_REAL_EMAILS_FLAG } from './production-guard';

/** What to send: a file's entries exactly as they are, or a sample made into a new event for each send. */
export type EntriesSource = { kind: 'file'; path: string } | { kind: 'sample'; name: string };

export interface PutEventsArguments {
  entries: EntriesSource;
  bus?: string;
  region?: string;
  /** Undefined means AWS itself, through the SDK's usual region and credential chain. */
  endpointUrl?: string;
  /** The endpoint is the local runtime, chosen with --local. */
  local: boolean;
  /** `--yes-send-real-emails`: UserCreated may go to the production bus. */
  confirmedRealEmails: boolean;
}

export const USAGE =
  'usage: npm run put-events -- <entries.json> | --sample <name> [--local] [--bus NAME] [--region REGION] [--endpoint-url URL] [--yes-send-real-emails]';

/**
 * Flags accept `--flag value` and `--flag=value`. The target is AWS itself unless `--local` (the runtime `npm start`
 * serves on PORT, default 4566), `--endpoint-url` or `AWS_ENDPOINT_URL` names an endpoint.
 */
export function parsePutEventsArguments(argv: readonly string[], env: NodeJS.ProcessEnv): PutEventsArguments {
  const options = { bus: VALUE, region: VALUE, 'endpoint-url': VALUE, sample: VALUE, local: SWITCH, [CONFIRM_REAL_EMAILS_FLAG.slice(2)]: SWITCH };
  const { values, positionals } = parseCommandLine({ args: [...argv], allowPositionals: true, options }, (message) => new CliError(`${message}; ${USAGE}`));
  const given = values as Record<string, string | boolean | undefined>;
  const local = given.local === true;
  const endpointUrlFlag = given['endpoint-url'] as string | undefined;
  if (local && endpointUrlFlag !== undefined) throw new CliError(`--local and --endpoint-url both name the endpoint: give one; ${USAGE}`);
  const endpointUrl = local ? localEndpointUrl(env, (message) => new CliError(message)) : (endpointUrlFlag ?? nonEmpty(env.AWS_ENDPOINT_URL));
  if (endpointUrl !== undefined && !isHttpUrl(endpointUrl)) throw new CliError(`endpoint URL "${endpointUrl}" is not an http(s) URL`);
  return {
    entries: entriesSource(positionals, given.sample as string | undefined),
    bus: given.bus as string | undefined,
    region: given.region as string | undefined,
    endpointUrl,
    local,
    confirmedRealEmails: given[CONFIRM_REAL_EMAILS_FLAG.slice(2)] === true,
  };
}


function entriesSource(positional: readonly string[], sample: string | undefined): EntriesSource {
  if (sample !== undefined) {
    if (positional.length > 0) throw new CliError(`give an entries file or --sample, not both; ${USAGE}`);
    return { kind: 'sample', name: sample };
  }
  if (positional.length !== 1) {
    throw new CliError(`${positional.length === 0 ? 'missing the entries file (or --sample <name>)' : 'expected exactly one entries file'}; ${USAGE}`);
  }
  return { kind: 'file', path: positional[0] };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
