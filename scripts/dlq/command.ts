import * as path from 'node:path';
import { describeAwsTarget } from '../aws-target/caller-identity';
import { endpointDownMessage, isConnectionError } from '../aws-target/connection-error';
import { TargetError } from '../aws-target/local-endpoint';
import { parseDlqArguments, USAGE, type DlqArguments } from './args';
import { DlqError } from './dlq-error';
import { listDeadLetters } from './list';
import { findDeadLetterQueue } from './name-lookup';
import { redriveQueue } from './redrive';
import { openStackAccess, type StackAccess } from './stack-access';
import { loadStackTemplate } from './stack-template';
import { discoverDeadLetterQueues } from './topology';

export interface DlqCommandIo {
  env: NodeJS.ProcessEnv;
  print: (line: string) => void;
  printError: (line: string) => void;
  /** The project whose `cdk.out` names the stack's resources. */
  projectDir: string;
}

/** Runs `npm run dlq -- <argv>`; resolves to the exit status. */
export async function runDlqCommand(argv: readonly string[], io: DlqCommandIo): Promise<number> {
  let endpoint: string | undefined;
  try {
    const args = parseDlqArguments(argv, io.env);
    endpoint = args.endpoint;
    if (args.command.kind === 'help') {
      io.print(USAGE);
      return 0;
    }
    const access = openStackAccess({ endpoint: args.endpoint, region: args.region, stage: args.stage });
    try {
      io.print(await describeTarget(args, access, io.env));
      const template = await loadStackTemplate(io.projectDir, path.join(io.projectDir, 'cdk.out'), args.stage);
      const queues = discoverDeadLetterQueues(template, args.stage);
      if (args.command.kind === 'list') {
        await listDeadLetters(access, queues, { max: args.max, showPersonalData: args.showPersonalData }, io.print);
        return 0;
      }
      const result = await redriveQueue(access, findDeadLetterQueue(queues, args.command.name), io.print);
      return result.failed + result.kept > 0 ? 1 : 0;
    } finally {
      access.close();
    }
  } catch (error) {
    if (error instanceof DlqError) {
      io.printError(`dlq: ${error.message}`);
      return 2;
    }
    if (error instanceof TargetError) {
      io.printError(`dlq: ${error.message}`);
      return 1;
    }
    if (endpoint !== undefined && isConnectionError(error)) {
      io.printError(`dlq: ${endpointDownMessage(endpoint, error)}`);
      return 1;
    }
    io.printError(`dlq: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    return 1;
  }
}

/** The first line of every run: where it acts. For AWS itself, the account and region, asked of STS before anything else. */
async function describeTarget(args: DlqArguments, access: StackAccess, env: NodeJS.ProcessEnv): Promise<string> {
  if (args.endpoint === undefined) return describeAwsTarget(access.clients.sqs.config, env);
  return args.local ? `target: the local runtime at ${args.endpoint}` : `target: the endpoint ${args.endpoint}`;
}
