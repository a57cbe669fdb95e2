import { FAULT_USAGE, faultFlagTakesValue, FaultSettingError, isFaultFlag, parseFaultSettings, type FaultSettings } from './faults';

/** Command-line options of `npm start`, with the errors a person can act on. */
export interface StartOptions {
  port: number;
  stateDir: string;
  inMemory: boolean;
  reset: boolean;
  stackName?: string;
  /** Rebuild changed functions, and re-synthesize and apply a changed app, while running. */
  watch: boolean;
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
  --help              show this help

Fault injection (all off by default; see docs/fault-injection.md):
${FAULT_USAGE}`;

export class UsageError extends Error {}

export function parseStartOptions(argv: string[], env: NodeJS.ProcessEnv): StartOptions {
  const options: Omit<StartOptions, 'faults'> = {
    port: parsePort(env.PORT ?? '4566', 'PORT'),
    stateDir: '.local',
    inMemory: false,
    reset: false,
    watch: false,
    help: false,
  };
  const faultFlags: Array<[string, string]> = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '--port':
        options.port = parsePort(value(), '--port');
        break;
      case '--in-memory':
        options.inMemory = true;
        break;
      case '--reset':
        options.reset = true;
        break;
      case '--state-dir':
        options.stateDir = value();
        break;
      case '--stack':
        options.stackName = value();
        break;
      case '--watch':
        options.watch = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        if (!isFaultFlag(arg)) throw new UsageError(`Unknown option "${arg}". Run npm start -- --help for the list.`);
        faultFlags.push([arg, faultFlagTakesValue(arg) ? value() : '1']);
    }
  }
  try {
    return { ...options, faults: parseFaultSettings(faultFlags, env) };
  } catch (error) {
    if (error instanceof FaultSettingError) throw new UsageError(error.message);
    throw error;
  }
}

function parsePort(raw: string, source: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`${source} must be a port number from 0 to 65535, got "${raw}"`);
  }
  return port;
}
