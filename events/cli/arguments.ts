import { localEndpointUrl, TargetError } from '../../scripts/aws-target/local-endpoint';
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

const VALUE_FLAGS = { '--bus': 'bus', '--region': 'region', '--endpoint-url': 'endpointUrl', '--sample': 'sample' } as const;
type ValueFlag = keyof typeof VALUE_FLAGS;

/**
 * Flags accept `--flag value` and `--flag=value`. The target is AWS itself unless `--local` (the runtime `npm start`
 * serves on PORT, default 4566), `--endpoint-url` or `AWS_ENDPOINT_URL` names an endpoint.
 */
export function parsePutEventsArguments(argv: readonly string[], env: NodeJS.ProcessEnv): PutEventsArguments {
  const values: Partial<Record<(typeof VALUE_FLAGS)[ValueFlag], string>> = {};
  const positional: string[] = [];
  let local = false;
  let confirmedRealEmails = false;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (!argument.startsWith('--')) {
      positional.push(argument);
      continue;
    }
    if (argument === '--local') {
      local = true;
      continue;
    }
    if (argument === CONFIRM_REAL_EMAILS_FLAG) {
      confirmedRealEmails = true;
      continue;
    }
    const [flag, inlineValue] = splitFlag(argument);
    if (!isValueFlag(flag)) throw new CliError(`unknown option ${flag}; ${USAGE}`);
    const value = inlineValue ?? argv[++index];
    if (value === undefined || value === '' || value.startsWith('--')) throw new CliError(`option ${flag} needs a value; ${USAGE}`);
    values[VALUE_FLAGS[flag]] = value;
  }
  if (local && values.endpointUrl !== undefined) throw new CliError(`--local and --endpoint-url both name the endpoint: give one; ${USAGE}`);
  const endpointUrl = local ? localEndpoint(env) : (values.endpointUrl ?? nonEmpty(env.AWS_ENDPOINT_URL));
  if (endpointUrl !== undefined && !isHttpUrl(endpointUrl)) throw new CliError(`endpoint URL "${endpointUrl}" is not an http(s) URL`);
  return { entries: entriesSource(positional, values.sample), bus: values.bus, region: values.region, endpointUrl, local, confirmedRealEmails };
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

function localEndpoint(env: NodeJS.ProcessEnv): string {
  try {
    return localEndpointUrl(env);
  } catch (error) {
    if (error instanceof TargetError) throw new CliError(error.message);
    throw error;
  }
}

function splitFlag(argument: string): [string, string | undefined] {
  const equals = argument.indexOf('=');
  return equals === -1 ? [argument, undefined] : [argument.slice(0, equals), argument.slice(equals + 1)];
}

function isValueFlag(flag: string): flag is ValueFlag {
  return Object.hasOwn(VALUE_FLAGS, flag);
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
