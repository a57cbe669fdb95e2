import { AttributeDefinition, KeySchemaElement, SecondaryIndexModel, StreamViewType, TableModel } from '../../model/types';
import { TemplateError } from '../cfn-types';
import { PropertyReader } from '../properties';
import { ResolvedResource } from './build-context';

const STREAM_VIEW_TYPES: readonly StreamViewType[] = ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'];

function keySchema(reader: PropertyReader): KeySchemaElement[] {
  return reader.list('KeySchema').map((key) => {
    const keyType = key.string('KeyType');
    if (keyType !== 'HASH' && keyType !== 'RANGE') throw new TemplateError(`KeyType must be HASH or RANGE, got ${keyType}`);
    return { AttributeName: key.string('AttributeName'), KeyType: keyType };
  });
}

function secondaryIndexes(reader: PropertyReader, name: string): SecondaryIndexModel[] {
  return reader.list(name).map((index) => {
    const projection = index.child('Projection');
    return {
      IndexName: index.string('IndexName'),
      KeySchema: keySchema(index),
      Projection: {
        ProjectionType: projection.optionalString('ProjectionType'),
        ...(projection.has('NonKeyAttributes') ? { NonKeyAttributes: projection.stringList('NonKeyAttributes') } : {}),
      },
    };
  });
}

/** AWS::DynamoDB::Table and AWS::DynamoDB::GlobalTable (TableV2), which share these properties. */
export function buildTable({ logicalId, identity, properties }: ResolvedResource): TableModel {
  const attributeDefinitions: AttributeDefinition[] = properties.list('AttributeDefinitions').map((definition) => {
    const type = definition.string('AttributeType');
    if (type !== 'S' && type !== 'N' && type !== 'B') throw new TemplateError(`${logicalId}: AttributeType must be S, N or B`);
    return { AttributeName: definition.string('AttributeName'), AttributeType: type };
  });
  const table: TableModel = {
    logicalId,
    name: identity.ref,
    arn: identity.attributes.Arn,
    keySchema: keySchema(properties),
    attributeDefinitions,
    globalSecondaryIndexes: secondaryIndexes(properties, 'GlobalSecondaryIndexes'),
    localSecondaryIndexes: secondaryIndexes(properties, 'LocalSecondaryIndexes'),
  };
  const stream = properties.child('StreamSpecification');
  const viewType = stream.optionalString('StreamViewType');
  if (viewType !== undefined) {
    if (!STREAM_VIEW_TYPES.includes(viewType as StreamViewType)) {
      throw new TemplateError(`${logicalId}: unknown StreamViewType ${viewType}`);
    }
    table.stream = { viewType: viewType as StreamViewType, arn: identity.attributes.StreamArn };
  }
  const ttl = properties.child('TimeToLiveSpecification');
  if (ttl.boolean('Enabled', false)) table.timeToLiveAttribute = ttl.string('AttributeName');
  return table;
}
