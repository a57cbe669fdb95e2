import { CliError } from './cli-error';

export interface PutEventsArguments {
  file: string;
  bus?: string;
  region?: string;
  endpointUrl?: string;
}

export const USAGE = 'usage: npm run put-events -- <entries.json> [--bus NAME] [--region REGION] [--endpoint-url URL]';

const VALUE_FLAGS = { '--bus': 'bus', '--region': 'region', '--endpoint-url': 'endpointUrl' } as const;
type ValueFlag = keyof typeof VALUE_FLAGS;

/** Flags accept `--flag value` and `--flag=value`; `AWS_ENDPOINT_URL` applies when `--endpoint-url` is absent. */
export function parsePutEventsArguments(argv: readonly string[], env: NodeJS.ProcessEnv): PutEventsArguments {
  const values: Partial<Record<(typeof VALUE_FLAGS)[ValueFlag], string>> = {};
  const positional: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (!argument.startsWith('--')) {
      positional.push(argument);
      continue;
    }
    const [flag, inlineValue] = splitFlag(argument);
    if (!isValueFlag(flag)) throw new CliError(`unknown option ${flag}; ${USAGE}`);
    const value = inlineValue ?? argv[++index];
    if (value === undefined || value === '' || value.startsWith('--')) throw new CliError(`option ${flag} needs a value; ${USAGE}`);
    values[VALUE_FLAGS[flag]] = value;
  }
  if (positional.length !== 1) {
    throw new CliError(`${positional.length === 0 ? 'missing the entries file' : 'expected exactly one entries file'}; ${USAGE}`);
  }
  const endpointUrl = values.endpointUrl ?? nonEmpty(env.AWS_ENDPOINT_URL);
  if (endpointUrl !== undefined && !isHttpUrl(endpointUrl)) throw new CliError(`endpoint URL "${endpointUrl}" is not an http(s) URL`);
  return { file: positional[0], bus: values.bus, region: values.region, endpointUrl };
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
