import * as path from 'node:path';
import { parseDlqArguments, USAGE } from './args';
import { DlqError } from './dlq-error';
import { listDeadLetters } from './list';
import { findDeadLetterQueue } from './name-lookup';
import { redriveQueue } from './redrive';
import { openStackAccess } from './stack-access';
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
    const template = await loadStackTemplate(io.projectDir, path.join(io.projectDir, 'cdk.out'), args.stage);
    const queues = discoverDeadLetterQueues(template, args.stage);
    const access = openStackAccess({ endpoint: args.endpoint, region: args.region });
    try {
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
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const hint = endpoint !== undefined && message.includes('ECONNREFUSED') ? ` (is the local runtime running at ${endpoint}? npm start)` : '';
    io.printError(`dlq: ${message}${hint}`);
    return 1;
  }
}
