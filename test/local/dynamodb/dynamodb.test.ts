import * as fs from 'node:fs';
import {
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ExecuteStatementCommand,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  TransactGetItemsCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DEFAULT_TABLES, startLocalDynamoDb, type LocalDynamoDb } from '../../../support/local-dynamodb';
import { temporaryDirectory } from '../../../support/local-fixtures';

const user = (id: string, extra: Record<string, unknown> = {}) => ({ userId: { S: id }, email: { S: `${id}@example.com` }, ...extra });

describe('the local DynamoDB', () => {
  let local: LocalDynamoDb;
  beforeAll(async () => (local = await startLocalDynamoDb()));
  afterAll(() => local.close());

  const rawCall = (target: string, body: string) =>
    fetch(local.endpoint.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': target },
      body,
    });

  it('creates every table of the model, with its key schema and indexes', async () => {
    const { TableNames } = await local.dynamo.send(new ListTablesCommand({}));
    expect(TableNames).toEqual(DEFAULT_TABLES.map((table) => table.name).sort());
    const { Table } = await local.dynamo.send(new DescribeTableCommand({ TableName: 'audit' }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.TableArn).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/audit');
    expect(Table?.KeySchema).toEqual(DEFAULT_TABLES[4].keySchema);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['byKind']);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('reports the stream of a table that has one, and none for a table without', async () => {
    const users = (await local.dynamo.send(new DescribeTableCommand({ TableName: 'users' }))).Table;
    expect(users?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(users?.LatestStreamArn).toBe(DEFAULT_TABLES[0].stream?.arn);
    expect(users?.LatestStreamLabel).toBe('2026-01-01T00:00:00.000');
    const audit = (await local.dynamo.send(new DescribeTableCommand({ TableName: 'audit' }))).Table;
    expect(audit?.LatestStreamArn).toBeUndefined();
    expect(audit?.StreamSpecification).toBeUndefined();
  });

  it('reports the TTL attribute from the model and records TTL changes', async () => {
    const audit = await local.dynamo.send(new DescribeTimeToLiveCommand({ TableName: 'audit' }));
    expect(audit.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiration' });
    await local.dynamo.send(
      new UpdateTimeToLiveCommand({ TableName: 'users', TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } }),
    );
    const users = await local.dynamo.send(new DescribeTimeToLiveCommand({ TableName: 'users' }));
    expect(users.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'ttl' });
    await expect(
      local.dynamo.send(new UpdateTimeToLiveCommand({ TableName: 'missing', TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it("keeps the client's ReturnValues semantics", async () => {
    const first = await local.dynamo.send(new PutItemCommand({ TableName: 'users', Item: user('rv'), ReturnValues: 'ALL_OLD' }));
    expect(first.Attributes).toBeUndefined();
    const second = await local.dynamo.send(
      new PutItemCommand({ TableName: 'users', Item: user('rv', { givenName: { S: 'Ada' } }), ReturnValues: 'ALL_OLD' }),
    );
    expect(second.Attributes).toEqual(user('rv'));
    const updated = await local.dynamo.send(
      new UpdateItemCommand({
        TableName: 'users',
        Key: { userId: { S: 'rv' } },
        UpdateExpression: 'SET givenName = :name',
        ExpressionAttributeValues: { ':name': { S: 'Grace' } },
        ReturnValues: 'UPDATED_OLD',
      }),
    );
    expect(updated.Attributes).toEqual({ givenName: { S: 'Ada' } });
    const deleted = await local.dynamo.send(
      new DeleteItemCommand({ TableName: 'users', Key: { userId: { S: 'rv' } }, ReturnValues: 'ALL_OLD' }),
    );
    expect(deleted.Attributes).toEqual(user('rv', { givenName: { S: 'Grace' } }));
  });

  it('fails a conditional write whose condition does not hold', async () => {
    const put = () =>
      local.dynamo.send(
        new PutItemCommand({ TableName: 'audit', Item: { userId: { S: 'c' }, eventId: { S: 'e1' } }, ConditionExpression: 'attribute_not_exists(eventId)' }),
      );
    await put();
    await expect(put()).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });

  it('evaluates a repeated expression with each request’s own values (parses are kept, values are not)', async () => {
    const key = { userId: { S: 'repeat' } };
    const raise = (from: string, to: string) =>
      local.dynamo.send(
        new UpdateItemCommand({
          TableName: 'users',
          Key: key,
          UpdateExpression: 'SET givenName = :to',
          ConditionExpression: 'attribute_not_exists(givenName) OR givenName = :from',
          ExpressionAttributeValues: { ':from': { S: from }, ':to': { S: to } },
          ReturnValues: 'ALL_NEW',
        }),
      );
    expect((await raise('-', 'Ada')).Attributes?.givenName).toEqual({ S: 'Ada' });
    expect((await raise('Ada', 'Grace')).Attributes?.givenName).toEqual({ S: 'Grace' });
    await expect(raise('Ada', 'Edith')).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    const between = (low: string, high: string) =>
      local.dynamo.send(
        new UpdateItemCommand({
          TableName: 'users',
          Key: key,
          UpdateExpression: 'SET givenName = :low',
          ConditionExpression: 'givenName BETWEEN :low AND :high',
          ExpressionAttributeValues: { ':low': { S: low }, ':high': { S: high } },
        }),
      );
    await between('A', 'Z');
    await expect(between('Z', 'A')).rejects.toThrow('The BETWEEN operator requires upper bound to be greater than or equal to lower bound');
  });

  it('returns the existing item on a failed condition when asked with ReturnValuesOnConditionCheckFailure', async () => {
    const item = { userId: { S: 'idem' }, eventId: { S: 'e' }, status: { S: 'INPROGRESS' } };
    await local.dynamo.send(new PutItemCommand({ TableName: 'audit', Item: item }));
    const failure = await local.dynamo
      .send(
        new PutItemCommand({
          TableName: 'audit',
          Item: { ...item, status: { S: 'COMPLETED' } },
          ConditionExpression: 'attribute_not_exists(userId)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      )
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConditionalCheckFailedException);
    expect((failure as ConditionalCheckFailedException).Item).toEqual(item);
    const withoutAsking = await local.dynamo
      .send(new DeleteItemCommand({ TableName: 'audit', Key: { userId: item.userId, eventId: item.eventId }, ConditionExpression: 'attribute_not_exists(userId)' }))
      .catch((error: unknown) => error);
    expect((withoutAsking as ConditionalCheckFailedException).Item).toBeUndefined();
  });

  it('queries a global secondary index', async () => {
    await local.dynamo.send(
      new BatchWriteItemCommand({
        RequestItems: {
          audit: ['a', 'b'].map((id) => ({ PutRequest: { Item: { userId: { S: id }, eventId: { S: 'e' }, kind: { S: 'gsi-test' } } } })),
        },
      }),
    );
    const { Items } = await local.dynamo.send(
      new QueryCommand({
        TableName: 'audit',
        IndexName: 'byKind',
        KeyConditionExpression: 'kind = :kind',
        ExpressionAttributeValues: { ':kind': { S: 'gsi-test' } },
      }),
    );
    expect(Items?.map((item) => item.userId.S).sort()).toEqual(['a', 'b']);
  });

  describe('TransactWriteItems', () => {
    it('applies every write when every condition holds', async () => {
      await local.dynamo.send(new PutItemCommand({ TableName: 'users', Item: user('tx-delete') }));
      await local.dynamo.send(new PutItemCommand({ TableName: 'users', Item: user('tx-check') }));
      await local.dynamo.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: 'users', Item: user('tx-put'), ConditionExpression: 'attribute_not_exists(userId)' } },
            { Put: { TableName: 'audit', Item: { userId: { S: 'tx-put' }, eventId: { S: 'e' } } } },
            {
              Update: {
                TableName: 'users',
                Key: { userId: { S: 'tx-check-2' } },
                UpdateExpression: 'SET email = :email',
                ExpressionAttributeValues: { ':email': { S: 'x@example.com' } },
              },
            },
            { Delete: { TableName: 'users', Key: { userId: { S: 'tx-delete' } } } },
            { ConditionCheck: { TableName: 'users', Key: { userId: { S: 'tx-check' } }, ConditionExpression: 'attribute_exists(userId)' } },
          ],
        }),
      );
      const get = async (table: string, key: Record<string, { S: string }>) =>
        (await local.dynamo.send(new GetItemCommand({ TableName: table, Key: key }))).Item;
      expect(await get('users', { userId: { S: 'tx-put' } })).toEqual(user('tx-put'));
      expect(await get('audit', { userId: { S: 'tx-put' }, eventId: { S: 'e' } })).toBeDefined();
      expect(await get('users', { userId: { S: 'tx-check-2' } })).toEqual({ userId: { S: 'tx-check-2' }, email: { S: 'x@example.com' } });
      expect(await get('users', { userId: { S: 'tx-delete' } })).toBeUndefined();
    });

    it('applies nothing and names the failed condition when one does not hold', async () => {
      await local.dynamo.send(new PutItemCommand({ TableName: 'users', Item: user('tx-existing') }));
      const failure = await local.dynamo
        .send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName: 'users', Item: user('tx-never') } },
              {
                Put: {
                  TableName: 'users',
                  Item: user('tx-existing'),
                  ConditionExpression: 'attribute_not_exists(userId)',
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
            ],
          }),
        )
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(TransactionCanceledException);
      const cancelled = failure as TransactionCanceledException;
      expect(cancelled.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]');
      expect(cancelled.CancellationReasons).toEqual([
        { Code: 'None' },
        { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: user('tx-existing') },
      ]);
      const never = await local.dynamo.send(new GetItemCommand({ TableName: 'users', Key: { userId: { S: 'tx-never' } } }));
      expect(never.Item).toBeUndefined();
    });

    it('refuses two operations on one item', async () => {
      await expect(
        local.dynamo.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName: 'users', Item: user('tx-twice') } },
              { Delete: { TableName: 'users', Key: { userId: { S: 'tx-twice' } } } },
            ],
          }),
        ),
      ).rejects.toMatchObject({ name: 'ValidationException', message: 'Transaction request cannot include multiple operations on one item' });
    });

    it('refuses an empty transaction in AWS wording', async () => {
      await expect(local.dynamo.send(new TransactWriteItemsCommand({ TransactItems: [] }))).rejects.toMatchObject({
        name: 'ValidationException',
        message: expect.stringContaining("at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1"),
      });
    });

    it('serializes with single-item writes on the same item', async () => {
      await local.dynamo.send(new PutItemCommand({ TableName: 'users', Item: { userId: { S: 'counter' }, count: { N: '0' } } }));
      const increment = {
        TableName: 'users',
        Key: { userId: { S: 'counter' } },
        UpdateExpression: 'ADD #count :one',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':one': { N: '1' } },
      };
      await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          index % 2 === 0
            ? local.dynamo.send(new UpdateItemCommand(increment))
            : local.dynamo.send(new TransactWriteItemsCommand({ TransactItems: [{ Update: increment }] })),
        ),
      );
      const { Item } = await local.dynamo.send(new GetItemCommand({ TableName: 'users', Key: { userId: { S: 'counter' } } }));
      expect(Item?.count).toEqual({ N: '20' });
    });
  });

  it('reads several items with TransactGetItems', async () => {
    await local.dynamo.send(new PutItemCommand({ TableName: 'users', Item: user('tg') }));
    const { Responses } = await local.dynamo.send(
      new TransactGetItemsCommand({
        TransactItems: [
          { Get: { TableName: 'users', Key: { userId: { S: 'tg' } } } },
          { Get: { TableName: 'users', Key: { userId: { S: 'tg-missing' } } } },
        ],
      }),
    );
    expect(Responses).toEqual([{ Item: user('tg') }, {}]);
  });

  it('answers PartiQL with an error that says it is unsupported', async () => {
    await expect(local.dynamo.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM users' }))).rejects.toMatchObject({
      name: 'UnknownOperationException',
      message: 'ExecuteStatement (PartiQL) is not supported by the local DynamoDB',
    });
  });

  it('answers an unknown operation and a malformed body in AWS shape', async () => {
    const unknown = await rawCall('DynamoDB_20120810.Frobnicate', '{}');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ __type: 'UnknownOperationException', message: 'Unknown operation Frobnicate' });
    const malformed = await rawCall('DynamoDB_20120810.PutItem', '{"TableName": "users", ');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { __type: string }).__type).toBe('SerializationException');
  });

  it("answers dynalite's validation errors as AWS does", async () => {
    const response = await rawCall('DynamoDB_20120810.PutItem', JSON.stringify({ TableName: 'users', Item: { email: { S: 'x' } } }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message: 'One or more parameter values were invalid: Missing the key userId in the item',
    });
    const missing = await rawCall('DynamoDB_20120810.GetItem', JSON.stringify({ TableName: 'nope', Key: { id: { S: 'x' } } }));
    expect(((await missing.json()) as { __type: string }).__type).toBe('com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');
  });
});

