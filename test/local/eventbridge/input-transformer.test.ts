import { EventBridgeClient, ListTargetsByRuleCommand, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { TemplateError } from '../../../local/template/cfn-types';
import { recorded, recorderFunction, startInlineStack, temporaryLogFile, type InlineStack } from '../../../support/inline-stack';
import { waitFor } from '../../../support/waiting';

const DETAIL = { command: 'update-account', payload: { acc_id: '0a787ecb-4015', sf_id: 'baz' } };
const PATTERN = { source: ['core.update-account-command'] };

/** One target per case, each into its own queue, so every case reads what its own target received. */
const CASES: Record<string, Record<string, unknown>> = {
  inputPathObject: { InputPath: '$.detail' },
  inputPathString: { InputPath: '$.detail.payload.sf_id' },
  inputPathWildcard: { InputPath: '$.detail.payload.*' },
  constantInput: { Input: '{"fixed":true}' },
  stringTemplate: {
    InputTransformer: {
      InputPathsMap: { 'detail-type': '$.detail-type', command: '$.detail.command', missing: '$.detail.notinmessage' },
      InputTemplate: '"Event of <detail-type> type, command <command>, missing <missing>"',
    },
  },
  bareTextTemplate: {
    InputTransformer: { InputPathsMap: { id: '$.detail.payload.sf_id' }, InputTemplate: '<id> is in state "<id>"' },
  },
  jsonTemplate: {
    InputTransformer: {
      InputPathsMap: { 'detail-type': '$.detail-type', payload: '$.detail.payload', missing: '$.detail.notinmessage' },
      InputTemplate: '{\n  "detailType": <detail-type>,  "payload": <payload>, "missing": <missing>, "inString": "id=<detail-type>; payload=<payload>; missing=<missing>"\n}',
    },
  },
  reservedVariables: {
    InputTransformer: {
      InputTemplate: '{"ruleArn": <aws.events.rule-arn>, "ruleName": "<aws.events.rule-name>", "at": <aws.events.event.ingestion-time>, "envelope": <aws.events.event>, "whole": <aws.events.event.json>}',
    },
  },
};

function template(logFile: string) {
  const queues = Object.fromEntries(Object.keys(CASES).map((name) => [`${name}Queue`, { Type: 'AWS::SQS::Queue', Properties: { QueueName: `input-${name}` } }]));
  return {
    ...queues,
    LambdaDlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'input-lambda-dlq' } },
    Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'inputs' } },
    Consumer: recorderFunction('inputs-consumer', 'record', logFile),
    Transforms: {
      Type: 'AWS::Events::Rule',
      Properties: {
        Name: 'transforms',
        EventBusName: { Ref: 'Bus' },
        EventPattern: PATTERN,
        Targets: [
          ...Object.entries(CASES).map(([name, input]) => ({ Id: name, Arn: { 'Fn::GetAtt': [`${name}Queue`, 'Arn'] }, ...input })),
          {
            Id: 'lambda',
            Arn: { 'Fn::GetAtt': ['Consumer', 'Arn'] },
            InputTransformer: { InputPathsMap: { account: '$.detail.payload.acc_id' }, InputTemplate: '{"account": <account>, "note": "for <account>"}' },
          },
          {
            Id: 'lambdaText',
            Arn: { 'Fn::GetAtt': ['Consumer', 'Arn'] },
            InputTransformer: { InputPathsMap: { account: '$.detail.payload.acc_id' }, InputTemplate: 'account <account>' },
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['LambdaDlq', 'Arn'] } },
          },
        ],
      },
    },
  };
}

