import type { LocalModel, ResourcePolicyModel } from '../../model/types';
import { arnService, functionArn, functionNameFromArnOrName, queueArn } from '../arns';
import { TemplateError } from '../cfn-types';
import type { IamPass } from './iam-pass';

/** The resource-based policies of one template resource: one per resource it names. */
export function readResourcePolicies(pass: IamPass, logicalId: string, type: string, model: LocalModel): ResourcePolicyModel[] {
  const properties = pass.properties(logicalId);
  const policy = (document: unknown) => ({ name: logicalId, logicalId, document });
  switch (type) {
    case 'AWS::SQS::QueuePolicy':
      return properties.stringList('Queues').map((url) => ({ resourceArn: queueArnOf(pass, model, url), policy: policy(properties.values.PolicyDocument) }));
    case 'AWS::SQS::QueueInlinePolicy':
      return [{ resourceArn: queueArnOf(pass, model, properties.string('Queue')), policy: policy(properties.values.PolicyDocument) }];
    case 'AWS::SNS::TopicPolicy':
      return properties.stringList('Topics').map((topicArn) => ({ resourceArn: topicArn, policy: policy(properties.values.PolicyDocument) }));
    case 'AWS::KMS::Key':
      return [{ resourceArn: pass.resolver.identity(logicalId).attributes.Arn, policy: policy(properties.values.KeyPolicy ?? defaultKeyPolicy(pass)) }];
    case 'AWS::Lambda::Permission':
      return [lambdaPermission(pass, logicalId, model)];
    case 'AWS::Events::EventBusPolicy':
      return [eventBusPolicy(pass, logicalId, model)];
    default:
      return [];
  }
}

/** A queue named by its URL, `<endpoint>/<account>/<name>`: the template's queue, or the ARN the URL spells. */
function queueArnOf(pass: IamPass, model: LocalModel, url: string): string {
  const known = model.queues.find((queue) => queue.url === url || queue.arn === url);
  if (known) return known.arn;
  const [name, account] = url.split('/').reverse();
  if (!name || !account) throw new TemplateError(`Queue URL ${url} names no queue`);
  return queueArn({ region: pass.region, account }, name);
}

/** With no KeyPolicy, KMS gives a key its default policy: the account may do anything, through IAM policies. */
function defaultKeyPolicy(pass: IamPass): unknown {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:${pass.partition}:iam::${pass.account}:root` }, Action: 'kms:*', Resource: '*' }],
  };
}

/**
 * AWS::Lambda::Permission is one statement of the function's resource-based policy, written as AddPermission
 * writes it: `SourceArn` becomes an ArnLike condition on `AWS:SourceArn`, `SourceAccount` a StringEquals.
 */
function lambdaPermission(pass: IamPass, logicalId: string, model: LocalModel): ResourcePolicyModel {
  const properties = pass.properties(logicalId);
  const name = functionNameFromArnOrName(properties.string('FunctionName'));
  const resourceArn = model.functions.find((fn) => fn.name === name)?.arn ?? functionArn({ region: pass.region, account: pass.account }, name);
  const principal = properties.string('Principal');
  const conditions: Record<string, Record<string, string>> = {};
  const add = (operator: string, key: string, value: string | undefined): void => {
    if (value !== undefined) conditions[operator] = { ...conditions[operator], [key]: value };
  };
  add('ArnLike', 'AWS:SourceArn', properties.optionalString('SourceArn'));
  add('StringEquals', 'AWS:SourceAccount', properties.optionalString('SourceAccount'));
  add('StringEquals', 'aws:PrincipalOrgID', properties.optionalString('PrincipalOrgID'));
  add('StringEquals', 'lambda:FunctionUrlAuthType', properties.optionalString('FunctionUrlAuthType'));
  add('StringEquals', 'lambda:EventSourceToken', properties.optionalString('EventSourceToken'));
  const statement = {
    Sid: logicalId,
    Effect: 'Allow',
    Principal: principalElement(principal),
    Action: properties.string('Action'),
    Resource: resourceArn,
    ...(Object.keys(conditions).length > 0 ? { Condition: conditions } : {}),
  };
  return { resourceArn, policy: { name: logicalId, logicalId, document: { Version: '2012-10-17', Statement: [statement] } } };
}

/** A permission's `Principal`: `*`, an account or ARN, or a service such as `events.amazonaws.com`. */
function principalElement(principal: string): unknown {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal) || principal.startsWith('arn:')) return { AWS: principal };
  return { Service: principal };
}

/**
 * AWS::Events::EventBusPolicy: one statement of the bus's policy, given whole as `Statement`, or in the older form
 * of `Action`, `Principal` (an account id or `*`) and a `Condition` object of Type, Key and Value.
 */
function eventBusPolicy(pass: IamPass, logicalId: string, model: LocalModel): ResourcePolicyModel {
  const properties = pass.properties(logicalId);
  const busName = properties.optionalString('EventBusName') ?? 'default';
  const resourceArn =
    arnService(busName) === 'events' ? busName : (model.buses.find((bus) => bus.name === busName)?.arn ?? `arn:${pass.partition}:events:${pass.region}:${pass.account}:event-bus/${busName}`);
  const sid = properties.string('StatementId');
  let statement: Record<string, unknown>;
  if (properties.has('Statement')) {
    statement = { Sid: sid, ...(properties.json('Statement') as Record<string, unknown>) };
  } else {
    const principal = properties.string('Principal');
    const condition = properties.child('Condition');
    statement = {
      Sid: sid,
      Effect: 'Allow',
      Principal: principal === '*' ? '*' : { AWS: `arn:${pass.partition}:iam::${principal}:root` },
      Action: properties.string('Action'),
      Resource: resourceArn,
      ...(condition.has('Key') ? { Condition: { [condition.string('Type')]: { [condition.string('Key')]: condition.string('Value') } } } : {}),
    };
  }
  return { resourceArn, policy: { name: logicalId, logicalId, document: { Version: '2012-10-17', Statement: [statement] } } };
}
