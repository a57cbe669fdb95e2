import batchGetItem from 'dynalite/actions/batchGetItem';
import batchWriteItem from 'dynalite/actions/batchWriteItem';
import createTable from 'dynalite/actions/createTable';
import deleteItem from 'dynalite/actions/deleteItem';
import deleteTable from 'dynalite/actions/deleteTable';
import describeTable from 'dynalite/actions/describeTable';
import describeTimeToLive from 'dynalite/actions/describeTimeToLive';
import getItem from 'dynalite/actions/getItem';
import listTables from 'dynalite/actions/listTables';
import listTagsOfResource from 'dynalite/actions/listTagsOfResource';
import putItem from 'dynalite/actions/putItem';
import query from 'dynalite/actions/query';
import scan from 'dynalite/actions/scan';
import tagResource from 'dynalite/actions/tagResource';
import untagResource from 'dynalite/actions/untagResource';
import updateItem from 'dynalite/actions/updateItem';
import updateTable from 'dynalite/actions/updateTable';
import * as batchGetItemValidation from 'dynalite/validations/batchGetItem';
import * as batchWriteItemValidation from 'dynalite/validations/batchWriteItem';
import * as createTableValidation from 'dynalite/validations/createTable';
import * as deleteItemValidation from 'dynalite/validations/deleteItem';
import * as deleteTableValidation from 'dynalite/validations/deleteTable';
import * as describeTableValidation from 'dynalite/validations/describeTable';
import * as describeTimeToLiveValidation from 'dynalite/validations/describeTimeToLive';
import * as getItemValidation from 'dynalite/validations/getItem';
import * as listTablesValidation from 'dynalite/validations/listTables';
import * as listTagsOfResourceValidation from 'dynalite/validations/listTagsOfResource';
import * as putItemValidation from 'dynalite/validations/putItem';
import * as queryValidation from 'dynalite/validations/query';
import * as scanValidation from 'dynalite/validations/scan';
import * as tagResourceValidation from 'dynalite/validations/tagResource';
import * as untagResourceValidation from 'dynalite/validations/untagResource';
import * as updateItemValidation from 'dynalite/validations/updateItem';
import * as updateTableValidation from 'dynalite/validations/updateTable';
import type { Callback, DynaliteStore } from 'dynalite/db';

export interface DynaliteOperation {
  action: (store: DynaliteStore, data: Record<string, unknown>, callback: Callback<Record<string, unknown>>) => void;
  validation: {
    types: Record<string, unknown>;
    custom: ((data: Record<string, unknown>, store: DynaliteStore) => string | undefined) | undefined;
  };
}

/** The DynamoDB_20120810 operations dynalite implements, each with its request validation. */
export const DYNALITE_OPERATIONS: Readonly<Record<string, DynaliteOperation>> = {
  BatchGetItem: { action: batchGetItem, validation: batchGetItemValidation },
  BatchWriteItem: { action: batchWriteItem, validation: batchWriteItemValidation },
  CreateTable: { action: createTable, validation: createTableValidation },
  DeleteItem: { action: deleteItem, validation: deleteItemValidation },
  DeleteTable: { action: deleteTable, validation: deleteTableValidation },
  DescribeTable: { action: describeTable, validation: describeTableValidation },
  DescribeTimeToLive: { action: describeTimeToLive, validation: describeTimeToLiveValidation },
  GetItem: { action: getItem, validation: getItemValidation },
  ListTables: { action: listTables, validation: listTablesValidation },
  ListTagsOfResource: { action: listTagsOfResource, validation: listTagsOfResourceValidation },
  PutItem: { action: putItem, validation: putItemValidation },
  Query: { action: query, validation: queryValidation },
  Scan: { action: scan, validation: scanValidation },
  TagResource: { action: tagResource, validation: tagResourceValidation },
  UntagResource: { action: untagResource, validation: untagResourceValidation },
  UpdateItem: { action: updateItem, validation: updateItemValidation },
  UpdateTable: { action: updateTable, validation: updateTableValidation },
};
