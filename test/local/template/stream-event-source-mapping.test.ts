import * as path from 'node:path';
import { loadLocalModel } from '../../../local/template';
import { lambdaFunction, queue, streamMapping, table, writeAssembly } from '../../../support/template-assembly';

const scope = { endpoint: 'http://127.0.0.1:4566', region: 'us-east-1', account: '000000000000' };
const CODE = path.join(__dirname, '..', 'lambda', 'fixtures', 'stream-handlers');

function load(mapping: Record<string, unknown>) {
  const assembly = writeAssembly({
    Table: table('events', { sortKey: true }),
    Failures: queue('failures'),
    Consumer: lambdaFunction('consumer', CODE, 'consume'),
    Mapping: streamMapping('Table', 'Consumer', mapping),
  });
  return loadLocalModel({ cdkOutDir: assembly, ...scope });
}

describe('loadLocalModel: event source mappings on DynamoDB streams', () => {
  it('reads every property with AWS defaults for those left out', () => {
    const model = load({});
    expect(model.eventSourceMappings).toEqual([]);
    expect(model.streamEventSourceMappings).toEqual([
      {
        logicalId: 'Mapping',
        id: 'test-stack-Mapping',
        functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:consumer',
        streamArn: model.tables[0].stream?.arn,
        partitionKeyName: 'pk',
        startingPosition: 'TRIM_HORIZON',
        batchSize: 100,
        maximumBatchingWindowSeconds: 0,
        filters: [],
        bisectBatchOnFunctionError: false,
        maximumRetryAttempts: -1,
        maximumRecordAgeSeconds: -1,
        reportBatchItemFailures: false,
        parallelizationFactor: 1,
        tumblingWindowSeconds: 0,
        enabled: true,
      },
    ]);
    expect(model.warnings).toEqual([]);
  });

  it('reads the settings a template gives, the on-failure queue included', () => {
    const [mapping] = load({
      BatchSize: 25,
      MaximumBatchingWindowInSeconds: 3,
      FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] },
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 4,
      MaximumRecordAgeInSeconds: 3600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ParallelizationFactor: 5,
      TumblingWindowInSeconds: 120,
      Enabled: false,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['Failures', 'Arn'] } } },
    }).streamEventSourceMappings;
    expect(mapping).toMatchObject({
      batchSize: 25,
      maximumBatchingWindowSeconds: 3,
      filters: ['{"eventName":["INSERT"]}'],
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 4,
      maximumRecordAgeSeconds: 3600,
      reportBatchItemFailures: true,
      parallelizationFactor: 5,
      tumblingWindowSeconds: 120,
      enabled: false,
      onFailureDestinationArn: 'arn:aws:sqs:us-east-1:000000000000:failures',
    });
  });

  it.each([
    [{ BatchSize: 10_001 }, 'BatchSize must be an integer from 1 to 10000, got 10001'],
    [{ MaximumBatchingWindowInSeconds: 301 }, 'MaximumBatchingWindowInSeconds must be an integer from 0 to 300'],
    [{ MaximumRetryAttempts: -2 }, 'MaximumRetryAttempts must be an integer from -1 to 10000'],
    [{ MaximumRecordAgeInSeconds: 30 }, 'MaximumRecordAgeInSeconds must be -1 or an integer from 60 to 604800, got 30'],
    [{ ParallelizationFactor: 11 }, 'ParallelizationFactor must be an integer from 1 to 10'],
    [{ TumblingWindowInSeconds: 901 }, 'TumblingWindowInSeconds must be an integer from 0 to 900'],
    [{ StartingPosition: 'AT_TIMESTAMP' }, 'StartingPosition must be TRIM_HORIZON or LATEST for a DynamoDB stream, got AT_TIMESTAMP'],
    [{ StartingPosition: undefined }, 'StartingPosition is required for a DynamoDB stream source'],
    [{ FunctionResponseTypes: ['Everything'] }, 'unknown FunctionResponseTypes value Everything'],
    [{ FilterCriteria: { Filters: [{ Pattern: '{"eventName":"INSERT"}' }] } }, 'FilterCriteria is not valid: Event pattern is not valid'],
  ])('refuses what AWS would refuse at deploy: %j', (mapping, message) => {
    expect(() => load(mapping)).toThrow(`Mapping (AWS::Lambda::EventSourceMapping): ${message}`);
  });

  it('warns, naming the resource and the property, about what it does not run', () => {
    const model = load({
      DestinationConfig: { OnFailure: { Destination: 'arn:aws:s3:::failed-batches' } },
      SelfManagedEventSource: { Endpoints: {} },
    });
    expect(model.warnings).toEqual([
      'Mapping (AWS::Lambda::EventSourceMapping): SelfManagedEventSource is not applied locally',
      'Mapping (AWS::Lambda::EventSourceMapping): DestinationConfig.OnFailure arn:aws:s3:::failed-batches is not delivered locally (SQS only); a batch given up on is logged',
    ]);
    expect(model.streamEventSourceMappings[0].onFailureDestinationArn).toBeUndefined();
  });

  it('skips, with a warning, a mapping on a stream that is not a table of the template', () => {
    const model = load({ EventSourceArn: 'arn:aws:dynamodb:us-east-1:111111111111:table/elsewhere/stream/2026-01-01T00:00:00.000' });
    expect(model.streamEventSourceMappings).toEqual([]);
    expect(model.warnings).toEqual([
      'Mapping (AWS::Lambda::EventSourceMapping): stream arn:aws:dynamodb:us-east-1:111111111111:table/elsewhere/stream/2026-01-01T00:00:00.000 is not the stream of a table in the template; not run locally',
    ]);
  });
});
