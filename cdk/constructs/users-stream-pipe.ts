import type { RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { NewItemsPipeProps } from './new-items-pipe';
import type { LogGroupSettings } from './service-function';

/** What both pipes on the users table's stream are built from; each adds its enrichment and its target. */
export interface UsersStreamPipeProps {
  readonly stage: string;
  readonly usersTable: dynamodb.Table;
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
  readonly logs: LogGroupSettings;
}

/** The settings the two pipes share: the stream they read, and the name `users-fanout-<stage>-<name>`. */
export function usersStreamPipeSettings(props: UsersStreamPipeProps, name: string): Pick<NewItemsPipeProps, 'pipeName' | 'table' | 'removalPolicy' | 'logs'> {
  return { pipeName: `users-fanout-${props.stage}-${name}`, table: props.usersTable, removalPolicy: props.removalPolicy, logs: props.logs };
}
