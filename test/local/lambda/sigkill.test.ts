import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { createLambda } from '../../../local/lambda';
import { openStateStore } from '../../../local/storage/state-store';
import { FakeSqs } from '../../../support/fake-sqs';
import { REGION, temporaryDirectory } from '../../../support/local-fixtures';
import { waitFor } from '../../../support/waiting';
import { readLog } from '../../../support/fixture-log';
import { ENDPOINT, testFunction } from './helpers';


/** Runs the child until it reports that both events are accepted and one is running, then SIGKILLs it. */
function acceptThenKill(stateDir: string, logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'fixtures', 'accept-then-hang.ts'), stateDir, logFile],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('accepted')) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited without being killed (${signal})`))));
  });
}

describe('Lambda runtime: asynchronous events across a SIGKILL', () => {
  it('runs the in-flight and the queued event again after a restart on the same state', async () => {
    const stateDir = temporaryDirectory('lambda-sigkill-state-');
    const logFile = path.join(temporaryDirectory('lambda-sigkill-'), 'calls.jsonl');
    await acceptThenKill(stateDir, logFile);
    expect(readLog(logFile).map((line) => (line.event as { id: string }).id)).toEqual(['running']);

    const store = openStateStore(stateDir);
    const runtime = createLambda({
      functions: [testFunction('crashy', 'echo', { environment: { LOG_FILE: logFile } })],
      eventSourceMappings: [],
      store,
      sqs: new FakeSqs(),
      endpoint: ENDPOINT,
      region: REGION,
      logSink: () => undefined,
    });
    runtime.start();
    try {
      await waitFor('both events after the restart', () => readLog(logFile).length === 3);
      const rerun = readLog(logFile).slice(1).map((line) => (line.event as { id: string }).id);
      expect(rerun.sort()).toEqual(['queued', 'running']);
    } finally {
      await runtime.close();
      store.close();
    }
  });
});
