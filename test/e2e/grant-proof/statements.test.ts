import type { EditableTemplate } from '../assembly-copy';
import { describeStatement, grantStatements } from './statements';

const document = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const allow = (action: string, extra: object = {}) => ({ Effect: 'Allow', Action: action, Resource: '*', ...extra });

function template(): EditableTemplate {
  return {
    Resources: {
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: document(allow('sts:AssumeRole', { Principal: { Service: 'lambda.amazonaws.com' } })),
          Policies: [{ PolicyName: 'inline', PolicyDocument: document(allow('s3:GetObject'), { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }) }],
        },
      },
      Managed: { Type: 'AWS::IAM::ManagedPolicy', Properties: { Roles: [{ Ref: 'Role' }], PolicyDocument: document(allow('sqs:SendMessage')) } },
      Topic: { Type: 'AWS::SNS::TopicPolicy', Properties: { PolicyDocument: { Statement: allow('sns:Publish', { Principal: { Service: 'cloudwatch.amazonaws.com' } }) } } },
      BusPolicy: { Type: 'AWS::Events::EventBusPolicy', Properties: { Statement: allow('events:PutEvents', { Principal: { AWS: { 'Fn::GetAtt': ['Role', 'Arn'] } } }) } },
      Permission: { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', FunctionName: { 'Fn::GetAtt': ['Fn', 'Arn'] } } },
      Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
    },
  };
}

describe("the grant proof's statements", () => {
  it('takes every Allow of identity, trust and resource-based policies, and leaves Deny statements alone', () => {
    expect(grantStatements(template()).map(describeStatement)).toEqual([
      'Role AssumeRolePolicyDocument.Statement.0: Service:lambda.amazonaws.com may sts:AssumeRole',
      'Role Policies.0.PolicyDocument.Statement.0: role:Role may s3:GetObject',
      'Managed PolicyDocument.Statement.0: role:Role may sqs:SendMessage',
      'Topic PolicyDocument.Statement.0: Service:cloudwatch.amazonaws.com may sns:Publish',
      'BusPolicy: AWS:Role.Arn may events:PutEvents',
      'Permission: Service:events.amazonaws.com may lambda:InvokeFunction',
    ]);
  });

  it('removes exactly one statement from a copy: from its document, or the resource that is the statement', () => {
    const copy = template();
    const [, inline, , topic, bus, permission] = grantStatements(copy);
    inline?.remove(copy);
    topic?.remove(copy);
    bus?.remove(copy);
    permission?.remove(copy);
    const policies = copy.Resources.Role?.Properties?.Policies as Array<{ PolicyDocument: { Statement: unknown[] } }>;
    expect(policies[0]?.PolicyDocument.Statement).toEqual([{ Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }]);
    expect((copy.Resources.Topic?.Properties?.PolicyDocument as { Statement: unknown[] }).Statement).toEqual([]);
    expect(Object.keys(copy.Resources)).toEqual(['Role', 'Managed', 'Topic', 'Queue']);
    expect(grantStatements(template())).toHaveLength(6);
  });
});
