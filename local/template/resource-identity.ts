import * as arns from './arns';
import { derivedPhysicalName, localKmsKeyId } from './physical-names';
import { TemplateError } from './cfn-types';

/** What `Ref` and `Fn::GetAtt` return for one resource. */
export interface ResourceIdentity {
  ref: string;
  attributes: Record<string, string>;
  /** False for types the runtime does not run: an unknown attribute then resolves to a readable placeholder. */
  knownType: boolean;
}

export interface IdentityInput {
  logicalId: string;
  type: string;
  stackName: string;
  region: string;
  account: string;
  endpoint: string;
  /** The label of a table's stream: its creation time. */
  streamLabel(tableArn: string, viewType: string): string;
  /** Reads one property of the resource with its intrinsics resolved. */
  property(name: string): unknown;
}

function physicalName(input: IdentityInput, nameProperty: string, suffix = ''): string {
  const explicit = input.property(nameProperty);
  if (explicit === undefined) return derivedPhysicalName(input.stackName, input.logicalId, input.type, suffix);
  if (typeof explicit !== 'string' || explicit === '') {
    throw new TemplateError(`${input.logicalId} (${input.type}): ${nameProperty} must be a non-empty string`);
  }
  return explicit;
}

/** An IAM path, `/` unless the template gives one; it sits between the resource type and the name in the ARN. */
function iamPath(input: IdentityInput): string {
  const path = input.property('Path');
  return typeof path === 'string' && path !== '' ? path : '/';
}

/** The CloudFormation return values of each resource type, built from local names. */
export function resourceIdentity(input: IdentityInput): ResourceIdentity {
  const scope = { region: input.region, account: input.account };
  switch (input.type) {
    case 'AWS::DynamoDB::Table':
    case 'AWS::DynamoDB::GlobalTable': {
      const name = physicalName(input, 'TableName');
      const attributes: Record<string, string> = { Arn: arns.tableArn(scope, name) };
      const stream = input.property('StreamSpecification') as { StreamViewType?: unknown } | undefined;
      if (stream !== undefined) {
        attributes.StreamArn = arns.tableStreamArn(scope, name, input.streamLabel(attributes.Arn, String(stream.StreamViewType)));
      }
      return { ref: name, attributes, knownType: true };
    }
    case 'AWS::SQS::Queue': {
      const fifo = input.property('FifoQueue') === true || input.property('FifoQueue') === 'true';
      const name = physicalName(input, 'QueueName', fifo ? '.fifo' : '');
      const url = arns.queueUrl(input.endpoint, input.account, name);
      return { ref: url, attributes: { Arn: arns.queueArn(scope, name), QueueName: name, QueueUrl: url }, knownType: true };
    }
    case 'AWS::Lambda::Function': {
      const name = physicalName(input, 'FunctionName');
      return { ref: name, attributes: { Arn: arns.functionArn(scope, name) }, knownType: true };
    }
    case 'AWS::Events::EventBus': {
      const name = physicalName(input, 'Name');
      return { ref: name, attributes: { Arn: arns.eventBusArn(scope, name), Name: name }, knownType: true };
    }
    case 'AWS::Events::Rule': {
      const name = physicalName(input, 'Name');
      const bus = arns.busNameFromArnOrName(String(input.property('EventBusName') ?? 'default'));
      return { ref: name, attributes: { Arn: arns.ruleArn(scope, bus, name) }, knownType: true };
    }
    case 'AWS::Events::Archive': {
      const name = physicalName(input, 'ArchiveName');
      return { ref: name, attributes: { Arn: arns.archiveArn(scope, name), ArchiveName: name }, knownType: true };
    }
    case 'AWS::SNS::Topic': {
      const fifo = input.property('FifoTopic') === true || input.property('FifoTopic') === 'true';
      const name = physicalName(input, 'TopicName', fifo ? '.fifo' : '');
      const arn = arns.topicArn(scope, name);
      return { ref: arn, attributes: { TopicArn: arn, TopicName: name }, knownType: true };
    }
    case 'AWS::SNS::Subscription': {
      const arn = arns.subscriptionArn(String(input.property('TopicArn')), input.logicalId);
      return { ref: arn, attributes: { Arn: arn }, knownType: true };
    }
    case 'AWS::Events::Connection': {
      const name = physicalName(input, 'Name');
      return {
        ref: name,
        attributes: {
          Arn: arns.connectionArn(scope, name),
          ArnForPolicy: arns.eventsArnForPolicy(scope, 'connection', name),
          SecretArn: arns.connectionSecretArn(scope, name),
        },
        knownType: true,
      };
    }
    case 'AWS::Events::ApiDestination': {
      const name = physicalName(input, 'Name');
      return {
        ref: name,
        attributes: { Arn: arns.apiDestinationArn(scope, name), ArnForPolicy: arns.eventsArnForPolicy(scope, 'api-destination', name) },
        knownType: true,
      };
    }
    case 'AWS::Pipes::Pipe': {
      const name = physicalName(input, 'Name');
      return { ref: name, attributes: { Arn: arns.pipeArn(scope, name), Name: name }, knownType: true };
    }
    case 'AWS::KMS::Key': {
      const multiRegion = input.property('MultiRegion') === true || input.property('MultiRegion') === 'true';
      const keyId = localKmsKeyId(input, multiRegion);
      return { ref: keyId, attributes: { Arn: arns.kmsKeyArn(scope, keyId), KeyId: keyId }, knownType: true };
    }
    case 'AWS::KMS::Alias': {
      const name = input.property('AliasName');
      if (typeof name !== 'string' || !name.startsWith('alias/')) {
        throw new TemplateError(`${input.logicalId} (${input.type}): AliasName must be a string that starts with alias/`);
      }
      return { ref: name, attributes: {}, knownType: true };
    }
    case 'AWS::Lambda::EventSourceMapping': {
      const id = `${input.stackName}-${input.logicalId}`;
      return { ref: id, attributes: { Id: id, EventSourceMappingArn: arns.eventSourceMappingArn(scope, id) }, knownType: true };
    }
    case 'AWS::IAM::Role': {
      const name = physicalName(input, 'RoleName');
      const arn = `${arns.iamArnPrefix(scope)}role${iamPath(input)}${name}`;
      return { ref: name, attributes: { Arn: arn, RoleId: arns.iamUniqueId('AROA', arn) }, knownType: true };
    }
    case 'AWS::IAM::ManagedPolicy': {
      const name = physicalName(input, 'ManagedPolicyName');
      const arn = `${arns.iamArnPrefix(scope)}policy${iamPath(input)}${name}`;
      return { ref: arn, attributes: { PolicyArn: arn }, knownType: true };
    }
    case 'AWS::Logs::LogGroup': {
      const name = physicalName(input, 'LogGroupName');
      return { ref: name, attributes: { Arn: `${arns.logGroupArn(scope, name)}:*` }, knownType: true };
    }
    default: {
      const name = derivedPhysicalName(input.stackName, input.logicalId, input.type);
      const arn = arns.genericArn(scope, input.type, name);
      return { ref: name, attributes: { Arn: arn }, knownType: false };
    }
  }
}
