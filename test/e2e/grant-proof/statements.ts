import type { EditableTemplate } from '../assembly-copy';

/** Which side of a decision a statement is on: a role's own policy, a role's trust policy, or a resource's policy. */
export type StatementKind = 'identity' | 'trust' | 'resource';

/** One Allow statement of the template, described for a person and removable from a copy of the template. */
export interface GrantStatement {
  /** Stable across syntheses: the holding resource's logical id and where the statement sits in it. */
  id: string;
  logicalId: string;
  type: string;
  kind: StatementKind;
  sid?: string;
  /** As written: `sqs:SendMessage`, `kms:Decrypt*`. */
  actions: string[];
  /** Rendered: `Service:events.amazonaws.com`, `AWS:OperatorRole6A7B6B68.Arn`; the role itself for identity policies. */
  principals: string[];
  /** Rendered resource expressions. */
  resources: string[];
  /** Takes the statement out of a copy of the template. */
  remove(template: EditableTemplate): void;
}

/** An intrinsic as a person reads it: `Fn::GetAtt` as `Id.Attr`, `Ref` as the id, joins joined. */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(render).join(', ');
  if (value && typeof value === 'object') {
    const [[key, argument]] = Object.entries(value);
    if (key === 'Ref') return String(argument).replace(/^AWS::/, '');
    if (key === 'Fn::GetAtt') return (argument as string[]).join('.');
    if (key === 'Fn::Join') return ((argument as [string, unknown[]])[1] ?? []).map(render).join((argument as [string])[0]);
    if (key === 'Fn::Sub') return render(argument);
    return JSON.stringify(value);
  }
  return String(value);
}

const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function principalsOf(principal: unknown): string[] {
  if (principal === undefined) return [];
  if (typeof principal === 'string') return [principal];
  return Object.entries(principal as Record<string, unknown>).flatMap(([kind, value]) => list(value).map((item) => `${kind}:${render(item)}`));
}

type Statement = { Effect?: string; Sid?: string; Action?: unknown; Principal?: unknown; Resource?: unknown };

/** Where policy documents sit in each resource type that holds them, and what kind of policy each is. */
function documentsOf(type: string, properties: Record<string, unknown>): Array<{ path: (string | number)[]; kind: StatementKind }> {
  switch (type) {
    case 'AWS::IAM::Role':
      return [
        { path: ['AssumeRolePolicyDocument'], kind: 'trust' },
        ...list(properties.Policies).map((_, index) => ({ path: ['Policies', index, 'PolicyDocument'], kind: 'identity' as const })),
      ];
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy':
      return [{ path: ['PolicyDocument'], kind: 'identity' }];
    case 'AWS::SQS::QueuePolicy':
    case 'AWS::SNS::TopicPolicy':
      return [{ path: ['PolicyDocument'], kind: 'resource' }];
    case 'AWS::KMS::Key':
      return [{ path: ['KeyPolicy'], kind: 'resource' }];
    case 'AWS::Events::EventBusPolicy':
      return properties.Policy !== undefined ? [{ path: ['Policy'], kind: 'resource' }] : [];
    default:
      return [];
  }
}

function at(root: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], root);
}

/**
 * Every Allow statement of every role and resource-based policy of a template: identity policies (a role's inline
 * policies, AWS::IAM::Policy, AWS::IAM::ManagedPolicy), trust policies, queue, topic, key and bus policies, and each
 * Lambda permission (one statement each). Deny statements restrict and are not grants.
 */
export function grantStatements(template: EditableTemplate): GrantStatement[] {
  const found: GrantStatement[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const properties = resource.Properties ?? {};
    if (resource.Type === 'AWS::Lambda::Permission' || (resource.Type === 'AWS::Events::EventBusPolicy' && properties.Statement !== undefined)) {
      const statement = (resource.Type === 'AWS::Lambda::Permission' ? { Effect: 'Allow', Action: properties.Action, Principal: properties.Principal, Resource: properties.FunctionName } : properties.Statement) as Statement;
      if (statement.Effect !== 'Allow') continue;
      found.push({
        id: logicalId,
        logicalId,
        type: resource.Type,
        kind: 'resource',
        actions: list(statement.Action).map(render),
        principals: resource.Type === 'AWS::Lambda::Permission' ? [`Service:${render(properties.Principal)}`] : principalsOf(statement.Principal),
        resources: list(statement.Resource).map(render),
        remove: (copy) => delete copy.Resources[logicalId],
      });
      continue;
    }
    const roles = resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy' ? list(properties.Roles).map((role) => `role:${render(role)}`) : [`role:${logicalId}`];
    for (const { path, kind } of documentsOf(resource.Type, properties)) {
      const statements = list(at(properties, [...path, 'Statement'])) as Statement[];
      statements.forEach((statement, index) => {
        if (statement.Effect !== 'Allow') return;
        const where = [...path, 'Statement', index];
        found.push({
          id: `${logicalId} ${where.join('.')}`,
          logicalId,
          type: resource.Type,
          kind,
          ...(statement.Sid !== undefined ? { sid: statement.Sid } : {}),
          actions: list(statement.Action).map(render),
          principals: kind === 'identity' ? roles : principalsOf(statement.Principal),
          resources: list(statement.Resource).map(render),
          remove: (copy) => {
            const document = at(copy.Resources[logicalId]?.Properties, path) as { Statement: Statement | Statement[] };
            document.Statement = list(document.Statement).filter((_, position) => position !== index) as Statement[];
          },
        });
      });
    }
  }
  return found;
}

/** One line for a person: where the statement is, whom it lets do what. */
export function describeStatement(statement: GrantStatement): string {
  const who = statement.principals.join(' ');
  return `${statement.id}${statement.sid ? ` (${statement.sid})` : ''}: ${who} may ${statement.actions.join(', ')}`;
}
