import { applyInputTemplate } from '../../../local/pipes';

const variables = {
  pipeArn: 'arn:aws:pipes:us-east-1:000000000000:pipe/p',
  pipeName: 'p',
  sourceArn: 'arn:source',
  enrichmentArn: 'arn:enrichment',
  targetArn: 'arn:target',
  ingestionTime: '2026-01-01T00:00:00.000Z',
};
const event = { eventID: 'e-1', dynamodb: { NewImage: { userId: { S: 'u-1' }, tags: { SS: ['a', 'b'] }, age: { N: '42' } } } };
/** An SQS record whose body holds JSON, as a pipe with an SQS source reads it. */
const message = {
  messageId: 'm-1',
  body: '{"key": "value", "items": [{"id": 1}, {"id": 2}]}',
  attributes: { SenderId: 'AIDAEXAMPLE' },
  eventSource: 'aws:sqs',
};

describe('pipe input templates, by the rules of the Pipes user guide', () => {
  it('quotes string values placed outside quotes, and keeps objects and arrays as JSON', () => {
    expect(
      applyInputTemplate(
        '{"user": <$.dynamodb.NewImage.userId.S>, "tags": <$.dynamodb.NewImage.tags.SS>, "image": <$.dynamodb.NewImage.age>}',
        event,
        variables,
      ),
    ).toEqual({ user: 'u-1', tags: ['a', 'b'], image: { N: '42' } });
  });

  it('places values inside quotes as text, an object or array losing its inner quotes', () => {
    expect(applyInputTemplate('{"label": "from <$.attributes.SenderId>", "all": "Body is <$.body>"}', message, variables)).toEqual({
      label: 'from AIDAEXAMPLE',
      all: 'Body is {key:value,items:[{id:1},{id:2}]}',
    });
  });

  it('does not escape values placed in a string, so a quote in one breaks the JSON, which is then text', () => {
    const quoted = { dynamodb: { NewImage: { name: { S: 'say "hi"' } } } };
    expect(applyInputTemplate('{"name": "<$.dynamodb.NewImage.name.S>"}', quoted, variables)).toBe('{"name": "say "hi""}');
  });

  it('reads a JSON body as JSON: paths into it, array indices and wildcards', () => {
    expect(applyInputTemplate('{"k": <$.body.key>, "second": <$.body.items[1].id>, "ids": <$.body.items[*].id>}', message, variables)).toEqual({
      k: 'value',
      second: 2,
      ids: [1, 2],
    });
  });

  it('treats a template that is not JSON as text', () => {
    expect(applyInputTemplate('Hello, <$.attributes.SenderId>', message, variables)).toBe('Hello, AIDAEXAMPLE');
    expect(applyInputTemplate('Hello, sender', message, variables)).toBe('Hello, sender');
    // The whole body through a bare path loses its quotes; the guide's advice is to wrap it: {"data": <$.body>}.
    expect(applyInputTemplate('<$.body>', message, variables)).toBe('{key:value,items:[{id:1},{id:2}]}');
    expect(applyInputTemplate('{"data": <$.body>}', message, variables)).toEqual({ data: JSON.parse(message.body) });
  });

  it('leaves out what is not in the event: null for a JSON value, nothing in text', () => {
    expect(applyInputTemplate('{"missing": <$.nope>, "text": "[<$.nope>]"}', event, variables)).toEqual({ missing: null, text: '[]' });
  });

  it('fills every reserved variable', () => {
    expect(
      applyInputTemplate(
        '{"arn": <aws.pipes.pipe-arn>, "name": <aws.pipes.pipe-name>, "source": <aws.pipes.source-arn>, ' +
          '"enrichment": <aws.pipes.enrichment-arn>, "target": <aws.pipes.target-arn>, "at": <aws.pipes.event.ingestion-time>, ' +
          '"event": <aws.pipes.event>, "json": <aws.pipes.event.json>}',
        message,
        variables,
      ),
    ).toEqual({
      arn: variables.pipeArn,
      name: 'p',
      source: 'arn:source',
      enrichment: 'arn:enrichment',
      target: 'arn:target',
      at: '2026-01-01T00:00:00.000Z',
      // The event as text, and as JSON with its body decoded.
      event: JSON.stringify(message),
      json: { ...message, body: JSON.parse(message.body) },
    });
  });

  it('gives <aws.pipes.event.json> a value only when the payload is JSON', () => {
    expect(applyInputTemplate('{"json": <aws.pipes.event.json>}', 'plain text from an enrichment', variables)).toEqual({ json: null });
    expect(applyInputTemplate('{"event": <aws.pipes.event>}', 'plain text from an enrichment', variables)).toEqual({
      event: 'plain text from an enrichment',
    });
  });

  it('rejects unknown reserved variables', () => {
    expect(() => applyInputTemplate('<aws.pipes.nope>', event, variables)).toThrow('Unknown input template variable <aws.pipes.nope>');
  });
});
