import { compilePattern, InvalidEventPatternError } from '../../../local/patterns';

function reasonFor(pattern: string | object): string {
  try {
    compilePattern(pattern);
  } catch (error) {
    if (!(error instanceof InvalidEventPatternError)) throw error;
    expect(error.name).toBe('InvalidEventPatternException');
    expect(error.code).toBe('InvalidEventPatternException');
    expect(error.message).toBe(`Event pattern is not valid. Reason: ${error.reason}`);
    return error.reason;
  }
  throw new Error(`pattern was accepted: ${JSON.stringify(pattern)}`);
}

describe('pattern structure', () => {
  test.each<[string, string | object, string]>([
    ['a non-object pattern', '["a"]', 'Filter is not an object'],
    ['an empty pattern', {}, 'Empty objects are not allowed'],
    ['an empty nested object', { detail: {} }, 'Empty objects are not allowed'],
    ['an empty value list', { a: [] }, 'Empty arrays are not allowed'],
    ['a leaf that is not a list', { detail: { state: 'x' } }, '"state" must be an object or an array'],
    ['a number leaf', { n: 42 }, '"n" must be an object or an array'],
    ['a nested list in a value list', { a: [['x']] }, 'Match value must be String, number, true, false, or null'],
    ['an empty match expression', { a: [{}] }, 'Match expression name not found'],
    ['an unknown operator', { a: [{ contains: 'x' }] }, 'Unrecognized match type contains'],
    ['an operator in the wrong case', { a: [{ Prefix: 'x' }] }, 'Unrecognized match type Prefix'],
    ['two operators in one expression', { a: [{ prefix: 'x', suffix: 'y' }] }, 'Only one key allowed in match expression'],
  ])('%s', (_label, pattern, reason) => {
    expect(reasonFor(pattern)).toBe(reason);
  });

  test('malformed JSON text is refused with the parse error', () => {
    expect(reasonFor('{"a": [')).toMatch(/^Filter is not valid JSON: /);
  });

  test('patterns longer than the size limit are refused', () => {
    const long = { a: Array.from({ length: 300 }, (_, index) => `value-${index}`) };
    expect(reasonFor(long)).toMatch(/more than the maximum of 2048$/);
    expect(() => compilePattern(long, { maxPatternLength: 8192 })).not.toThrow();
  });
});

describe('string operators', () => {
  test.each<[string, object, string]>([
    ['prefix number', { a: [{ prefix: 1 }] }, 'prefix match pattern must be a string'],
    ['prefix list', { a: [{ prefix: ['x'] }] }, 'prefix match pattern must be a string'],
    ['suffix null', { a: [{ suffix: null }] }, 'suffix match pattern must be a string'],
    ['empty prefix object', { a: [{ prefix: {} }] }, 'Prefix expression name not found'],
    ['prefix with another inner operator', { a: [{ prefix: { wildcard: 'x' } }] }, 'Unsupported prefix pattern: wildcard'],
    ['suffix with another inner operator', { a: [{ suffix: { prefix: 'x' } }] }, 'Unsupported suffix pattern: prefix'],
    ['prefix ignore-case number', { a: [{ prefix: { 'equals-ignore-case': 1 } }] }, 'equals-ignore-case match pattern must be a string'],
    ['equals-ignore-case list', { a: [{ 'equals-ignore-case': ['x'] }] }, 'equals-ignore-case match pattern must be a string'],
    ['exactly number', { a: [{ exactly: 1 }] }, 'exact match pattern must be a string'],
    ['wildcard number', { a: [{ wildcard: 1 }] }, 'wildcard match pattern must be a string'],
  ])('%s', (_label, pattern, reason) => {
    expect(reasonFor(pattern)).toBe(reason);
  });
});

describe('wildcard', () => {
  test.each<[string, string, string]>([
    ['consecutive wildcards', 'ab**', 'Consecutive wildcard characters at pos 3'],
    ['a lone backslash', 'a\\b', 'Invalid escape character at pos 2'],
    ['a trailing backslash', 'ab\\', 'Invalid escape character at pos 3'],
    ['positions count UTF-8 bytes', 'é**', 'Consecutive wildcard characters at pos 3'],
    ['too many wildcards', '*a*b*c*d*e*', 'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character'],
  ])('%s', (_label, wildcard, reason) => {
    expect(reasonFor({ a: [{ wildcard }] })).toBe(reason);
  });

  test('escaped wildcards do not count as wildcards', () => {
    expect(() => compilePattern({ a: [{ wildcard: 'a\\*\\*\\*\\*\\*\\*b*' }] })).not.toThrow();
  });
});

describe('numeric', () => {
  test.each<[string, unknown, string]>([
    ['not a list', 5, 'Value of numeric must be an array.'],
    ['an empty list', [], 'Invalid member in numeric match: ]'],
    ['a number first', [5], 'Invalid member in numeric match: 5'],
    ['an unknown operator', ['!=', 5], 'Unrecognized numeric range operator: !='],
    ['= without a number', ['=', '5'], 'Value of equals must be numeric'],
    ['< without a number', ['<'], 'Value of < must be numeric'],
    ['>= with a string', ['>=', 'x'], 'Value of >= must be numeric'],
    ['= with more terms', ['=', 5, '<', 6], 'Too many elements in numeric expression'],
    ['< with more terms', ['<', 5, '>', 1], 'Too many elements in numeric expression'],
    ['a second lower bound', ['>', 0, '>', 0], 'Bad numeric range operator: >'],
    ['a number as second operator', ['>', 0, 5], 'Bad value in numeric range: 5'],
    ['a missing upper bound', ['>', 0, '<'], 'Value of < must be numeric'],
    ['too many terms in a range', ['>', 0, '<', 5, 6], 'Too many terms in numeric range expression'],
    ['an empty range', ['>', 5, '<', 5], 'Bottom must be less than top'],
  ])('%s', (_label, operand, reason) => {
    expect(reasonFor({ n: [{ numeric: operand }] })).toBe(reason);
  });

  test('the number is quoted as written', () => {
    expect(reasonFor('{"n": [{"numeric": [5.0]}]}')).toBe('Invalid member in numeric match: 5.0');
  });

  test('extra keys beside numeric', () => {
    expect(reasonFor({ n: [{ numeric: ['>', 1], prefix: 'x' }] })).toBe('Too many elements in numeric expression');
  });
});

