import * as path from 'node:path';
import { LOCAL_ACCOUNT } from '../account';
import { parseCommandLine, SWITCH, VALUE } from './command-line';
import { roleCredentials } from '../iam/credentials';
import { leastPrivilegeReport, renderLeastPrivilegeReport } from '../iam/report/least-privilege';
import { readUsageReport } from '../iam/usage-report-file';
import type { LocalModel } from '../model/types';
import { loadLocalModel } from '../template';

export const IAM_USAGE = `Usage: npm run iam -- <command> [options]

Local IAM, as the local runtime (npm start) enforces it.

Commands:
  credentials <role>   print the export line that makes AWS CLI and SDK calls act as a role of the template:
                       <role> is a role's logical id or name, or a function's name (its role, as its sandbox
                       acts); eval "$(npm run -s iam -- credentials <role>)"
  report               list, per principal, the actions its policies grant and the actions the run exercised

Options:
  --session <name>     the session name of credentials (default: the function's name, else local-cli)
  --assembly <dir>     the cloud assembly to read roles from (default: cdk.out)
  --state-dir <dir>    where the running or last runtime keeps its usage (default: .local)
  --json               the report as JSON
  --help               show this help`;

export class IamCliError extends Error {}

export interface IamCliIo {
  cwd: string;
  region: string;
  out(text: string): void;
}

/** `npm run iam -- credentials <role>` and `npm run iam -- report`; returns the exit code. */
export function runIamCli(argv: string[], io: IamCliIo): number {
  const [command, ...rest] = argv;
  const flags = parseFlags(rest);
  if (command === undefined || command === '--help' || flags.help) {
    io.out(`${IAM_USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === 'credentials') {
    const [name] = flags.positional;
    if (name === undefined) throw new IamCliError('credentials needs a role: its logical id or name, or a function\'s name');
    const model = loadLocalModel({ cdkOutDir: path.resolve(io.cwd, flags.assembly ?? 'cdk.out'), endpoint: 'http://127.0.0.1', region: io.region, account: LOCAL_ACCOUNT });
    const { roleArn, sessionName } = findRole(model, name);
    const credentials = roleCredentials(roleArn, flags.session ?? sessionName);
    io.out(`export AWS_ACCESS_KEY_ID=${credentials.accessKeyId} AWS_SECRET_ACCESS_KEY=${credentials.secretAccessKey} AWS_SESSION_TOKEN=${credentials.sessionToken}\n`);
    return 0;
  }
  if (command === 'report') {
    const report = leastPrivilegeReport(readUsageReport(path.resolve(io.cwd, flags.stateDir ?? '.local')));
    io.out(flags.json ? `${JSON.stringify(report, null, 2)}\n` : renderLeastPrivilegeReport(report));
    return 0;
  }
  throw new IamCliError(`Unknown command "${command}": use credentials or report (npm run iam -- --help)`);
}

/** A role by logical id, name or ARN, or the role of a function by its name (a session named after it, as in AWS). */
function findRole(model: LocalModel, name: string): { roleArn: string; sessionName: string } {
  const role = model.iam.roles.find((candidate) => candidate.logicalId === name || candidate.name === name || candidate.arn === name);
  if (role) return { roleArn: role.arn, sessionName: 'local-cli' };
  const fn = model.functions.find((candidate) => candidate.name === name || candidate.logicalId === name);
  if (fn?.roleArn) return { roleArn: fn.roleArn, sessionName: fn.name };
  const known = [...model.iam.roles.map((candidate) => candidate.logicalId), ...model.functions.map((candidate) => candidate.name)];
  throw new IamCliError(`No role or function "${name}" in the template; its roles and functions are: ${known.join(', ')}`);
}

interface Flags {
  positional: string[];
  session?: string;
  assembly?: string;
  stateDir?: string;
  json: boolean;
  help: boolean;
}

function parseFlags(argv: string[]): Flags {
  const { values, positionals } = parseCommandLine(
    {
      args: argv,
      allowPositionals: true,
      options: { session: VALUE, assembly: VALUE, 'state-dir': VALUE, json: SWITCH, help: { ...SWITCH, short: 'h' } },
    },
    (message) => new IamCliError(`${message} (npm run iam -- --help)`),
  );
  return {
    positional: positionals,
    session: values.session,
    assembly: values.assembly,
    stateDir: values['state-dir'],
    json: values.json === true,
    help: values.help === true,
  };
}

if (require.main === module) {
  try {
    const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
    process.exitCode = runIamCli(process.argv.slice(2), { cwd: process.cwd(), region, out: (text) => process.stdout.write(text) });
  } catch (error) {
    process.stderr.write(`npm run iam: ${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}
