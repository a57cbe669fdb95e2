import type { RequestContext } from '../../../../local/iam/context/request-context';
import { decide, type ApplicablePolicies } from '../../../../local/iam/evaluation/decision';
import { denialMessage } from '../../../../local/iam/evaluation/denial-message';
import { parsePolicy } from '../../../../local/iam/policy/parse-policy';
import { roleSession, servicePrincipal, type Principal } from '../../../../local/iam/principals';

/** Policy evaluation for requests within a single account, and AWS's access-denied messages. */
describe('the decision', () => {
  const account = '123456789012';
  const roleArn = `arn:aws:iam::${account}:role/worker`;
  const worker = roleSession(roleArn, 'worker-fn');
  const queue = `arn:aws:sqs:us-east-1:${account}:jobs`;
  const key = `arn:aws:kms:us-east-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

  const identity = (...statements: object[]) => [parsePolicy({ Statement: statements }, { name: 'WorkerPolicy', kind: 'identity' })];
  const resourcePolicy = (...statements: object[]) => parsePolicy({ Statement: statements }, { name: 'QueuePolicy', kind: 'resource' });
  const request = (action: string, resource: string, principal: Principal = worker, values: Record<string, string> = {}): RequestContext => ({
    principal,
    action,
    resource,
    values: new Map(Object.entries(values).map(([name, value]) => [name.toLowerCase(), [value]])),
  });
  const allowSend = { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: queue };

  test('with no policy at all, a request is implicitly denied', () => {
    expect(decide(request('sqs:SendMessage', queue), { identity: [] })).toEqual({ allowed: false, reason: 'no-allow', policyType: 'identity-based' });
  });

  test('an Allow in the identity-based policy permits the request', () => {
    const decision = decide(request('sqs:SendMessage', queue), { identity: identity(allowSend) });
    expect(decision).toMatchObject({ allowed: true, by: 'identity', statement: { origin: { policy: 'WorkerPolicy', index: 0 } } });
  });

  test('an Allow in the resource-based policy that names the role permits the request without any identity-based Allow', () => {
    const policies: ApplicablePolicies = { identity: [], resource: resourcePolicy({ ...allowSend, Principal: { AWS: roleArn } }) };
    expect(decide(request('sqs:SendMessage', queue), policies)).toMatchObject({ allowed: true, by: 'resource' });
  });

  test('a resource-based Allow that names only the account delegates: the identity-based policy must still allow', () => {
    const delegation = resourcePolicy({ ...allowSend, Principal: { AWS: `arn:aws:iam::${account}:root` } });
    expect(decide(request('sqs:SendMessage', queue), { identity: [], resource: delegation })).toMatchObject({ allowed: false, reason: 'no-allow' });
    expect(decide(request('sqs:SendMessage', queue), { identity: identity(allowSend), resource: delegation })).toMatchObject({ allowed: true, by: 'identity' });
  });

  test('an explicit Deny in either policy overrides any Allow', () => {
    const denyInIdentity = identity(allowSend, { Effect: 'Deny', Action: 'sqs:*', Resource: '*' });
    expect(decide(request('sqs:SendMessage', queue), { identity: denyInIdentity })).toMatchObject({ allowed: false, reason: 'explicit-deny', policyType: 'identity-based' });

    const denyInResource = resourcePolicy({ Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: queue });
    expect(decide(request('sqs:SendMessage', queue), { identity: identity(allowSend), resource: denyInResource })).toMatchObject({
      allowed: false,
      reason: 'explicit-deny',
      policyType: 'resource-based',
      statement: { origin: { policy: 'QueuePolicy', index: 0 } },
    });
  });

  test('a Deny whose condition does not hold does not apply (the queue policies CDK writes deny non-TLS calls only)', () => {
    const denyInsecure = resourcePolicy({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'sqs:*',
      Resource: queue,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    const policies = { identity: identity(allowSend), resource: denyInsecure };
    expect(decide(request('sqs:SendMessage', queue, worker, { 'aws:SecureTransport': 'true' }), policies)).toMatchObject({ allowed: true });
    expect(decide(request('sqs:SendMessage', queue, worker, { 'aws:SecureTransport': 'false' }), policies)).toMatchObject({ allowed: false, reason: 'explicit-deny' });
  });

  test('a Deny with NotAction denies everything the statement does not list', () => {
    const policies = { identity: identity({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', NotAction: 'sqs:*', Resource: '*' }) };
    expect(decide(request('sqs:SendMessage', queue), policies)).toMatchObject({ allowed: true });
    expect(decide(request('dynamodb:PutItem', '*'), policies)).toMatchObject({ allowed: false, reason: 'explicit-deny' });
  });

  describe('a service principal, which has no identity-based policy', () => {
    const events = servicePrincipal('events.amazonaws.com');
    const rule = `arn:aws:events:us-east-1:${account}:rule/bus/welcome`;
    const queuePolicy = resourcePolicy({
      ...allowSend,
      Principal: { Service: 'events.amazonaws.com' },
      Condition: { ArnEquals: { 'aws:SourceArn': rule } },
    });

    test('is let in by a resource-based Allow whose conditions hold', () => {
      expect(decide(request('sqs:SendMessage', queue, events, { 'aws:SourceArn': rule }), { resource: queuePolicy })).toMatchObject({ allowed: true, by: 'resource' });
    });

    test('is refused, for want of a resource-based Allow, when the conditions do not hold', () => {
      const decision = decide(request('sqs:SendMessage', queue, events, { 'aws:SourceArn': `${rule}-other` }), { resource: queuePolicy });
      expect(decision).toEqual({ allowed: false, reason: 'no-allow', policyType: 'resource-based' });
    });
  });

  describe('a KMS key, whose key policy decides', () => {
    const useKey = { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: key };
    const rootStatement = { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' };

    test('an identity-based Allow counts only when the key policy lets the account delegate', () => {
      const withoutRoot = { identity: identity(useKey), resource: resourcePolicy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:role/other` }, Action: 'kms:*', Resource: '*' }), resourcePolicyRequired: true };
      expect(decide(request('kms:Decrypt', key), withoutRoot)).toEqual({ allowed: false, reason: 'no-allow', policyType: 'resource-based' });

      const withRoot = { identity: identity(useKey), resource: resourcePolicy(rootStatement), resourcePolicyRequired: true };
      expect(decide(request('kms:Decrypt', key), withRoot)).toMatchObject({ allowed: true, by: 'identity' });
    });

    test('the account statement alone grants nothing: the caller still needs its own Allow', () => {
      const policies = { identity: [], resource: resourcePolicy(rootStatement), resourcePolicyRequired: true };
      expect(decide(request('kms:Decrypt', key), policies)).toEqual({ allowed: false, reason: 'no-allow', policyType: 'identity-based' });
    });

    test('a key policy statement naming the role lets it in with no identity-based policy', () => {
      const policies = { identity: [], resource: resourcePolicy({ ...useKey, Principal: { AWS: roleArn }, Resource: '*' }), resourcePolicyRequired: true };
      expect(decide(request('kms:GenerateDataKey', key), policies)).toMatchObject({ allowed: true, by: 'resource' });
    });
  });

  describe('the denial message', () => {
    test('names the caller, the action, the resource and the missing identity-based Allow', () => {
      const context = request('dynamodb:PutItem', `arn:aws:dynamodb:us-east-1:${account}:table/users`);
      expect(denialMessage(context, { allowed: false, reason: 'no-allow', policyType: 'identity-based' })).toBe(
        `User: arn:aws:sts::${account}:assumed-role/worker/worker-fn is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:${account}:table/users because no identity-based policy allows the dynamodb:PutItem action`,
      );
    });

    test('names the policy type of an explicit deny', () => {
      const decision = decide(request('sqs:SendMessage', queue), { identity: identity(allowSend), resource: resourcePolicy({ Effect: 'Deny', Principal: '*', Action: '*' }) });
      if (decision.allowed) throw new Error('expected a denial');
      expect(denialMessage(request('sqs:SendMessage', queue), decision)).toBe(
        `User: ${worker.arn} is not authorized to perform: sqs:SendMessage on resource: ${queue} with an explicit deny in a resource-based policy`,
      );
      expect(denialMessage(request('sqs:SendMessage', queue), { ...decision, policyType: 'identity-based' })).toContain('with an explicit deny in an identity-based policy');
    });

    test('spells the action as the service does, and leaves out the resource of an action that names none', () => {
      expect(denialMessage(request('sqs:ListQueues', '*'), { allowed: false, reason: 'no-allow', policyType: 'identity-based' }, { actionText: 'sqs:listqueues' })).toBe(
        `User: ${worker.arn} is not authorized to perform: sqs:listqueues because no identity-based policy allows the sqs:listqueues action`,
      );
    });
  });
});
