import { applyInputTemplate } from '../../../local/pipes';

const variables = {
  pipeArn: 'arn:aws:pipes:us-east-1:000000000000:pipe/p',
  pipeName: 'p',
  sourceArn: 'arn:source',
  targetArn: 'arn:target',
};
const event = { eventID: 'e-1', dynamodb: { NewImage: { userId: { S: 'u "1"' }, tags: { SS: ['a', 'b'] } } } };

describe('pipe input templates', () => {
  it('inserts values outside strings as JSON and inside strings as escaped text', () => {
    expect(
      applyInputTemplate('{"keys": <$.dynamodb.NewImage.tags.SS>, "label": "user <$.dynamodb.NewImage.userId.S> via <aws.pipes.pipe-name>"}', event, variables),
    ).toEqual({ keys: ['a', 'b'], label: 'user u "1" via p' });
  });

  it('supports the whole event and array indexes', () => {
    expect(applyInputTemplate('{"raw": <aws.pipes.event.json>, "first": <$.dynamodb.NewImage.tags.SS[0]>}', event, variables)).toEqual({
      raw: event,
      first: 'a',
    });
  });

  it('hands on plain text when the result is not JSON, with missing paths as null', () => {
    expect(applyInputTemplate('id=<$.eventID> missing=<$.nope>', event, variables)).toBe('id="e-1" missing=null');
  });

  it('rejects unknown reserved variables', () => {
    expect(() => applyInputTemplate('<aws.pipes.nope>', event, variables)).toThrow('Unknown input template variable <aws.pipes.nope>');
  });
});
