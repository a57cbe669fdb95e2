import { parseCommandLine, SWITCH, VALUE, wholeNumber } from '../../local/cli/command-line';
import { localEndpointUrl } from '../aws-target/local-endpoint';
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
  const refuse = (message: string) => new DlqError(message);
  const options = { stage: VALUE, region: VALUE, 'endpoint-url': VALUE, max: VALUE, local: SWITCH, 'show-personal-data': SWITCH, help: { ...SWITCH, short: 'h' } };
  const { values, positionals } = parseCommandLine({ args: [...argv], allowPositionals: true, options }, refuse);
  const local = values.local === true;
  if (local && values['endpoint-url'] !== undefined) throw new DlqError('--local and --endpoint-url both name the endpoint: give one');
  return {
    command: values.help ? { kind: 'help' } : command(positionals),
    stage: values.stage ?? 'dev',
    region: values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
    endpoint: local ? localEndpointUrl(env, refuse) : (values['endpoint-url'] ?? (env.AWS_ENDPOINT_URL || undefined)),
    local,
    max: values.max === undefined ? DEFAULT_MAX : wholeNumber(values.max, '--max', 1, refuse),
    showPersonalData: values['show-personal-data'] === true,
  };
}


function command(positional: string[]): DlqCommand {
  const [name, ...rest] = positional;
  if (name === 'list' && rest.length === 0) return { kind: 'list' };
  if (name === 'redrive' && rest.length === 1) return { kind: 'redrive', name: rest[0] };
  if (name === 'redrive') throw new DlqError('redrive needs exactly one queue, subscriber or pipe name; run list to see them');
  if (name === undefined) throw new DlqError('Give a command: list or redrive <name>');
  throw new DlqError(`Unknown command "${positional.join(' ')}"; the commands are list and redrive <name>`);
}
