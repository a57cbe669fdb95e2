import { partitionOf, urlSuffixOf } from './arns';

export interface StackScope {
  stackName: string;
  region: string;
  account: string;
}

const PSEUDO_PARAMETERS: Record<string, (scope: StackScope) => unknown> = {
  'AWS::Region': (scope) => scope.region,
  'AWS::AccountId': (scope) => scope.account,
  'AWS::Partition': (scope) => partitionOf(scope.region),
  'AWS::URLSuffix': (scope) => urlSuffixOf(scope.region),
  'AWS::StackName': (scope) => scope.stackName,
  'AWS::StackId': (scope) => `arn:${partitionOf(scope.region)}:cloudformation:${scope.region}:${scope.account}:stack/${scope.stackName}/local`,
  'AWS::NotificationARNs': () => [],
};

/** Values of `AWS::*` pseudo parameters for a local stack; undefined for names that are not pseudo parameters. */
export function pseudoParameter(name: string, scope: StackScope): unknown {
  return Object.hasOwn(PSEUDO_PARAMETERS, name) ? PSEUDO_PARAMETERS[name](scope) : undefined;
}
