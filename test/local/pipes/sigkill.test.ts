import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StreamRecord } from '../../../local/model/ports';
import { waitFor } from '../../../support/waiting';
import { FakeLambda, FakeStreams } from './fakes';
import { CONSUMER, startKillTestRunner, STREAM } from './fixtures/kill-test-pipe';


function runUntilStuckThenKill(stateDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'fixtures', 'deliver-then-hang.ts'), stateDir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('stuck')) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited without being killed (${signal})`))));
  });
}

describe('Pipes runner across a SIGKILL', () => {
  it('resumes after the last settled batch: the one in flight is delivered again, nothing before it', async () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipes-sigkill-'));
    await runUntilStuckThenKill(stateDir);

    const streams = new FakeStreams();
    // u5 is the sentinel: the pipe delivers in stream order, so once it is delivered nothing earlier is still to come.
    for (const userId of ['u1', 'u2', 'u3', 'u4', 'u5']) streams.append(STREAM, 'INSERT', { userId: { S: userId } });
    const lambda = new FakeLambda({ [CONSUMER]: () => ({}) });
    const { runner, store } = startKillTestRunner(stateDir, streams, lambda);
    const eventIds = () => lambda.callsTo(CONSUMER).map((batch) => (batch as StreamRecord[])[0].eventID);
    try {
      await waitFor('the sentinel after the restart', () => eventIds().includes('event-5'));
      expect(eventIds()).toEqual(['event-3', 'event-4', 'event-5']);
    } finally {
      await runner.close();
      store.close();
    }
  });
});
