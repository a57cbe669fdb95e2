import { operation, type OperationTable } from '../protocol/operations';
import { createTable } from './actions/create-table';
import { deleteItem } from './actions/delete-item';
import { deleteTable } from './actions/delete-table';
import { describeEndpoints } from './actions/describe-endpoints';
import { describeTable } from './actions/describe-table';
import { describeTimeToLive } from './actions/describe-time-to-live';
import { putItem } from './actions/put-item';
import { transactGetItems } from './actions/transact-get-items';
import { transactWriteItems } from './actions/transact-write-items';
import { updateItem } from './actions/update-item';
import { updateTimeToLive } from './actions/update-time-to-live';
import { checkRequestTypes } from './engine';
import type { DynamoDbState } from './state';
import { validateCreateTable } from './validations/create-table';
import { validateDeleteItem } from './validations/delete-item';
import { validateDeleteTable } from './validations/delete-table';
import { validateDescribeEndpoints } from './validations/describe-endpoints';
import { validateDescribeTable } from './validations/describe-table';
import { validateDescribeTimeToLive } from './validations/describe-time-to-live';
import { validatePutItem } from './validations/put-item';
import { validateTransactGetItems } from './validations/transact-get-items';
import { validateTransactWriteItems } from './validations/transact-write-items';
import { validateUpdateItem } from './validations/update-item';
import { validateUpdateTimeToLive } from './validations/update-time-to-live';

/**
 * An operation dynalite answers alone, with dynalite's own validation, as dynalite is built: its type checks here,
 * its value checks (some read the store's settings) and its action in `run`.
 */
function dynaliteOperation(name: string) {
  return operation(
    (input) => checkRequestTypes(name, input),
    (state: DynamoDbState, request) => state.engine.runChecked(name, request),
  );
}

/** The DynamoDB operations the local runtime answers: its own actions where dynalite lacks or differs from AWS, dynalite's elsewhere. */
export const DYNAMODB_OPERATIONS = {
  PutItem: operation(validatePutItem, putItem),
  UpdateItem: operation(validateUpdateItem, updateItem),
  DeleteItem: operation(validateDeleteItem, deleteItem),
  CreateTable: operation(validateCreateTable, createTable),
  DeleteTable: operation(validateDeleteTable, deleteTable),
  DescribeTable: operation(validateDescribeTable, describeTable),
  DescribeTimeToLive: operation(validateDescribeTimeToLive, describeTimeToLive),
  UpdateTimeToLive: operation(validateUpdateTimeToLive, updateTimeToLive),
  TransactWriteItems: operation(validateTransactWriteItems, transactWriteItems),
  TransactGetItems: operation(validateTransactGetItems, transactGetItems),
  DescribeEndpoints: operation(validateDescribeEndpoints, describeEndpoints),
  BatchGetItem: dynaliteOperation('BatchGetItem'),
  BatchWriteItem: dynaliteOperation('BatchWriteItem'),
  GetItem: dynaliteOperation('GetItem'),
  ListTables: dynaliteOperation('ListTables'),
  ListTagsOfResource: dynaliteOperation('ListTagsOfResource'),
  Query: dynaliteOperation('Query'),
  Scan: dynaliteOperation('Scan'),
  TagResource: dynaliteOperation('TagResource'),
  UntagResource: dynaliteOperation('UntagResource'),
  UpdateTable: dynaliteOperation('UpdateTable'),
} satisfies OperationTable<DynamoDbState>;
