import { createTemplateResolver } from '../../../local/template/intrinsics';
import { CfnTemplate } from '../../../local/template/cfn-types';

const scope = {
  stackName: 's',
  region: 'us-east-1',
  account: '000000000000',
  endpoint: 'http://127.0.0.1:4566',
  streamLabel: () => '2026-01-01T00:00:00.000',
};

function resolve(template: CfnTemplate, value: unknown): unknown {
  return createTemplateResolver(template, scope).resolve(value, 'Here');
}

describe('template intrinsics errors', () => {
  const template: CfnTemplate = {
    Parameters: { NoDefault: { Type: 'String' } },
    Resources: {
      Queue: { Type: 'AWS::SQS::Queue' },
      Alarm: { Type: 'AWS::CloudWatch::Alarm' },
      A: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::GetAtt': ['B', 'QueueName'] } } },
      B: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::GetAtt': ['A', 'QueueName'] } } },
    },
  };

  it('names an unknown reference', () => {
    expect(() => resolve(template, { Ref: 'Missing' })).toThrow('Reference to unknown resource or parameter "Missing"');
  });

  it('names an attribute a supported type does not have, and the place it was asked for', () => {
    expect(() => resolve(template, { Env: { 'Fn::GetAtt': ['Queue', 'Nope'] } })).toThrow(
      'Here.Env.Fn::GetAtt: Queue has no attribute "Nope" in the local runtime',
    );
  });

  it('gives inert resources readable placeholder attributes', () => {
    expect(resolve(template, { 'Fn::GetAtt': ['Alarm', 'AlarmName'] })).toBe('s-Alarm.AlarmName');
  });

  it('detects cycles through resource names', () => {
    expect(() => resolve(template, { Ref: 'A' })).toThrow(/Circular reference through the name of "A"/);
  });

  it('rejects parameters without defaults, unsupported functions and malformed arguments', () => {
    expect(() => resolve(template, { Ref: 'NoDefault' })).toThrow('parameter "NoDefault" has no default value');
    expect(() => resolve(template, { 'Fn::ImportValue': 'x' })).toThrow('the local runtime does not support Fn::ImportValue');
    expect(() => resolve(template, { 'Fn::Select': [5, ['a']] })).toThrow('index 5 is out of range for a list of 1');
    expect(() => resolve(template, { 'Fn::Join': ['-'] })).toThrow('expected a list of 2');
  });
});
