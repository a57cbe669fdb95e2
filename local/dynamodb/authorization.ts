import { authorization, type AuthorizationCheck, type AuthorizationTable, type RequiredPermission } from '../protocol/authorization';
import type { RequestContext } from '../protocol/service';
import { tableArn } from '../template/arns';
import type { DynaliteRequest } from './engine';
import type { DYNAMODB_OPERATIONS } from './operations';
import type { CreateTableInput } from './validations/create-table';
import type { DynamoDbState } from './state';
import type { ConditionalWriteInput, TransactRequest } from './validations/fields';

const TABLE = 'table';

/** A table named by name or by ARN, as DynamoDB accepts both. */
function tableArnOf(name: unknown, context: RequestContext): string {
  const text = String(name);
  return text.startsWith('arn:') ? text : tableArn(context, text);
}

/** `dynamodb:LeadingKeys`: the partition key value an item or key names, for fine-grained access policies. */
function leadingKeys(state: DynamoDbState, tableName: unknown, item: unknown): Record<string, string> {
  const keyName = state.partitionKeys.get(String(tableName).split('/').pop() as string);
  const value = keyName === undefined ? undefined : (item as Record<string, Record<string, unknown>> | undefined)?.[keyName];
  const text = value === undefined ? undefined : (value.S ?? value.N ?? value.B);
  return typeof text === 'string' ? { 'dynamodb:LeadingKeys': text } : {};
}

function itemCheck(action: string, request: DynaliteRequest, state: DynamoDbState, context: RequestContext): AuthorizationCheck {
  const keys = leadingKeys(state, request.TableName, request.Item ?? request.Key);
  const values: Record<string, string> = { ...keys };
  if (typeof request.ReturnValues === 'string') values['dynamodb:ReturnValues'] = request.ReturnValues;
  return { action, resource: tableArnOf(request.TableName, context), context: values };
}

/** An operation on one table named by `TableName`. */
function onTable(action: string) {
  return authorization<DynamoDbState, { TableName?: unknown }>([{ action, resourceType: TABLE }], (request, _state, context) => [
    { action, resource: tableArnOf(request.TableName, context) },
  ]);
}

/** A read or write of one item. */
function onItem(action: string) {
  return authorization<DynamoDbState, ConditionalWriteInput>([{ action, resourceType: TABLE }], (input, state, context) => [itemCheck(action, input.request, state, context)]);
}

/** Query and Scan are authorized on the index they read, when they read one. */
function onTableOrIndex(action: string) {
  return authorization<DynamoDbState, DynaliteRequest>(
    [
      { action, resourceType: TABLE },
      { action, resourceType: 'index' },
    ],
    (request, _state, context) => {
      const table = tableArnOf(request.TableName, context);
      return [{ action, resource: typeof request.IndexName === 'string' ? `${table}/index/${request.IndexName}` : table }];
    },
  );
}

/** Batch operations: their action on each table of `RequestItems`. */
function onEachTable(action: string) {
  return authorization<DynamoDbState, DynaliteRequest>([{ action, resourceType: TABLE }], (request, _state, context) =>
    Object.keys((request.RequestItems as Record<string, unknown> | undefined) ?? {}).map((name) => ({ action, resource: tableArnOf(name, context) })),
  );
}

/** Tagging names the table (or its stream) by ARN. */
function onResourceArn(action: string) {
  return authorization<DynamoDbState, DynaliteRequest>(
    [
      { action, resourceType: TABLE },
      { action, resourceType: 'stream' },
    ],
    (request) => [{ action, resource: String(request.ResourceArn) }],
  );
}

/** TransactWriteItems and TransactGetItems have no actions of their own: each item is authorized as the call it resembles. */
const TRANSACT_ACTIONS: Readonly<Record<string, string>> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  Get: 'dynamodb:GetItem',
};

function transactItemChecks(items: readonly TransactRequest<string>[], state: DynamoDbState, context: RequestContext): AuthorizationCheck[] {
  return items.map(({ kind, request }) => itemCheck(TRANSACT_ACTIONS[kind] as string, request, state, context));
}

const transactPermissions = (kinds: readonly string[]): RequiredPermission[] => kinds.map((kind) => ({ action: TRANSACT_ACTIONS[kind] as string, resourceType: TABLE }));

/** The permission each DynamoDB operation needs, from the Service Authorization Reference. */
export const DYNAMODB_AUTHORIZATION = {
  PutItem: onItem('dynamodb:PutItem'),
  UpdateItem: onItem('dynamodb:UpdateItem'),
  DeleteItem: onItem('dynamodb:DeleteItem'),
  CreateTable: authorization<DynamoDbState, CreateTableInput>([{ action: 'dynamodb:CreateTable', resourceType: TABLE }], (input, _state, context) => [
    { action: 'dynamodb:CreateTable', resource: tableArnOf(input.request.TableName, context) },
  ]),
  DescribeTable: onTable('dynamodb:DescribeTable'),
  DescribeTimeToLive: onTable('dynamodb:DescribeTimeToLive'),
  UpdateTimeToLive: onTable('dynamodb:UpdateTimeToLive'),
  TransactWriteItems: authorization(transactPermissions(['Put', 'Update', 'Delete', 'ConditionCheck']), (input, state, context) =>
    transactItemChecks(input.TransactItems, state, context),
  ),
  TransactGetItems: authorization(transactPermissions(['Get']), (input, state, context) => transactItemChecks(input.TransactItems, state, context)),
  DescribeEndpoints: authorization([{ action: 'dynamodb:DescribeEndpoints', resourceType: '*' }], () => [{ action: 'dynamodb:DescribeEndpoints', resource: '*' }]),
  BatchGetItem: onEachTable('dynamodb:BatchGetItem'),
  BatchWriteItem: onEachTable('dynamodb:BatchWriteItem'),
  DeleteTable: onTable('dynamodb:DeleteTable'),
  GetItem: authorization([{ action: 'dynamodb:GetItem', resourceType: TABLE }], (request: DynaliteRequest, state, context) => [itemCheck('dynamodb:GetItem', request, state, context)]),
  ListTables: authorization([{ action: 'dynamodb:ListTables', resourceType: '*' }], () => [{ action: 'dynamodb:ListTables', resource: '*' }]),
  ListTagsOfResource: onResourceArn('dynamodb:ListTagsOfResource'),
  Query: onTableOrIndex('dynamodb:Query'),
  Scan: onTableOrIndex('dynamodb:Scan'),
  TagResource: onResourceArn('dynamodb:TagResource'),
  UntagResource: onResourceArn('dynamodb:UntagResource'),
  UpdateTable: onTable('dynamodb:UpdateTable'),
} satisfies AuthorizationTable<DynamoDbState, typeof DYNAMODB_OPERATIONS>;
