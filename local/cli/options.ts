import { IAM_MODES, type IamMode } from '../iam';
import { parseCommandLine, UsageError } from './command-line';
import { FAULT_FLAG_OPTIONS, FAULT_USAGE, FaultSettingError, parseFaultSettings, type FaultSettings } from './faults';

export { UsageError } from './command-line';

/** Command-line options of `npm start`, with the errors a person can act on. */
export interface StartOptions {
  port: number;
  stateDir: string;
  inMemory: boolean;
  reset: boolean;
  stackName?: string;
  /** Rebuild changed functions, and re-synthesize and apply a changed app, while running. */
  watch: boolean;
  /** An already synthesized cloud assembly to run instead of synthesizing the project's app. */
  assembly?: string;
  /** Local IAM: enforce (the default), warn or off. */
  iam: IamMode;
  /** Record every hop for the console's traces (the default); `--no-tracing` turns it off. */
  tracing: boolean;
  /** Values for the template's Secrets Manager references, by secret id (`--secret <id>=<value>`). */
  secrets: Record<string, string>;
  faults: FaultSettings;
  help: boolean;
}

export const USAGE = `Usage: npm start -- [options]

Runs the synthesized CDK app locally on one AWS-compatible endpoint (127.0.0.1 only).

Options:
  --port <n>          port to listen on (default: $PORT or 4566)
  --in-memory         keep no state on disk
  --reset             wipe the state directory before starting
  --state-dir <dir>   where state persists across restarts (default: .local)
  --stack <name>      the stack to run when cdk.out holds several
  --watch             on a change under services/, rebuild the functions it affects; on a change to the CDK app
                      or events/, re-synthesize and apply the new template; tables, messages and mail are kept
  --assembly <dir>    run this synthesized cloud assembly (any CDK app's cdk.out) without synthesizing
  --iam <mode>        local IAM: enforce (default) refuses what AWS would refuse, warn only names it, off
                      checks nothing (or LOCAL_IAM)
  --no-tracing        record no hops: the console shows no traces or counts, and the runtime saves the CPU and
                      memory tracing takes (npm run bench measures how much)
  --secret <id>=<v>   the value of a Secrets Manager secret the template references (an API destination's
                      key, say); repeat for several. Nothing is written to disk
  --help              show this help

Fault injection (all off by default; see docs/fault-injection.md):
${FAULT_USAGE}`;

export function parseStartOptions(argv: string[], env: NodeJS.ProcessEnv): StartOptions {
  const { values } = parseCommandLine({
    args: argv,
    options: {
      port: { type: 'string' },
      'in-memory': { type: 'boolean' },
      reset: { type: 'boolean' },
      'state-dir': { type: 'string' },
      stack: { type: 'string' },
      watch: { type: 'boolean' },
      assembly: { type: 'string' },
      iam: { type: 'string' },
      'no-tracing': { type: 'boolean' },
      secret: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
      ...FAULT_FLAG_OPTIONS,
    },
  });
  const given = values as Record<string, string | boolean | undefined>;
  const faultFlags = Object.keys(FAULT_FLAG_OPTIONS)
    .filter((name) => given[name] !== undefined)
    .map((name): [string, string] => [`--${name}`, given[name] === true ? '1' : String(given[name])]);
  if (values.watch === true && values.assembly !== undefined) {
    // Watch mode re-synthesizes the project's own app; an assembly synthesized elsewhere has nothing here to rebuild.
    throw new UsageError('--watch re-synthesizes this project\'s app on a change, so it cannot run with --assembly');
  }
  try {
    return {
      port: values.port === undefined ? parsePort(env.PORT ?? '4566', 'PORT') : parsePort(values.port, '--port'),
      stateDir: values['state-dir'] ?? '.local',
      inMemory: values['in-memory'] === true,
      reset: values.reset === true,
      stackName: values.stack,
      watch: values.watch === true,
      ...(values.assembly === undefined ? {} : { assembly: values.assembly }),
      iam: parseIamMode(values.iam ?? env.LOCAL_IAM ?? 'enforce', values.iam === undefined ? 'LOCAL_IAM' : '--iam'),
      tracing: values['no-tracing'] !== true,
      secrets: parseSecrets(values.secret ?? []),
      help: values.help === true,
      faults: parseFaultSettings(faultFlags, env),
    };
  } catch (error) {
    if (error instanceof FaultSettingError) throw new UsageError(error.message);
    throw error;
  }
}

/** `--secret <id>=<value>`, repeated; a value is never echoed back in an error, since it is a secret. */
function parseSecrets(given: readonly string[]): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const pair of given) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new UsageError('--secret needs <secret-id>=<value>, for example --secret crm-webhook=abc123');
    secrets[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return secrets;
}

function parsePort(raw: string, source: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`${source} must be a port number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

function parseIamMode(raw: string, source: string): IamMode {
  if ((IAM_MODES as readonly string[]).includes(raw)) return raw as IamMode;
  throw new UsageError(`${source} must be one of ${IAM_MODES.join(', ')}, got "${raw}"`);
}
