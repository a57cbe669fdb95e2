import { partitionOf, urlSuffixOf } from './arns';

export interface StackScope {
  stackName: string;
  region: string;
  account: string;
}

/** Values of `AWS::*` pseudo parameters for a local stack; undefined for names that are not pseudo parameters. */
export function pseudoParameter(name: string, scope: StackScope): unknown {
  switch (name) {
    case 'AWS::Region':
      return scope.region;
    case 'AWS::AccountId':
      return scope.account;
    case 'AWS::Partition':
      return partitionOf(scope.region);
    case 'AWS::URLSuffix':
      return urlSuffixOf(scope.region);
    case 'AWS::StackName':
      return scope.stackName;
    case 'AWS::StackId':
      return `arn:${partitionOf(scope.region)}:cloudformation:${scope.region}:${scope.account}:stack/${scope.stackName}/local`;
    case 'AWS::NotificationARNs':
      return [];
    default:
      return undefined;
  }
}
