import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GetItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand } from '@aws-sdk/client-dynamodb-streams';
import { DEFAULT_TABLES, startLocalDynamoDb } from '../../../support/local-dynamodb';
import { temporaryDirectory } from '../../../support/local-fixtures';
import { readAllRecords } from './stream-reader';

const usersStreamArn = DEFAULT_TABLES[0].stream?.arn as string;

describe('stream durability', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = temporaryDirectory('local-dynamodb-')));
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const insert = (local: Awaited<ReturnType<typeof startLocalDynamoDb>>, id: string) =>
    local.dynamo.send(new PutItemCommand({ TableName: 'users', Item: { userId: { S: id } } }));

  it('keeps records across a restart and continues their sequence numbers', async () => {
    const first = await startLocalDynamoDb({ dataDir });
    await insert(first, 'a');
    await insert(first, 'b');
    const before = await readAllRecords(first, 'users');
    const created = (await first.dynamoStreams.send(new DescribeStreamCommand({ StreamArn: usersStreamArn }))).StreamDescription
      ?.CreationRequestDateTime;
    await first.close();

    const second = await startLocalDynamoDb({ dataDir });
    try {
      await insert(second, 'c');
      const after = await readAllRecords(second, 'users');
      expect(after.slice(0, 2)).toEqual(before);
      expect(after.map((record) => record.dynamodb?.Keys?.userId.S)).toEqual(['a', 'b', 'c']);
      expect(String(after[2].dynamodb?.SequenceNumber) > String(after[1].dynamodb?.SequenceNumber)).toBe(true);
      const description = await second.dynamoStreams.send(new DescribeStreamCommand({ StreamArn: usersStreamArn }));
      expect(description.StreamDescription?.CreationRequestDateTime).toEqual(created);
    } finally {
      await second.close();
    }
  });

  it('rolls a write forward when the process stopped between its stream intent and its storage', async () => {
    const first = await startLocalDynamoDb({ dataDir });
    const item = { userId: { S: 'interrupted' }, email: { S: 'i@example.com' } };
    first.streams.capture.prepare({ tableName: 'users', keys: { userId: item.userId }, newImage: item });
    await first.close();

    const second = await startLocalDynamoDb({ dataDir });
    try {
      const { Item } = await second.dynamo.send(new GetItemCommand({ TableName: 'users', Key: { userId: item.userId } }));
      expect(Item).toEqual(item);
      const records = await readAllRecords(second, 'users');
      expect(records.map((record) => [record.eventName, record.dynamodb?.NewImage])).toEqual([['INSERT', item]]);
      expect(second.streams.capture.unfinished()).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('drops an interrupted write whose table no longer has a stream, and says so', async () => {
    const first = await startLocalDynamoDb({ dataDir });
    first.streams.capture.prepare({ tableName: 'users', keys: { userId: { S: 'x' } }, newImage: { userId: { S: 'x' } } });
    await first.close();

    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const withoutUsersStream = DEFAULT_TABLES.map((table) => (table.name === 'users' ? { ...table, stream: undefined } : table));
    const second = await startLocalDynamoDb({ dataDir, tables: withoutUsersStream });
    try {
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('dropping an interrupted write to users'));
      expect(second.streams.capture.unfinished()).toEqual([]);
    } finally {
      warn.mockRestore();
      await second.close();
    }
  });

  it('after SIGKILL mid-burst, every acknowledged write is stored and every stored item has exactly one INSERT', async () => {
    const acknowledged = await runWriterUntilKilled(dataDir, 400);
    const local = await startLocalDynamoDb({ dataDir });
    try {
      const stored = new Set<string>();
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await local.dynamo.send(new ScanCommand({ TableName: 'users', ExclusiveStartKey: startKey as never }));
        for (const item of page.Items ?? []) stored.add(item.userId.S as string);
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      for (const id of acknowledged) expect(stored.has(id)).toBe(true);

      const records = await readAllRecords(local, 'users');
      const inserted = records.map((record) => record.dynamodb?.Keys?.userId.S as string);
      expect(records.every((record) => record.eventName === 'INSERT')).toBe(true);
      expect(new Set(inserted).size).toBe(inserted.length);
      expect(new Set(inserted)).toEqual(stored);
      expect(local.streams.capture.unfinished()).toEqual([]);

      await insert(local, 'after-restart');
      const last = (await readAllRecords(local, 'users')).at(-1);
      expect(last?.dynamodb?.Keys?.userId.S).toBe('after-restart');
      expect(String(last?.dynamodb?.SequenceNumber) > String(records.at(-1)?.dynamodb?.SequenceNumber)).toBe(true);
    } finally {
      await local.close();
    }
  });
});

/** Starts the writer in its own process and kills it with SIGKILL once it has acknowledged `count` writes. */
function runWriterUntilKilled(dataDir: string, count: number): Promise<string[]> {
  // In this very process, not under tsx's CLI, which would leave its child running with the database locked.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures', 'crash-writer.ts'), dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  const acknowledged: string[] = [];
  let errors = '';
  let pending = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('acked ')) acknowledged.push(line.slice('acked '.length));
      if (acknowledged.length >= count) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(acknowledged) : reject(new Error(`writer exited before it was killed: ${errors}`)),
    );
  });
}
