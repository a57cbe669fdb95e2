import { loadLocalModel } from '../../../local/template';
import { queue, table, writeAssembly } from '../../../support/template-assembly';

const scope = { endpoint: 'http://127.0.0.1:4566', region: 'us-east-1', account: '000000000000' };

function load(pipe: Record<string, unknown>) {
  const assembly = writeAssembly({
    Users: table('users'),
    Orders: queue('orders'),
    Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'bus' } },
    Pipe: { Type: 'AWS::Pipes::Pipe', Properties: { RoleArn: 'arn:aws:iam::000000000000:role/pipe', Target: { 'Fn::GetAtt': ['Bus', 'Arn'] }, ...pipe } },
  });
  return loadLocalModel({ cdkOutDir: assembly, ...scope });
}

describe('loadLocalModel: pipes', () => {
  it('reads an SQS source with AWS defaults, and names it in the default detail-type', () => {
    const model = load({ Source: { 'Fn::GetAtt': ['Orders', 'Arn'] } });
    expect(model.pipes[0]).toMatchObject({
      source: { kind: 'sqs', queueArn: 'arn:aws:sqs:us-east-1:000000000000:orders', batchSize: 10, maximumBatchingWindowSeconds: 0 },
      target: { kind: 'eventbridge', detailType: 'Event from aws:sqs' },
    });
    expect(model.warnings).toEqual([]);
  });

  it('refuses an SQS batch over 10 without a batching window, as AWS does', () => {
    expect(() => load({ Source: { 'Fn::GetAtt': ['Orders', 'Arn'] }, SourceParameters: { SqsQueueParameters: { BatchSize: 50 } } })).toThrow(
      'Pipe: SqsQueueParameters.MaximumBatchingWindowInSeconds must be at least 1 when BatchSize is over 10',
    );
  });

  it('warns, naming the resource and the property, about every pipe setting it does not apply', () => {
    const model = load({
      Source: { 'Fn::GetAtt': ['Users', 'StreamArn'] },
      SourceParameters: { DynamoDBStreamParameters: { StartingPosition: 'LATEST', ParallelizationFactor: 4 } },
      EnrichmentParameters: { HttpParameters: { HeaderParameters: { a: 'b' } } },
      TargetParameters: { EventBridgeEventBusParameters: { DetailType: '$.eventName', Time: '$.time' } },
      LogConfiguration: { Level: 'ERROR' },
    });
    expect(model.warnings).toEqual([
      'Pipe (AWS::Pipes::Pipe): SourceParameters.DynamoDBStreamParameters.ParallelizationFactor is not applied locally',
      'Pipe (AWS::Pipes::Pipe): EnrichmentParameters.HttpParameters is not applied locally',
      'Pipe (AWS::Pipes::Pipe): TargetParameters.EventBridgeEventBusParameters.DetailType is a dynamic path parameter, which is not applied locally; the literal $.eventName is used',
      'Pipe (AWS::Pipes::Pipe): TargetParameters.EventBridgeEventBusParameters.Time is not applied locally',
    ]);
  });
});