describe('EventBridge target input: Input, InputPath and InputTransformer, through the endpoint', () => {
  let stack: InlineStack;
  let sqs: SQSClient;
  let events: EventBridgeClient;
  const logFile = temporaryLogFile();
  const bodies = new Map<string, string>();

  beforeAll(async () => {
    stack = await startInlineStack(template(logFile));
    sqs = new SQSClient(stack.clientConfig);
    events = new EventBridgeClient(stack.clientConfig);
    const put = await events.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: 'inputs', Source: 'core.update-account-command', DetailType: 'core.update-account-command', Detail: JSON.stringify(DETAIL) }],
      }),
    );
    expect(put.FailedEntryCount).toBe(0);
    for (const name of Object.keys(CASES)) {
      const queueUrl = `${stack.runtime.endpoint}/000000000000/input-${name}`;
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 10 }));
      bodies.set(name, Messages?.[0]?.Body ?? '(nothing received)');
    }
  });
  afterAll(async () => {
    sqs.destroy();
    events.destroy();
    await stack.stop();
  });

  it('InputPath selects part of the event, as JSON', () => {
    expect(JSON.parse(bodies.get('inputPathObject') as string)).toEqual(DETAIL);
    expect(bodies.get('inputPathString')).toBe('"baz"');
    expect(JSON.parse(bodies.get('inputPathWildcard') as string)).toEqual(['0a787ecb-4015', 'baz']);
  });

  it('Input is sent as written', () => {
    expect(bodies.get('constantInput')).toBe('{"fixed":true}');
  });

  it('a string template keeps its quotes and fills variables as text; a missing variable is left out', () => {
    expect(bodies.get('stringTemplate')).toBe('"Event of core.update-account-command type, command update-account, missing "');
    expect(bodies.get('bareTextTemplate')).toBe('baz is in state "baz"');
  });

  it('a JSON template is minified, with values as JSON and, inside strings, as text without quotes', () => {
    expect(bodies.get('jsonTemplate')).toBe(
      '{"detailType":"core.update-account-command","payload":{"acc_id":"0a787ecb-4015","sf_id":"baz"},"missing":"",' +
        '"inString":"id=core.update-account-command; payload={acc_id:0a787ecb-4015,sf_id:baz}; missing="}',
    );
  });

  it('the reserved variables name the rule, the ingestion time and the event', () => {
    const body = JSON.parse(bodies.get('reservedVariables') as string);
    const whole = body.whole;
    expect(whole).toMatchObject({ source: 'core.update-account-command', detail: DETAIL });
    expect(body).toEqual({
      ruleArn: 'arn:aws:events:us-east-1:000000000000:rule/inputs/transforms',
      ruleName: 'transforms',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      envelope: {
        version: '0',
        id: whole.id,
        detailType: 'core.update-account-command',
        source: 'core.update-account-command',
        account: '000000000000',
        time: whole.time,
        region: 'us-east-1',
        resources: [],
      },
      whole,
    });
  });

  it('a Lambda target is invoked with the transformed JSON', async () => {
    const invoked = await waitFor('the function to be invoked', () => recorded(logFile)[0]);
    expect(invoked).toEqual({ account: '0a787ecb-4015', note: 'for 0a787ecb-4015' });
  });

  it('a Lambda target whose transformed input is not JSON is not invoked; the event goes to its DLQ', async () => {
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: `${stack.runtime.endpoint}/000000000000/input-lambda-dlq`, WaitTimeSeconds: 10, MessageAttributeNames: ['All'] }),
    );
    expect(Messages).toHaveLength(1);
    expect(JSON.parse(Messages?.[0].Body as string)).toMatchObject({ source: 'core.update-account-command', detail: DETAIL });
    expect(Messages?.[0].MessageAttributes?.ERROR_CODE?.StringValue).toBe('INVALID_INPUT');
    expect(Messages?.[0].MessageAttributes?.RETRY_ATTEMPTS?.StringValue).toBe('0');
    expect(recorded(logFile)).toHaveLength(1);
  });

  it('ListTargetsByRule shows each target its transformation', async () => {
    const { Targets } = await events.send(new ListTargetsByRuleCommand({ Rule: 'transforms', EventBusName: 'inputs' }));
    expect(Targets?.find((target) => target.Id === 'stringTemplate')?.InputTransformer).toEqual(CASES.stringTemplate.InputTransformer);
    expect(Targets?.find((target) => target.Id === 'inputPathString')?.InputPath).toBe('$.detail.payload.sf_id');
  });
});

describe('EventBridge target input that PutTargets would refuse', () => {
  const rule = (target: Record<string, unknown>) => ({
    Work: { Type: 'AWS::SQS::Queue' },
    Refused: { Type: 'AWS::Events::Rule', Properties: { EventPattern: PATTERN, Targets: [{ Id: 'work', Arn: { 'Fn::GetAtt': ['Work', 'Arn'] }, ...target }] } },
  });

  it('refuses a placeholder that is neither defined nor reserved', async () => {
    const template = rule({ InputTransformer: { InputPathsMap: { command: '$.detail.command' }, InputTemplate: '"<command> <notdefinedkey>"' } });
    await expect(startInlineStack(template)).rejects.toThrow(
      new TemplateError('Refused (AWS::Events::Rule): InputTemplate for target work contains invalid placeholder notdefinedkey.'),
    );
  });

  it('refuses more than one of Input, InputPath and InputTransformer', async () => {
    await expect(startInlineStack(rule({ Input: '{}', InputPath: '$.detail' }))).rejects.toThrow(
      new TemplateError('Refused (AWS::Events::Rule): Only one of Input, InputPath, or InputTransformer must be provided for target work.'),
    );
  });

  it('names SqsParameters, which it does not apply, in a warning', async () => {
    const stack = await startInlineStack(rule({ SqsParameters: { MessageGroupId: 'users' } }));
    await stack.stop();
    expect(stack.runtime.model.warnings).toEqual([
      "Refused (AWS::Events::Rule): target work's SqsParameters (a FIFO MessageGroupId) is not applied locally; messages are sent without it",
    ]);
  });

  it('refuses a path EventBridge cannot evaluate', async () => {
    await expect(startInlineStack(rule({ InputPath: 'detail.command' }))).rejects.toThrow(
      new TemplateError('Refused (AWS::Events::Rule): InputPath "detail.command" is not a JSONPath: it must start with $'),
    );
  });
});
