import { checkConditional, createKey, validateItem, validateKey, type Item, type TableDescription } from 'dynalite/db';
import { validationError, type AwsError } from '../../protocol/aws-error';
import { transactionCanceled, type CancellationReason } from '../errors';
import { toAwsError } from '../engine';
import { storeWithLocksHeld, withItemLocks } from '../item-locks';
import type { DynamoDbState } from '../state';
import type { TransactWriteItemsInput, TransactWriteKind as WriteKind } from '../validations/transact-write-items';

interface TransactWrite {
  kind: WriteKind;
  data: Record<string, unknown>;
  table: TableDescription;
  key: string;
  returnOldOnFailure: boolean;
}

/** The dynalite operation whose validation and action each kind of transact item shares. */
const OPERATION_OF: Record<WriteKind, string> = {
  ConditionCheck: 'DeleteItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
};

/**
 * dynalite has no transactions. Every item's lock is taken, every condition is checked against the current
 * items, and only when all hold are the writes applied through dynalite's own actions, so they are stored,
 * indexed and captured on the stream exactly like single-item writes.
 */
export async function transactWriteItems(state: DynamoDbState, input: TransactWriteItemsInput) {
  const writes: TransactWrite[] = [];
  for (const { kind, request } of input.TransactItems) writes.push(await prepareWrite(state, kind, request));
  rejectDuplicateItems(writes);

  const { engine } = state;
  const lockedItems = [...groupKeysByTable(writes)].map(([tableName, keys]) => ({ tableName, keys }));
  await withItemLocks(engine.store, lockedItems, async () => {
    const current = await Promise.all(writes.map((write) => readItem(state, write)));
    const failures = writes.map((write, index) => checkConditional(write.data, current[index]));
    if (failures.some(Boolean)) throw cancelled(writes, failures.map(Boolean), current);
    const lockedStore = storeWithLocksHeld(engine.store);
    for (const write of writes) {
      if (write.kind !== 'ConditionCheck') await engine.perform(OPERATION_OF[write.kind], write.data, lockedStore);
    }
  });
  return {};
}

async function prepareWrite(state: DynamoDbState, kind: WriteKind, request: Record<string, unknown>): Promise<TransactWrite> {
  const { ReturnValuesOnConditionCheckFailure: returnOnFailure, ...rest } = request;
  const data = state.engine.validate(OPERATION_OF[kind], rest);
  const table = await state.engine.table(data.TableName as string);
  const keySource = (kind === 'Put' ? data.Item : data.Key) as Item;
  const invalid = kind === 'Put' ? validateItem(keySource, table) : validateKey(keySource, table);
  if (invalid) throw toAwsError(invalid);
  return { kind, data, table, key: createKey(keySource, table), returnOldOnFailure: returnOnFailure === 'ALL_OLD' };
}

function rejectDuplicateItems(writes: readonly TransactWrite[]): void {
  const seen = new Set<string>();
  for (const write of writes) {
    const id = `${write.table.TableName}\u0000${write.key}`;
    if (seen.has(id)) throw validationError('Transaction request cannot include multiple operations on one item');
    seen.add(id);
  }
}

function groupKeysByTable(writes: readonly TransactWrite[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const write of writes) {
    const keys = groups.get(write.table.TableName) ?? [];
    keys.push(write.key);
    groups.set(write.table.TableName, keys);
  }
  return groups;
}

function readItem(state: DynamoDbState, write: TransactWrite): Promise<Item | undefined> {
  return new Promise((resolve, reject) =>
    state.engine.store
      .getItemDb(write.table.TableName)
      .get(write.key, (error, item) => (error && error.name !== 'NotFoundError' ? reject(error) : resolve(item ?? undefined))),
  );
}

function cancelled(writes: readonly TransactWrite[], failed: boolean[], current: Array<Item | undefined>): AwsError {
  const reasons = writes.map((write, index): CancellationReason =>
    failed[index]
      ? {
          Code: 'ConditionalCheckFailed',
          Message: 'The conditional request failed',
          ...(write.returnOldOnFailure && current[index] && { Item: current[index] }),
        }
      : { Code: 'None' },
  );
  return transactionCanceled(reasons);
}