describe('the local DynamoDB with a data directory', () => {
  it('keeps tables and items across a restart', async () => {
    const dataDir = temporaryDirectory('local-dynamodb-');
    try {
      const first = await startLocalDynamoDb({ dataDir });
      await first.dynamo.send(new PutItemCommand({ TableName: 'users', Item: user('kept') }));
      await first.dynamo.send(new PutItemCommand({ TableName: 'audit', Item: { userId: { S: 'kept' }, eventId: { S: 'e' } } }));
      const createdAt = (await first.dynamo.send(new DescribeTableCommand({ TableName: 'users' }))).Table?.CreationDateTime;
      await first.close();

      const second = await startLocalDynamoDb({ dataDir });
      try {
        const { Item } = await second.dynamo.send(new GetItemCommand({ TableName: 'users', Key: { userId: { S: 'kept' } } }));
        expect(Item).toEqual(user('kept'));
        const table = (await second.dynamo.send(new DescribeTableCommand({ TableName: 'users' }))).Table;
        expect(table?.CreationDateTime).toEqual(createdAt);
        expect(table?.ItemCount).toBeDefined();
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start when a stored table no longer has the key schema of the model', async () => {
    const dataDir = temporaryDirectory('local-dynamodb-');
    try {
      const first = await startLocalDynamoDb({ dataDir });
      await first.close();
      const changed = DEFAULT_TABLES.map((table) =>
        table.name === 'users'
          ? { ...table, keySchema: [{ AttributeName: 'email', KeyType: 'HASH' as const }], attributeDefinitions: [{ AttributeName: 'email', AttributeType: 'S' as const }] }
          : table,
      );
      await expect(startLocalDynamoDb({ dataDir, tables: changed })).rejects.toThrow(/Table users is stored with key schema .* reset the local state/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
