import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { CustomerManagedKey } from './customer-managed-key';

/** The names every log group of a stage starts with: its functions' and its pipes'. */
export function logGroupPrefixes(stage: string): string[] {
  return [`/aws/lambda/users-fanout-${stage}-`, `/aws/vendedlogs/pipes/users-fanout-${stage}-`];
}

export interface LogsKeyProps {
  readonly stage: string;
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Encrypts the stage's log groups. CloudWatch Logs may use it only for log groups whose names the stage's functions
 * and pipes have (the encryption context CloudWatch Logs sends, as AWS's guide on encrypting log data shows).
 */
export class LogsKey extends CustomerManagedKey {
  constructor(scope: Construct, id: string, props: LogsKeyProps) {
    super(scope, id, { description: `Encrypts the log groups of users-fanout-${props.stage}`, removalPolicy: props.removalPolicy });
    const stack = Stack.of(this);
    const logGroupArns = logGroupPrefixes(props.stage).map((prefix) =>
      stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: `${prefix}*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
    );
    this.allow(new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`), ['kms:Decrypt*', 'kms:Describe*', 'kms:Encrypt*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'], {
      ArnLike: { 'kms:EncryptionContext:aws:logs:arn': logGroupArns },
    });
  }
}
