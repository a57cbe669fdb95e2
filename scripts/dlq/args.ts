import { localEndpointUrl, TargetError } from '../aws-target/local-endpoint';
import { DlqError } from './dlq-error';

export type DlqCommand = { kind: 'list' } | { kind: 'redrive'; name: string } | { kind: 'help' };

export interface DlqArguments {
  command: DlqCommand;
  stage: string;
  region?: string;
  /** Undefined means AWS itself. */
  endpoint?: string;
  /** The endpoint is the local runtime, chosen with --local. */
  local: boolean;
  max: number;
  showPersonalData: boolean;
}

export const USAGE = `Usage: npm run dlq -- <command> [options]

Commands:
  list              show what sits in every dead-letter queue of the stack (and the rejected-users queue):
                    the event or record, the error, the attempts and the path; nothing is consumed
  redrive <name>    send every message of one queue back through its path, deleting each only after it was resent;
                    <name> is a queue name (users-fanout-dev-welcome-email-dlq, or welcome-email-dlq) or a
                    subscriber or pipe name (welcome-email, user-created); "rejected-users" is the rejected-users queue

Options:
  --stage <stage>          the stack's stage (default: dev)
  --local                  the local runtime npm start serves: http://127.0.0.1 on PORT (default: 4566)
  --region <region>        AWS region (default: AWS_REGION or AWS_DEFAULT_REGION, then the SDK's profile chain;
                           us-east-1 locally)
  --endpoint-url <url>     another endpoint (default: AWS_ENDPOINT_URL). Without --local or an endpoint, the
                           command acts on AWS itself, with the default credential chain, and first names
                           the account and region
  --max <n>                list: most messages shown per queue (default: 20)
  --show-personal-data     list: print email addresses as they are (default: masked as ***@domain)
  --help                   show this help

Exit status: 0 when everything was listed or redriven, 1 when a message failed or stayed, 2 for bad usage.`;

const DEFAULT_MAX = 20;

export function parseDlqArguments(argv: readonly string[], env: NodeJS.ProcessEnv): DlqArguments {
  const parsed: DlqArguments = {
    command: { kind: 'help' },
    stage: 'dev',
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
    endpoint: env.AWS_ENDPOINT_URL || undefined,
    local: false,
    max: DEFAULT_MAX,
    showPersonalData: false,
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new DlqError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--stage') parsed.stage = value();
    else if (arg === '--region') parsed.region = value();
    else if (arg === '--endpoint-url') parsed.endpoint = value();
    else if (arg === '--local') parsed.local = true;
    else if (arg === '--max') parsed.max = positiveInteger(value(), '--max');
    else if (arg === '--show-personal-data') parsed.showPersonalData = true;
    else if (arg === '--help' || arg === '-h') return { ...parsed, command: { kind: 'help' } };
    else if (arg.startsWith('-')) throw new DlqError(`Unknown option "${arg}". Run npm run dlq -- --help for the list.`);
    else positional.push(arg);
  }
  parsed.command = command(positional);
  if (parsed.local) {
    if (argv.includes('--endpoint-url')) throw new DlqError('--local and --endpoint-url both name the endpoint: give one');
    parsed.endpoint = localEndpoint(env);
  }
  return parsed;
}

function localEndpoint(env: NodeJS.ProcessEnv): string {
  try {
    return localEndpointUrl(env);
  } catch (error) {
    if (error instanceof TargetError) throw new DlqError(error.message);
    throw error;
  }
}

function command(positional: string[]): DlqCommand {
  const [name, ...rest] = positional;
  if (name === 'list' && rest.length === 0) return { kind: 'list' };
  if (name === 'redrive' && rest.length === 1) return { kind: 'redrive', name: rest[0] };
  if (name === 'redrive') throw new DlqError('redrive needs exactly one queue, subscriber or pipe name; run list to see them');
  if (name === undefined) throw new DlqError('Give a command: list or redrive <name>');
  throw new DlqError(`Unknown command "${positional.join(' ')}"; the commands are list and redrive <name>`);
}

function positiveInteger(raw: string, option: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new DlqError(`${option} must be a positive integer, got "${raw}"`);
  return value;
}
