import type { LocalModel } from '../../../../local/model/types';
import type { CfnTemplate } from '../../../../local/template/cfn-types';
import { loadIamModel } from '../../../../local/template/iam/iam-pass';
import { createTemplateResolver } from '../../../../local/template/intrinsics';

/** How roles and every kind of resource-based policy of a template become local IAM's model. */
describe('loadIamModel', () => {
  const scope = { stackName: 's', region: 'us-east-1', account: '000000000000', endpoint: 'http://127.0.0.1:4566', streamLabel: () => '2026-01-01T00:00:00.000' };
  const fnArn = 'arn:aws:lambda:us-east-1:000000000000:function:s-Fn';

  function load(resources: CfnTemplate['Resources']): { model: LocalModel; warnings: string[] } {
    const template: CfnTemplate = { Resources: resources };
    const model = { queues: [], functions: [], buses: [], archives: [], keys: [], aliases: [], iam: { roles: [], resourcePolicies: [] } } as unknown as LocalModel;
    const warnings: string[] = [];
    loadIamModel({ resources: resources ?? {}, resolver: createTemplateResolver(template, scope), region: scope.region, account: scope.account, warn: (line) => warnings.push(line) }, model);
    return { model, warnings };
  }
  const allow = (action: string) => ({ Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

  test('a role gets its inline policies, the AWS::IAM::Policy and customer managed policies attached to it, by name or by ARN', () => {
    const { model } = load({
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          Path: '/service/',
          Policies: [{ PolicyName: 'inline', PolicyDocument: allow('sqs:*') }],
          ManagedPolicyArns: [{ Ref: 'ByArn' }, 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
        },
      },
      Attached: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'attached', PolicyDocument: allow('sns:*'), Roles: [{ Ref: 'Role' }] } },
      ByArn: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: allow('kms:*') } },
      ByRole: { Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: 'by-role', PolicyDocument: allow('s3:*'), Roles: [{ Ref: 'Role' }] } },
    });
    const [role] = model.iam.roles;
    expect(role.arn).toBe('arn:aws:iam::000000000000:role/service/s-Role');
    expect(role.policies.map((policy) => policy.name)).toEqual(['inline', 'attached', 'arn:aws:iam::000000000000:policy/s-ByArn', 'arn:aws:iam::000000000000:policy/by-role']);
    expect(role.awsManagedPolicyArns).toEqual(['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']);
  });

  test('names what it cannot apply: a permissions boundary, a policy for users, a role that is not in the template', () => {
    const { warnings } = load({
      Role: { Type: 'AWS::IAM::Role', Properties: { PermissionsBoundary: 'arn:aws:iam::000000000000:policy/boundary' } },
      ForUsers: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', PolicyDocument: allow('*'), Users: ['ada'], Roles: ['elsewhere'] } },
    });
    expect(warnings).toEqual([
      'Role (AWS::IAM::Role): PermissionsBoundary is not applied locally; the role may do more locally than in AWS',
      'ForUsers (AWS::IAM::Policy): role elsewhere is not a role of the template; the policy is not applied to it locally',
      'ForUsers (AWS::IAM::Policy): attached to IAM users or groups, which never call the local runtime; only its roles get it',
    ]);
  });

  test('a Lambda permission becomes the statement AddPermission writes, conditions included', () => {
    const { model } = load({
      Permission: {
        Type: 'AWS::Lambda::Permission',
        Properties: { Action: 'lambda:InvokeFunction', FunctionName: 's-Fn', Principal: 'events.amazonaws.com', SourceArn: 'arn:aws:events:us-east-1:000000000000:rule/r', SourceAccount: '000000000000' },
      },
      ForAccount: { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: fnArn, Principal: '111122223333' } },
    });
    expect(model.iam.resourcePolicies.map((entry) => [entry.resourceArn, (entry.policy.document as { Statement: unknown[] }).Statement[0]])).toEqual([
      [
        fnArn,
        {
          Sid: 'Permission',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: fnArn,
          Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:events:us-east-1:000000000000:rule/r' }, StringEquals: { 'AWS:SourceAccount': '000000000000' } },
        },
      ],
      [fnArn, { Sid: 'ForAccount', Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'lambda:InvokeFunction', Resource: fnArn }],
    ]);
  });

  test('an event bus policy statement, given whole or in the older Action/Principal/Condition form', () => {
    const { model } = load({
      Whole: {
        Type: 'AWS::Events::EventBusPolicy',
        Properties: { EventBusName: 'bus', StatementId: 'deny-forgers', Statement: { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'events:PutEvents', Resource: '*' } },
      },
      Older: {
        Type: 'AWS::Events::EventBusPolicy',
        Properties: { StatementId: 'org', Action: 'events:PutEvents', Principal: '*', Condition: { Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: 'o-1' } },
      },
    });
    expect(model.iam.resourcePolicies.map((entry) => [entry.resourceArn, (entry.policy.document as { Statement: unknown[] }).Statement[0]])).toEqual([
      ['arn:aws:events:us-east-1:000000000000:event-bus/bus', { Sid: 'deny-forgers', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'events:PutEvents', Resource: '*' }],
      [
        'arn:aws:events:us-east-1:000000000000:event-bus/default',
        {
          Sid: 'org',
          Effect: 'Allow',
          Principal: '*',
          Action: 'events:PutEvents',
          Resource: 'arn:aws:events:us-east-1:000000000000:event-bus/default',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } },
        },
      ],
    ]);
  });

  test('queue, inline queue and topic policies attach to each resource they name; a key to its own policy', () => {
    const { model } = load({
      Queue: { Type: 'AWS::SQS::Queue' },
      Topic: { Type: 'AWS::SNS::Topic' },
      QueuePolicy: { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [{ Ref: 'Queue' }, 'http://127.0.0.1:4566/111122223333/elsewhere'], PolicyDocument: allow('sqs:*') } },
      Inline: { Type: 'AWS::SQS::QueueInlinePolicy', Properties: { Queue: { Ref: 'Queue' }, PolicyDocument: allow('sqs:SendMessage') } },
      TopicPolicy: { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: [{ Ref: 'Topic' }], PolicyDocument: allow('sns:Publish') } },
      Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: allow('kms:Decrypt') } },
    });
    expect(model.iam.resourcePolicies.map((entry) => `${entry.resourceArn} ${entry.policy.name}`)).toEqual([
      'arn:aws:sqs:us-east-1:000000000000:s-Queue QueuePolicy',
      'arn:aws:sqs:us-east-1:111122223333:elsewhere QueuePolicy',
      'arn:aws:sqs:us-east-1:000000000000:s-Queue Inline',
      'arn:aws:sns:us-east-1:000000000000:s-Topic TopicPolicy',
      expect.stringMatching(/^arn:aws:kms:us-east-1:000000000000:\S+ Key$/),
    ]);
  });
});