describe('anything-but', () => {
  test.each<[string, unknown, string]>([
    ['null', null, 'Value of anything-but must be an array or single string/number value.'],
    ['a boolean', true, 'Value of anything-but must be an array or single string/number value.'],
    ['null in a list', ['x', null], 'Inside anything but list, start|null|boolean is not supported.'],
    ['mixed strings and numbers', ['x', 1], 'Inside anything but list, either all values are number or string, mixed type is not supported'],
    ['an empty list', [], 'Inside anything but list, either all values are number or string, mixed type is not supported'],
    ['an empty object', {}, 'Anything-But expression name not found'],
    ['an unsupported form', { numeric: ['>', 1] }, 'Unsupported anything-but pattern: numeric'],
    ['an empty prefix', { prefix: '' }, 'Null prefix/suffix not allowed'],
    ['an empty suffix in a list', { suffix: ['x', ''] }, 'Null prefix/suffix not allowed'],
    ['a numeric prefix', { prefix: 1 }, 'prefix/suffix match pattern must be a string'],
    ['a null suffix in a list', { suffix: [null] }, 'prefix/suffix match pattern must be a string'],
    ['a nested prefix form', { prefix: { 'equals-ignore-case': 'x' } }, 'Value of anything-but must be an array or single string/number value.'],
    ['a numeric ignore-case', { 'equals-ignore-case': 1 }, 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.'],
    ['a numeric wildcard in a list', { wildcard: ['x', 1] }, 'wildcard match pattern must be a string'],
    ['a bad wildcard', { wildcard: 'a**' }, 'Consecutive wildcard characters at pos 2'],
  ])('%s', (_label, operand, reason) => {
    expect(reasonFor({ a: [{ 'anything-but': operand }] })).toBe(reason);
  });
});

describe('exists', () => {
  test.each<[string, object, string]>([
    ['a string', { a: [{ exists: 'true' }] }, 'exists match pattern must be either true or false.'],
    ['null', { a: [{ exists: null }] }, 'exists match pattern must be either true or false.'],
    ['extra keys', { a: [{ exists: true, prefix: 'x' }] }, 'Only one key allowed in match expression'],
  ])('%s', (_label, pattern, reason) => {
    expect(reasonFor(pattern)).toBe(reason);
  });
});

describe('cidr', () => {
  test.each<[string, unknown, string]>([
    ['not a string', 10, 'prefix match pattern must be a string'],
    ['no slash', '10.0.0.0', "Malformed CIDR, one '/' required"],
    ['two slashes', '10.0.0.0/8/8', "Malformed CIDR, one '/' required"],
    ['a mask that is not an integer', '10.0.0.0/x', 'Malformed CIDR, mask bits must be an integer'],
    ['a negative mask', '10.0.0.0/-1', 'Malformed CIDR, mask bits must not be negative'],
    ['a host name', 'example.com/8', 'Nonstandard IP address: example.com'],
    ['an octet out of range', '10.0.0.300/8', 'Invalid IP address: 10.0.0.300'],
    ['a bad IPv6 address', '2001:::1/64', 'Invalid IP address: 2001:::1'],
    ['an IPv4 mask of 32', '10.0.0.1/32', 'IPv4 mask bits must be < 32'],
    ['an IPv6 mask of 128', '::1/128', 'IPv6 mask bits must be < 128'],
  ])('%s', (_label, operand, reason) => {
    expect(reasonFor({ ip: [{ cidr: operand }] })).toBe(reason);
  });
});

describe('$or', () => {
  test.each<[string, object, string]>([
    ['not a list', { $or: { a: ['x'] } }, 'It must be an Array followed with $or.'],
    ['one branch', { $or: [{ a: ['x'] }] }, 'There must have at least 2 Objects in $or relationship.'],
    ['no branch', { $or: [] }, 'There must have at least 2 Objects in $or relationship.'],
    ['a branch that is not an object', { $or: [{ a: ['x'] }, ['b']] }, 'Only JSON object is allowed in array of $or relationship.'],
    ['an empty branch', { $or: [{ a: ['x'] }, {}] }, 'Empty objects are not allowed'],
    ['an operator name as a field', { $or: [{ a: ['x'] }, { prefix: ['y'] }] }, 'prefix is Ruler reserved fieldName which cannot be used inside $or.'],
  ])('%s', (_label, pattern, reason) => {
    expect(reasonFor(pattern)).toBe(reason);
  });

  test('more than 1000 combinations are refused', () => {
    const branches = (field: string) => Array.from({ length: 11 }, (_, index) => ({ [`${field}${index}`]: ['x'] }));
    const tooMany = { a: { $or: branches('a') }, b: { $or: branches('b') }, c: { $or: branches('c') } };
    expect(reasonFor(tooMany)).toBe('Too many combinations of $or branches, the maximum is 1000');
    const enough = { a: { $or: branches('a') }, b: { $or: branches('b') } };
    expect(() => compilePattern(enough, { maxPatternLength: 100_000 })).not.toThrow();
  });
});
