import { parsePolicy, PolicyError } from '../../../../local/iam/policy/parse-policy';

/** IAM JSON policy elements: each element's accepted shapes, and what a malformed policy is told. */
describe('parsePolicy', () => {
  const identity = { name: 'Policy', kind: 'identity' as const };
  const resource = { name: 'QueuePolicy', kind: 'resource' as const };

  test('reads single values and lists alike, and keeps where each statement came from', () => {
    const policy = parsePolicy(
      {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'One', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:000000000000:q' },
          { Effect: 'Deny', NotAction: ['sqs:*', 'sns:*'], NotResource: '*' },
        ],
      },
      identity,
    );
    expect(policy.statements).toEqual([
      {
        sid: 'One',
        effect: 'Allow',
        actions: ['sqs:SendMessage'],
        resources: ['arn:aws:sqs:us-east-1:000000000000:q'],
        conditions: [],
        origin: { policy: 'Policy', index: 0 },
      },
      { effect: 'Deny', notActions: ['sqs:*', 'sns:*'], notResources: ['*'], conditions: [], origin: { policy: 'Policy', index: 1 } },
    ]);
  });

  test('accepts a policy as JSON text, and a single statement that is not in a list', () => {
    const policy = parsePolicy(JSON.stringify({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }), identity);
    expect(policy.statements).toHaveLength(1);
  });

  test('flattens conditions to one operator, one key and its values as strings', () => {
    const policy = parsePolicy(
      {
        Statement: {
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Resource: '*',
          Principal: { Service: 'events.amazonaws.com' },
          Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:events:us-east-1:000000000000:rule/bus/r' }, NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 }, Bool: { 'aws:SecureTransport': false } },
        },
      },
      resource,
    );
    expect(policy.statements[0].conditions).toEqual([
      { operator: 'ArnEquals', key: 'aws:SourceArn', values: ['arn:aws:events:us-east-1:000000000000:rule/bus/r'] },
      { operator: 'NumericLessThan', key: 'aws:MultiFactorAuthAge', values: ['3600'] },
      { operator: 'Bool', key: 'aws:SecureTransport', values: ['false'] },
    ]);
  });

  test('reads principals by kind; "*" and {"AWS": "*"} both name everyone', () => {
    const parse = (principal: unknown) =>
      parsePolicy({ Statement: { Effect: 'Allow', Action: '*', Principal: principal } }, resource).statements[0].principal;
    expect(parse('*')).toEqual({ everyone: true, aws: [], services: [], other: [] });
    expect(parse({ AWS: '*' })).toEqual({ everyone: true, aws: [], services: [], other: [] });
    expect(parse({ AWS: ['123456789012', 'arn:aws:iam::123456789012:role/r'], Service: 'lambda.amazonaws.com', Federated: 'cognito-identity.amazonaws.com' })).toEqual({
      everyone: false,
      aws: ['123456789012', 'arn:aws:iam::123456789012:role/r'],
      services: ['lambda.amazonaws.com'],
      other: ['cognito-identity.amazonaws.com'],
    });
  });

  test.each([
    [{ Statement: { Effect: 'Allow', Resource: '*' } }, identity, 'Policy Policy, statement 0 has neither Action nor NotAction'],
    [{ Statement: { Effect: 'Allow', Action: '*' } }, identity, 'Policy Policy, statement 0 has neither Resource nor NotResource'],
    [{ Statement: { Effect: 'Allow', Action: '*', NotAction: 's3:*', Resource: '*' } }, identity, 'has both Action and NotAction'],
    [{ Statement: { Effect: 'Permit', Action: '*', Resource: '*' } }, identity, 'Effect must be Allow or Deny, got "Permit"'],
    [{ Statement: { Sid: 'S', Effect: 'Allow', Action: '*', Resource: '*', Principal: '*' } }, identity, 'statement 0 (S): an identity-based policy cannot name a Principal'],
    [{ Statement: { Effect: 'Allow', Action: '*' } }, resource, 'a resource-based policy must name a Principal or NotPrincipal'],
    [{ Statement: { Effect: 'Allow', Action: '*', Resource: '*', Actions: '*' } }, identity, 'has unknown element Actions'],
    [{ Statement: { Effect: 'Allow', Action: [], Resource: '*' } }, identity, 'Action is an empty list'],
    [{ Statement: { Effect: 'Allow', Action: 42, Resource: '*' } }, identity, 'Action must hold strings, got 42'],
    [{ Statement: { Effect: 'Allow', Action: '*', Principal: { Group: 'g' } } }, resource, 'unknown principal type Group'],
    [{ Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: 'x' } } }, identity, 'Condition StringEquals must be an object of condition keys'],
    [{ Version: '2012-10-17' }, identity, 'Policy Policy has no Statement'],
    ['{not json', identity, 'Policy Policy is not valid JSON'],
  ])('refuses %j, naming the problem', (document, options, message) => {
    expect(() => parsePolicy(document, options)).toThrow(PolicyError);
    expect(() => parsePolicy(document, options)).toThrow(message);
  });
});
