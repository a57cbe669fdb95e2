import { AwsError, unknownOperationError } from '../protocol/aws-error';
import type { JsonServiceHandler, RequestContext } from '../protocol/service';
import { conditionalWrite } from './actions/conditionalWrite';
import { createTable } from './actions/createTable';
import { describeEndpoints } from './actions/describeEndpoints';
import { describeTable } from './actions/describeTable';
import { describeTimeToLive } from './actions/describeTimeToLive';
import { transactGetItems } from './actions/transactGetItems';
import { transactWriteItems } from './actions/transactWriteItems';
import { updateTimeToLive } from './actions/updateTimeToLive';
import type { DynamoDbState } from './dynamodb-state';

export const DYNAMODB_TARGET_PREFIX = 'DynamoDB_20120810';

type Action = (state: DynamoDbState, input: Record<string, unknown>, context: RequestContext) => unknown;

/** Operations answered here rather than passed straight to dynalite. */
const OWN_ACTIONS: Record<string, Action> = {
  PutItem: conditionalWrite('PutItem'),
  UpdateItem: conditionalWrite('UpdateItem'),
  DeleteItem: conditionalWrite('DeleteItem'),
  CreateTable: createTable,
  DescribeTable: describeTable,
  DescribeTimeToLive: describeTimeToLive,
  UpdateTimeToLive: updateTimeToLive,
  TransactWriteItems: transactWriteItems,
  TransactGetItems: transactGetItems,
  DescribeEndpoints: (_state, _input, context) => describeEndpoints(context),
};

/** PartiQL would need a query engine of its own; saying so beats an anonymous unknown-operation error. */
const UNSUPPORTED = new Set(['ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction']);

export function createDynamoDbHandler(state: DynamoDbState): JsonServiceHandler {
  return {
    targetPrefixes: [DYNAMODB_TARGET_PREFIX],
    handle(operation, input, context) {
      const own = Object.hasOwn(OWN_ACTIONS, operation) ? OWN_ACTIONS[operation] : undefined;
      if (own) return own(state, input, context);
      if (state.engine.has(operation)) return state.engine.run(operation, input);
      if (UNSUPPORTED.has(operation)) {
        throw new AwsError('UnknownOperationException', `${operation} (PartiQL) is not supported by the local DynamoDB`);
      }
      throw unknownOperationError(operation);
    },
  };
}
