import { conditionHolds, conditionsHold } from '../../../../local/iam/conditions/evaluate-condition';
import { parseOperator } from '../../../../local/iam/conditions/operator-name';
import { PolicyError } from '../../../../local/iam/policy/parse-policy';

/** IAM JSON policy elements: condition operators, and the set operators for multivalued context keys. */
describe('conditions', () => {
  const context = (values: Record<string, string | string[]>): ReadonlyMap<string, readonly string[]> =>
    new Map(Object.entries(values).map(([key, value]) => [key.toLowerCase(), Array.isArray(value) ? value : [value]]));
  const holds = (operator: string, key: string, values: string[], request: Record<string, string | string[]>): boolean =>
    conditionHolds({ operator, key, values }, context(request));

  describe('string operators', () => {
    test.each([
      ['StringEquals', 'dev', 'dev', true],
      ['StringEquals', 'Dev', 'dev', false],
      ['StringEquals', 'd*', 'dev', false],
      ['StringNotEquals', 'prod', 'dev', true],
      ['StringNotEquals', 'dev', 'dev', false],
      ['StringEqualsIgnoreCase', 'DEV', 'dev', true],
      ['StringNotEqualsIgnoreCase', 'DEV', 'dev', false],
      ['StringLike', 'd*', 'dev', true],
      ['StringLike', 'd?v', 'dev', true],
      ['StringLike', 'D*', 'dev', false],
      ['StringNotLike', 'p*', 'dev', true],
      ['StringNotLike', 'd*', 'dev', false],
    ])('%s %s against %s: %s', (operator, policyValue, requestValue, expected) => {
      expect(holds(operator, 'aws:PrincipalTag/stage', [policyValue], { 'aws:PrincipalTag/stage': requestValue })).toBe(expected);
    });

    test('several policy values are ORed', () => {
      expect(holds('StringEquals', 'ses:FromAddress', ['a@example.com', 'b@example.com'], { 'ses:FromAddress': 'b@example.com' })).toBe(true);
    });

    test('a negated operator with several values holds only when the value matches none of them (they act as AND)', () => {
      expect(holds('StringNotEquals', 'k', ['audit', 'security'], { k: 'audit' })).toBe(false);
      expect(holds('StringNotEquals', 'k', ['audit', 'security'], { k: 'other' })).toBe(true);
    });

    test('condition key names match without regard to case; values keep theirs', () => {
      expect(holds('StringEquals', 'SES:fromaddress', ['a@example.com'], { 'ses:FromAddress': 'a@example.com' })).toBe(true);
    });
  });

  describe('numeric, date, Bool and binary operators', () => {
    test.each([
      ['NumericEquals', '10', '10', true],
      ['NumericEquals', '10', '10.0', true],
      ['NumericNotEquals', '10', '11', true],
      ['NumericLessThan', '10', '9', true],
      ['NumericLessThan', '10', '10', false],
      ['NumericLessThanEquals', '10', '10', true],
      ['NumericGreaterThan', '10', '11', true],
      ['NumericGreaterThanEquals', '10', '9', false],
      ['NumericEquals', '10', 'ten', false],
      ['DateLessThan', '2026-01-01T00:00:00Z', '2025-12-31T23:59:59Z', true],
      ['DateGreaterThan', '2026-01-01T00:00:00Z', '2025-12-31T23:59:59Z', false],
      ['DateEquals', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000Z', true],
      // Epoch seconds, as aws:EpochTime is, compare with ISO dates.
      ['DateGreaterThanEquals', '2026-01-01', '1767225600', true],
      ['DateNotEquals', '2026-01-01', 'not a date', true],
      ['DateLessThanEquals', '2026-01-01', 'not a date', false],
      ['Bool', 'true', 'true', true],
      ['Bool', 'True', 'true', true],
      ['Bool', 'false', 'true', false],
      ['BinaryEquals', 'QmluYXJ5VmFsdWU=', 'QmluYXJ5VmFsdWU=', true],
      ['BinaryEquals', 'QmluYXJ5VmFsdWU=', 'T3RoZXI=', false],
    ])('%s %s against %s: %s', (operator, policyValue, requestValue, expected) => {
      expect(holds(operator, 'k', [policyValue], { k: requestValue })).toBe(expected);
    });
  });

  describe('IP address operators', () => {
    test.each([
      ['IpAddress', '203.0.113.0/24', '203.0.113.55', true],
      ['IpAddress', '203.0.113.0/24', '203.0.114.1', false],
      ['IpAddress', '127.0.0.0/8', '127.0.0.1', true],
      // Host bits of the block are ignored.
      ['IpAddress', '203.0.113.77/24', '203.0.113.1', true],
      ['IpAddress', '203.0.113.5', '203.0.113.5', true],
      ['IpAddress', '2001:DB8:1234:5678::/64', '2001:db8:1234:5678::1', true],
      ['IpAddress', '2001:DB8:1234:5678::/64', '2001:db8:1234:5679::1', false],
      ['IpAddress', '0.0.0.0/0', '198.51.100.7', true],
      ['NotIpAddress', '203.0.113.0/24', '198.51.100.7', true],
      ['NotIpAddress', '203.0.113.0/24', '203.0.113.7', false],
      ['IpAddress', '203.0.113.0/33', '203.0.113.7', false],
      ['IpAddress', '203.0.113.0/24', 'not an address', false],
    ])('%s %s against %s: %s', (operator, policyValue, requestValue, expected) => {
      expect(holds(operator, 'aws:SourceIp', [policyValue], { 'aws:SourceIp': requestValue })).toBe(expected);
    });
  });

  describe('ARN operators', () => {
    const rule = 'arn:aws:events:us-east-1:123456789012:rule/users-fanout-dev/welcome-email';
    test.each([
      ['ArnEquals', rule, true],
      ['ArnLike', rule, true],
      ['ArnLike', 'arn:aws:events:*:123456789012:rule/*', true],
      ['ArnEquals', 'arn:aws:events:*:123456789012:rule/users-fanout-dev/*', true],
      ['ArnLike', 'arn:aws:events:us-east-1:123456789012:rule/other/*', false],
      // Each part is matched on its own: a `*` in the region does not reach into the account.
      ['ArnLike', 'arn:aws:events:*:rule/*', false],
      ['ArnNotEquals', rule, false],
      ['ArnNotLike', 'arn:aws:events:*:*:rule/other/*', true],
      ['ArnLike', 'arn:aws:Events:us-east-1:123456789012:rule/users-fanout-dev/welcome-email', false],
    ])('%s %s: %s', (operator, policyValue, expected) => {
      expect(holds(operator, 'aws:SourceArn', [policyValue], { 'aws:SourceArn': rule })).toBe(expected);
    });

    test('a value that is not an ARN matches no ARN pattern', () => {
      expect(holds('ArnLike', 'aws:SourceArn', ['arn:aws:events:*:*:rule/*'], { 'aws:SourceArn': 'rule/x' })).toBe(false);
    });
  });

  describe('a key missing from the request', () => {
    test('makes a condition false, and a negated one true', () => {
      expect(holds('StringEquals', 'aws:SourceArn', ['x'], {})).toBe(false);
      expect(holds('ArnLike', 'aws:SourceArn', ['arn:*'], {})).toBe(false);
      expect(holds('StringNotEquals', 'aws:SourceArn', ['x'], {})).toBe(true);
      expect(holds('ArnNotLike', 'aws:SourceArn', ['arn:*'], {})).toBe(true);
      expect(holds('NotIpAddress', 'aws:SourceIp', ['10.0.0.0/8'], {})).toBe(true);
    });

    test('...IfExists holds when the key is missing and tests it when present', () => {
      expect(holds('StringEqualsIfExists', 'ec2:InstanceType', ['t2.micro'], {})).toBe(true);
      expect(holds('StringEqualsIfExists', 'ec2:InstanceType', ['t2.micro'], { 'ec2:InstanceType': 't2.micro' })).toBe(true);
      expect(holds('StringEqualsIfExists', 'ec2:InstanceType', ['t2.micro'], { 'ec2:InstanceType': 'm5.large' })).toBe(false);
      expect(holds('StringNotEqualsIfExists', 'k', ['v'], { k: 'v' })).toBe(false);
    });

    test('Null tests presence only', () => {
      expect(holds('Null', 'aws:TokenIssueTime', ['true'], {})).toBe(true);
      expect(holds('Null', 'aws:TokenIssueTime', ['true'], { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' })).toBe(false);
      expect(holds('Null', 'aws:TokenIssueTime', ['false'], { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' })).toBe(true);
      expect(holds('Null', 'aws:TokenIssueTime', ['false'], {})).toBe(false);
      expect(holds('Null', 'aws:TagKeys', ['true'], { 'aws:TagKeys': [] })).toBe(true);
    });
  });

  describe('set operators for multivalued keys', () => {
    const tags = { 'aws:TagKeys': ['CreatedBy', 'CreatedAt'] };
    test('ForAllValues holds when every request value matches one of the policy values', () => {
      expect(holds('ForAllValues:StringLike', 'aws:TagKeys', ['Created*'], tags)).toBe(true);
      expect(holds('ForAllValues:StringEquals', 'aws:TagKeys', ['CreatedBy'], tags)).toBe(false);
      expect(holds('ForAllValues:StringEquals', 'aws:TagKeys', ['CreatedBy', 'CreatedAt', 'Owner'], tags)).toBe(true);
    });

    test('ForAllValues also holds when the key is missing or empty; ForAnyValue then does not', () => {
      expect(holds('ForAllValues:StringEquals', 'aws:TagKeys', ['CreatedBy'], {})).toBe(true);
      expect(holds('ForAllValues:StringEquals', 'aws:TagKeys', ['CreatedBy'], { 'aws:TagKeys': [] })).toBe(true);
      expect(holds('ForAnyValue:StringEquals', 'aws:TagKeys', ['CreatedBy'], {})).toBe(false);
    });

    test('ForAnyValue holds when at least one request value matches', () => {
      expect(holds('ForAnyValue:StringEquals', 'aws:TagKeys', ['CreatedAt'], tags)).toBe(true);
      expect(holds('ForAnyValue:StringEquals', 'aws:TagKeys', ['Owner'], tags)).toBe(false);
    });

    test('negated operators under a set operator test each request value against all policy values', () => {
      expect(holds('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['CreatedBy'], tags)).toBe(true);
      expect(holds('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['CreatedBy', 'CreatedAt'], tags)).toBe(false);
      expect(holds('ForAllValues:StringNotLike', 'aws:TagKeys', ['Owner*'], tags)).toBe(true);
      expect(holds('ForAllValues:StringNotLike', 'aws:TagKeys', ['Created*'], tags)).toBe(false);
    });

    test('a single-valued key under a set operator is a set of one', () => {
      expect(holds('ForAnyValue:StringEquals', 'ses:FromAddress', ['a@example.com'], { 'ses:FromAddress': 'a@example.com' })).toBe(true);
    });

    test('a multivalued key without a set operator: positive operators need one match, negated ones none', () => {
      expect(holds('StringEquals', 'ses:Recipients', ['b@example.com'], { 'ses:Recipients': ['a@example.com', 'b@example.com'] })).toBe(true);
      expect(holds('StringNotEquals', 'ses:Recipients', ['b@example.com'], { 'ses:Recipients': ['a@example.com', 'b@example.com'] })).toBe(false);
    });
  });

  test('every condition of a statement must hold (AND), across operators and keys', () => {
    const values = context({ 'aws:SourceArn': 'arn:aws:events:us-east-1:1:rule/r', 'aws:SourceAccount': '1' });
    expect(
      conditionsHold(
        [
          { operator: 'ArnEquals', key: 'aws:SourceArn', values: ['arn:aws:events:us-east-1:1:rule/r'] },
          { operator: 'StringEquals', key: 'aws:SourceAccount', values: ['1'] },
        ],
        values,
      ),
    ).toBe(true);
    expect(
      conditionsHold(
        [
          { operator: 'ArnEquals', key: 'aws:SourceArn', values: ['arn:aws:events:us-east-1:1:rule/r'] },
          { operator: 'StringEquals', key: 'aws:SourceAccount', values: ['2'] },
        ],
        values,
      ),
    ).toBe(false);
  });

  describe('operator names', () => {
    test.each(['StringEquals', 'ForAnyValue:StringLikeIfExists', 'ForAllValues:ArnNotLike', 'NumericLessThanEqualsIfExists', 'Null', 'BinaryEquals'])('%s is an operator', (name) => {
      expect(() => parseOperator(name)).not.toThrow();
    });

    test.each([
      ['StringEqual', 'Unknown condition operator StringEqual'],
      ['stringequals', 'Unknown condition operator stringequals'],
      ['ForSomeValues:StringEquals', 'the set qualifier must be ForAllValues or ForAnyValue'],
      ['NullIfExists', 'Unknown condition operator NullIfExists'],
      ['ForAnyValue:Null', 'Null takes no set qualifier'],
    ])('%s is refused: %s', (name, message) => {
      expect(() => parseOperator(name)).toThrow(PolicyError);
      expect(() => parseOperator(name)).toThrow(message);
    });
  });
});
