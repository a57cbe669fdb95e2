import { resourceMatches, statementCoversResource } from '../../../../local/iam/matching/resource';
import type { Statement } from '../../../../local/iam/policy/policy-types';

/** IAM JSON policy elements: Resource, "Using wildcards in resource ARNs". */
describe('Resource ARN globbing', () => {
  const queue = 'arn:aws:sqs:us-east-1:000000000000:orders';
  const fn = 'arn:aws:lambda:us-east-1:000000000000:function:audit';

  test.each([
    ['*', queue, true],
    [queue, queue, true],
    // Case-sensitive, unlike actions.
    ['arn:aws:sqs:us-east-1:000000000000:Orders', queue, false],
    ['arn:aws:sqs:*:000000000000:orders', queue, true],
    ['arn:aws:sqs:us-east-1:*:*', queue, true],
    ['arn:aws:sqs:us-east-1:000000000000:ord*', queue, true],
    ['arn:aws:sqs:us-east-1:000000000000:order?', queue, true],
    ['arn:aws:sqs:us-east-1:000000000000:order', queue, false],
    // `*` within a segment does not cross a colon...
    ['arn:aws:*s:us-east-1:000000000000:orders', queue, true],
    ['arn:aws:sqs:us-east-1:0000*0000:orders', queue, true],
    ['arn:aws:sq*1:000000000000:orders', queue, false],
    // (As documented, a segment-final `*` may even stand for several segments.)
    ['arn:aws:s*:000000000000:orders', queue, true],
    // ...but a `*` that ends a segment may run on across colons.
    ['arn:aws:lambda:us-east-1:000000000000:function:*', `${fn}:$LATEST`, true],
    ['arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/audit:*', 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/audit:log-stream:2026/x', true],
    // A function's ARN does not cover its qualified ARN, which is why grants name both.
    [fn, `${fn}:$LATEST`, false],
    // `*` replaces slashes as well: every item of a bucket, any path of a role.
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b/c.txt', true],
    ['arn:aws:iam::000000000000:role/*', 'arn:aws:iam::000000000000:role/path/name', true],
    ['arn:aws:dynamodb:us-east-1:000000000000:table/users/stream/*', 'arn:aws:dynamodb:us-east-1:000000000000:table/users/stream/1970-01-01T00:00:00.000', true],
    ['arn:aws:dynamodb:us-east-1:000000000000:table/users', 'arn:aws:dynamodb:us-east-1:000000000000:table/users/stream/1970-01-01T00:00:00.000', false],
    // `?` is one character, never a colon.
    ['arn:aws:sqs:us-east-1:000000000000?orders', queue, false],
  ])('%s covers %s: %s', (pattern, resource, expected) => {
    expect(resourceMatches(pattern, resource)).toBe(expected);
  });

  const statement = (element: Partial<Statement>): Statement => ({ effect: 'Allow', conditions: [], origin: { policy: 'p', index: 0 }, ...element });

  test('Resource lists what a statement covers, NotResource what it does not', () => {
    expect(statementCoversResource(statement({ resources: ['arn:aws:sqs:*:*:a', queue] }), queue)).toBe(true);
    expect(statementCoversResource(statement({ notResources: [queue] }), queue)).toBe(false);
    expect(statementCoversResource(statement({ notResources: [queue] }), fn)).toBe(true);
  });

  test('a resource-based statement with neither covers the resource it is attached to', () => {
    expect(statementCoversResource(statement({}), queue)).toBe(true);
  });
});
