import type { GrantStatement } from './statements';

/** Statements the local scenario cannot need, because only AWS itself, or a person administering it, uses them. */
export interface AllowlistEntry {
  /** What the entry covers, for a person. */
  covers: string;
  matches(statement: GrantStatement): boolean;
  reason: string;
}

const isKey = (statement: GrantStatement, logicalIdPrefix?: string): boolean =>
  statement.type === 'AWS::KMS::Key' && (logicalIdPrefix === undefined || statement.logicalId.startsWith(logicalIdPrefix));
const onlyService = (statement: GrantStatement, service: RegExp): boolean =>
  statement.principals.length > 0 && statement.principals.every((principal) => service.test(principal));

export const ALLOWLIST: AllowlistEntry[] = [
  {
    covers: "each key's AccountAdministersTheKeyButCannotUseIt statement",
    matches: (statement) => isKey(statement) && statement.sid === 'AccountAdministersTheKeyButCannotUseIt',
    reason:
      'Key administration (describe, enable, rotate, tag, schedule deletion, change the policy) for whoever administers the account, as CloudFormation does on every update of the key; no call of the pipeline or of its operators administers a key, and KMS refuses a key policy that would lock the account out of it.',
  },
  {
    covers: 'the logs key, for CloudWatch Logs',
    matches: (statement) => isKey(statement, 'LogsKey') && onlyService(statement, /^Service:logs\./),
    reason: 'CloudWatch Logs encrypts the log groups of the functions and pipes with this key; the local runtime prints those logs and keeps no encrypted log group.',
  },
  {
    covers: 'the archive key, kms:DescribeKey for EventBridge',
    matches: (statement) => isKey(statement, 'UserEventsBusArchiveKey') && statement.actions.join() === 'kms:DescribeKey' && onlyService(statement, /^Service:events\.amazonaws\.com$/),
    reason:
      'EventBridge describes the key when the archive is created or its key changes (CreateArchive, UpdateArchive), which CloudFormation does in AWS; the local runtime starts with the archive in place. Its use of the key for each archived and replayed event is proven.',
  },
  {
    covers: "the operator alerts topic's key",
    matches: (statement) => isKey(statement, 'OperatorAlertsTopicKey'),
    reason:
      'CloudWatch alarms publish to the encrypted operator alerts topic, and the account lets IAM policies grant the key (the default key policy); alarms are not run locally (inert resources), so nothing publishes to the topic.',
  },
  {
    covers: "the operator role's trust policy",
    matches: (statement) => statement.type === 'AWS::IAM::Role' && statement.kind === 'trust' && statement.logicalId.startsWith('OperatorRole'),
    reason:
      'Operators assume the role through STS in AWS; locally the operator acts with the session that `npm run iam -- credentials` and the --local commands hand out directly, and STS is not served.',
  },
];
