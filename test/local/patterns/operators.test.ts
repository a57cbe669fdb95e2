import { matchesPattern } from '../../../local/patterns';

const matches = (pattern: object | string, event: object | string): boolean => matchesPattern(pattern, event);

describe('exact values', () => {
  test('strings, numbers, booleans and null match only their own type', () => {
    expect(matches({ a: ['300'] }, { a: '300' })).toBe(true);
    expect(matches({ a: ['300'] }, { a: 300 })).toBe(false);
    expect(matches({ a: [300] }, { a: '300' })).toBe(false);
    expect(matches({ a: [true] }, { a: true })).toBe(true);
    expect(matches({ a: [true] }, { a: 'true' })).toBe(false);
    expect(matches({ a: [null] }, { a: null })).toBe(true);
    expect(matches({ a: [null] }, { a: 'null' })).toBe(false);
    expect(matches({ a: [null] }, { a: '' })).toBe(false);
    expect(matches({ a: [''] }, { a: null })).toBe(false);
  });

  test('numbers compare as doubles, whatever their written form', () => {
    expect(matches('{"a": [300]}', '{"a": 300.0}')).toBe(true);
    expect(matches('{"a": [3e2]}', '{"a": 300}')).toBe(true);
    expect(matches('{"a": [0.1]}', '{"a": 1e-1}')).toBe(true);
    expect(matches('{"a": [300]}', '{"a": 300.5}')).toBe(false);
  });

  test('a missing field never matches a value', () => {
    expect(matches({ a: ['x'] }, { b: 'x' })).toBe(false);
    expect(matches({ a: [null] }, {})).toBe(false);
  });

  test('keys and values are case-sensitive', () => {
    expect(matches({ Key: ['Value'] }, { key: 'Value' })).toBe(false);
    expect(matches({ key: ['Value'] }, { key: 'value' })).toBe(false);
  });

  test('several values in a list are alternatives, matchers may be mixed', () => {
    const pattern = { a: ['x', 7, { prefix: 'pre' }, { numeric: ['>', 100] }] };
    expect(matches(pattern, { a: 'x' })).toBe(true);
    expect(matches(pattern, { a: 7 })).toBe(true);
    expect(matches(pattern, { a: 'prefixed' })).toBe(true);
    expect(matches(pattern, { a: 101 })).toBe(true);
    expect(matches(pattern, { a: 50 })).toBe(false);
  });

  test('fields of one pattern must all match', () => {
    expect(matches({ a: ['x'], b: ['y'] }, { a: 'x', b: 'y' })).toBe(true);
    expect(matches({ a: ['x'], b: ['y'] }, { a: 'x', b: 'z' })).toBe(false);
  });

  test('IP address values match other spellings of the same address', () => {
    expect(matches({ ip: ['2001:db8::1'] }, { ip: '2001:0db8:0000:0000:0000:0000:0000:0001' })).toBe(true);
    expect(matches({ ip: ['10.0.0.1'] }, { ip: '10.0.0.2' })).toBe(false);
  });
});

describe('prefix and suffix', () => {
  test('prefix matches strings starting with it, never other types', () => {
    expect(matches({ a: [{ prefix: 'ab' }] }, { a: 'abc' })).toBe(true);
    expect(matches({ a: [{ prefix: 'ab' }] }, { a: 'cab' })).toBe(false);
    expect(matches({ a: [{ prefix: '1' }] }, { a: 12 })).toBe(false);
    expect(matches({ a: [{ prefix: '' }] }, { a: '' })).toBe(true);
    expect(matches({ a: [{ prefix: '' }] }, { a: null })).toBe(false);
  });

  test('suffix matches strings ending with it', () => {
    expect(matches({ a: [{ suffix: '.png' }] }, { a: 'x.png' })).toBe(true);
    expect(matches({ a: [{ suffix: '.png' }] }, { a: 'x.PNG' })).toBe(false);
    expect(matches({ a: [{ suffix: '' }] }, { a: 5 })).toBe(false);
  });

  test('with equals-ignore-case they ignore case', () => {
    expect(matches({ a: [{ prefix: { 'equals-ignore-case': 'EventB' } }] }, { a: 'eVENTbridge' })).toBe(true);
    expect(matches({ a: [{ suffix: { 'equals-ignore-case': '.PNG' } }] }, { a: 'x.png' })).toBe(true);
    expect(matches({ a: [{ suffix: { 'equals-ignore-case': '.PNG' } }] }, { a: 'x.jpg' })).toBe(false);
  });

  test('many prefixes on one field are all found', () => {
    const prefixes = Array.from({ length: 40 }, (_, index) => ({ prefix: `p${index}-` }));
    expect(matches({ a: prefixes }, { a: 'p37-value' })).toBe(true);
    expect(matches({ a: prefixes }, { a: 'p40-value' })).toBe(false);
  });
});

describe('equals-ignore-case', () => {
  test('matches strings regardless of case, only strings', () => {
    expect(matches({ a: [{ 'equals-ignore-case': 'AbC' }] }, { a: 'aBc' })).toBe(true);
    expect(matches({ a: [{ 'equals-ignore-case': 'AbC' }] }, { a: 'abcd' })).toBe(false);
    expect(matches({ a: [{ 'equals-ignore-case': 'null' }] }, { a: null })).toBe(false);
  });
});

describe('wildcard', () => {
  test('* matches any run of characters, including none', () => {
    const pattern = { a: [{ wildcard: 'arn:*:bus/*' }] };
    expect(matches(pattern, { a: 'arn:aws:events:bus/default' })).toBe(true);
    expect(matches(pattern, { a: 'arn::bus/' })).toBe(true);
    expect(matches(pattern, { a: 'arn:aws:events:rule/x' })).toBe(false);
    expect(matches({ a: [{ wildcard: 'a*' }] }, { a: 12 })).toBe(false);
  });

  test('without * it is an exact match; the empty wildcard matches only the empty string', () => {
    expect(matches({ a: [{ wildcard: 'abc' }] }, { a: 'abc' })).toBe(true);
    expect(matches({ a: [{ wildcard: 'abc' }] }, { a: 'abcd' })).toBe(false);
    expect(matches({ a: [{ wildcard: '' }] }, { a: '' })).toBe(true);
  });

  test('\\* and \\\\ are literal characters', () => {
    expect(matches({ a: [{ wildcard: 'a\\*b' }] }, { a: 'a*b' })).toBe(true);
    expect(matches({ a: [{ wildcard: 'a\\*b' }] }, { a: 'axb' })).toBe(false);
    expect(matches({ a: [{ wildcard: 'a\\\\*' }] }, { a: 'a\\tail' })).toBe(true);
  });

  test('regular expression characters are literal', () => {
    expect(matches({ a: [{ wildcard: 'a.b(*)' }] }, { a: 'a.b(x)' })).toBe(true);
    expect(matches({ a: [{ wildcard: 'a.b(*)' }] }, { a: 'aXb(x)' })).toBe(false);
  });
});

describe('anything-but', () => {
  test('a string or a list of strings excludes those strings only', () => {
    expect(matches({ a: [{ 'anything-but': 'x' }] }, { a: 'y' })).toBe(true);
    expect(matches({ a: [{ 'anything-but': 'x' }] }, { a: 'x' })).toBe(false);
    expect(matches({ a: [{ 'anything-but': ['x', 'y'] }] }, { a: 'y' })).toBe(false);
    expect(matches({ a: [{ 'anything-but': ['1'] }] }, { a: 1 })).toBe(true);
  });

  test('a number or list of numbers excludes those numbers, compared as doubles', () => {
    expect(matches('{"a": [{"anything-but": [100, 200]}]}', '{"a": 200.0}')).toBe(false);
    expect(matches({ a: [{ 'anything-but': 100 }] }, { a: 101 })).toBe(true);
    expect(matches({ a: [{ 'anything-but': 100 }] }, { a: '100' })).toBe(true);
  });

  test('needs the field: null matches, absence does not', () => {
    expect(matches({ a: [{ 'anything-but': 'x' }] }, { a: null })).toBe(true);
    expect(matches({ a: [{ 'anything-but': 'x' }] }, {})).toBe(false);
  });

  test('prefix, suffix, equals-ignore-case and wildcard forms exclude matching strings', () => {
    expect(matches({ a: [{ 'anything-but': { prefix: 'init' } }] }, { a: 'initial' })).toBe(false);
    expect(matches({ a: [{ 'anything-but': { prefix: ['init', 'post'] } }] }, { a: 'running' })).toBe(true);
    expect(matches({ a: [{ 'anything-but': { suffix: '.tmp' } }] }, { a: 'x.tmp' })).toBe(false);
    expect(matches({ a: [{ 'anything-but': { 'equals-ignore-case': ['STOPPED'] } }] }, { a: 'stopped' })).toBe(false);
    expect(matches({ a: [{ 'anything-but': { 'equals-ignore-case': 'STOPPED' } }] }, { a: 'running' })).toBe(true);
    expect(matches({ a: [{ 'anything-but': { wildcard: '*/tmp/*' } }] }, { a: 'a/tmp/b' })).toBe(false);
    expect(matches({ a: [{ 'anything-but': { wildcard: ['*/tmp/*', '*.bak'] } }] }, { a: 'a/src/b' })).toBe(true);
  });

  test('string forms never exclude numbers or null', () => {
    expect(matches({ a: [{ 'anything-but': { prefix: '1' } }] }, { a: 12 })).toBe(true);
    expect(matches({ a: [{ 'anything-but': { suffix: 'l' } }] }, { a: null })).toBe(true);
  });

  test('an array value matches when any element is not excluded', () => {
    expect(matches({ a: [{ 'anything-but': 'x' }] }, { a: ['x', 'y'] })).toBe(true);
    expect(matches({ a: [{ 'anything-but': 'x' }] }, { a: ['x', 'x'] })).toBe(false);
  });
});

describe('numeric', () => {
  test('single bounds', () => {
    expect(matches({ n: [{ numeric: ['<', 10] }] }, { n: 9.99 })).toBe(true);
    expect(matches({ n: [{ numeric: ['<', 10] }] }, { n: 10 })).toBe(false);
    expect(matches({ n: [{ numeric: ['<=', 10] }] }, { n: 10 })).toBe(true);
    expect(matches({ n: [{ numeric: ['>', 10] }] }, { n: 10 })).toBe(false);
    expect(matches({ n: [{ numeric: ['>=', 10] }] }, { n: 10 })).toBe(true);
    expect(matches({ n: [{ numeric: ['=', 10] }] }, { n: 10.0 })).toBe(true);
    expect(matches({ n: [{ numeric: ['=', 10] }] }, { n: 10.000001 })).toBe(false);
  });

  test('ranges', () => {
    const pattern = { n: [{ numeric: ['>', 0, '<=', 5] }] };
    expect(matches(pattern, { n: 0 })).toBe(false);
    expect(matches(pattern, { n: 0.5 })).toBe(true);
    expect(matches(pattern, { n: 5 })).toBe(true);
    expect(matches(pattern, { n: 5.1 })).toBe(false);
    expect(matches({ n: [{ numeric: ['>=', -10, '<', -5] }] }, { n: -7 })).toBe(true);
  });

  test('never matches strings (numeric-looking or not), null or booleans', () => {
    const pattern = { n: [{ numeric: ['>', 0] }] };
    expect(matches(pattern, { n: '5' })).toBe(false);
    expect(matches(pattern, { n: null })).toBe(false);
    expect(matches(pattern, { n: true })).toBe(false);
  });

  test('large and precise values compare as doubles', () => {
    expect(matches({ n: [{ numeric: ['>', 5e9] }] }, { n: 6e9 })).toBe(true);
    expect(matches({ n: [{ numeric: ['=', 0.1] }] }, { n: 0.1 })).toBe(true);
  });
});

describe('exists', () => {
  test('true matches any leaf value, null included', () => {
    expect(matches({ a: [{ exists: true }] }, { a: 'x' })).toBe(true);
    expect(matches({ a: [{ exists: true }] }, { a: null })).toBe(true);
    expect(matches({ a: [{ exists: true }] }, { a: 0 })).toBe(true);
    expect(matches({ a: [{ exists: true }] }, { b: 1 })).toBe(false);
  });

  test('objects and empty arrays count as absent', () => {
    expect(matches({ a: [{ exists: true }] }, { a: { b: 1 } })).toBe(false);
    expect(matches({ a: [{ exists: true }] }, { a: [] })).toBe(false);
    expect(matches({ a: [{ exists: false }] }, { a: { b: 1 } })).toBe(true);
    expect(matches({ a: [{ exists: false }] }, { a: [] })).toBe(true);
    expect(matches({ a: [{ exists: false }] }, { a: null })).toBe(false);
  });

  test('false matches when the field is missing', () => {
    expect(matches({ a: [{ exists: false }], b: ['x'] }, { b: 'x' })).toBe(true);
    expect(matches({ a: [{ exists: false }], b: ['x'] }, { a: 1, b: 'x' })).toBe(false);
    expect(matches({ a: { b: [{ exists: false }] } }, {})).toBe(true);
  });

  test('can be an alternative to other matchers', () => {
    const pattern = { a: [{ 'anything-but': 'x' }, { exists: false }] };
    expect(matches(pattern, {})).toBe(true);
    expect(matches(pattern, { a: 'y' })).toBe(true);
    expect(matches(pattern, { a: 'x' })).toBe(false);
  });
});

describe('cidr', () => {
  test('IPv4 ranges', () => {
    const pattern = { ip: [{ cidr: '10.0.0.0/24' }] };
    expect(matches(pattern, { ip: '10.0.0.0' })).toBe(true);
    expect(matches(pattern, { ip: '10.0.0.255' })).toBe(true);
    expect(matches(pattern, { ip: '10.0.1.0' })).toBe(false);
    expect(matches(pattern, { ip: '10.0.0.256' })).toBe(false);
    expect(matches(pattern, { ip: 'not an address' })).toBe(false);
    expect(matches(pattern, { ip: 167772161 })).toBe(false);
  });

  test('IPv6 ranges, compressed or not', () => {
    const pattern = { ip: [{ cidr: '2001:db8::/32' }] };
    expect(matches(pattern, { ip: '2001:db8:ffff::1' })).toBe(true);
    expect(matches(pattern, { ip: '2001:0DB8:0000:0000:0000:0000:0000:0001' })).toBe(true);
    expect(matches(pattern, { ip: '2001:db9::1' })).toBe(false);
    expect(matches(pattern, { ip: '10.0.0.1' })).toBe(false);
  });
});

describe('$or', () => {
  test('any branch may match', () => {
    const pattern = { source: ['s'], $or: [{ a: ['1'] }, { b: ['2'] }] };
    expect(matches(pattern, { source: 's', a: '1' })).toBe(true);
    expect(matches(pattern, { source: 's', b: '2' })).toBe(true);
    expect(matches(pattern, { source: 's', a: '2' })).toBe(false);
    expect(matches(pattern, { source: 't', a: '1' })).toBe(false);
  });

  test('nested and inside detail', () => {
    const pattern = {
      detail: {
        $or: [{ state: ['running'] }, { $or: [{ code: [{ numeric: ['>', 400] }] }, { retry: [true] }] }],
      },
    };
    expect(matches(pattern, { detail: { state: 'running' } })).toBe(true);
    expect(matches(pattern, { detail: { code: 500 } })).toBe(true);
    expect(matches(pattern, { detail: { retry: true } })).toBe(true);
    expect(matches(pattern, { detail: { code: 200, retry: false } })).toBe(false);
  });

  test('combines with fields after it', () => {
    const pattern = { $or: [{ a: ['1'] }, { b: ['2'] }], c: ['3'] };
    expect(matches(pattern, { a: '1', c: '3' })).toBe(true);
    expect(matches(pattern, { a: '1', c: '4' })).toBe(false);
  });
});

describe('nesting, dotted keys and arrays', () => {
  test('dotted pattern keys are the same as nesting, on either side', () => {
    expect(matches({ 'a.b': ['x'] }, { a: { b: 'x' } })).toBe(true);
    expect(matches({ a: { b: ['x'] } }, { 'a.b': 'x' })).toBe(true);
    expect(matches({ a: { 'b.c': ['x'] } }, { 'a.b': { c: 'x' } })).toBe(true);
    expect(matches({ a: { b: ['x'] } }, { a: { c: 'x' } })).toBe(false);
  });

  test('a JSON string is not parsed into fields', () => {
    expect(matches({ a: { b: ['x'] } }, { a: '{"b": "x"}' })).toBe(false);
  });

  test('an array matches if any element matches', () => {
    expect(matches({ a: ['x'] }, { a: ['w', 'x'] })).toBe(true);
    expect(matches({ a: ['x', 'y'] }, { a: ['y'] })).toBe(true);
    expect(matches({ a: ['x'] }, { a: [['w'], ['x']] })).toBe(true);
    expect(matches({ a: ['x'] }, { a: ['w'] })).toBe(false);
  });

  test('arrays of objects are flattened', () => {
    expect(matches({ items: { id: ['2'] } }, { items: [{ id: '1' }, { id: '2' }] })).toBe(true);
    expect(matches({ items: { id: [{ exists: true }] } }, { items: [{ x: 1 }, { id: null }] })).toBe(true);
  });

  test('two fields of one pattern object cannot come from different elements of one array', () => {
    const pattern = { items: { type: ['book'], price: [{ numeric: ['<', 10] }] } };
    const event = { items: [{ type: 'book', price: 20 }, { type: 'pen', price: 5 }] };
    expect(matches(pattern, event)).toBe(false);
    expect(matches(pattern, { items: [{ type: 'pen', price: 5 }, { type: 'book', price: 8 }] })).toBe(true);
  });

  test('fields outside the array combine with any element', () => {
    const pattern = { kind: ['order'], items: { type: ['book'] } };
    expect(matches(pattern, { kind: 'order', items: [{ type: 'pen' }, { type: 'book' }] })).toBe(true);
  });

  test('elements of nested arrays are distinguished at every level', () => {
    const pattern = { groups: { members: { name: ['ada'], role: ['admin'] } } };
    const split = { groups: [{ members: [{ name: 'ada', role: 'user' }] }, { members: [{ name: 'bob', role: 'admin' }] }] };
    const together = { groups: [{ members: [{ name: 'bob', role: 'user' }, { name: 'ada', role: 'admin' }] }] };
    expect(matches(pattern, split)).toBe(false);
    expect(matches(pattern, together)).toBe(true);
  });

  test('exists false looks only at elements consistent with the fields chosen before it', () => {
    const pattern = { items: { a: ['x'], b: [{ exists: false }] } };
    expect(matches(pattern, { items: [{ a: 'x' }, { a: 'y', b: 1 }] })).toBe(true);
    expect(matches(pattern, { items: [{ a: 'x', b: 1 }] })).toBe(false);
  });
});

describe('event input', () => {
  test('raw JSON text and parsed objects give the same answer', () => {
    const pattern = '{"detail": {"n": [{"numeric": [">=", 300]}]}}';
    expect(matches(pattern, '{"detail": {"n": 300.0}}')).toBe(true);
    expect(matches(pattern, { detail: { n: 300 } })).toBe(true);
  });

  test('text that is not a JSON object never matches', () => {
    expect(matches({ a: [{ exists: false }] }, 'not json')).toBe(false);
    expect(matches({ a: [{ exists: false }] }, '[1, 2]')).toBe(false);
  });

  test('inherited object members are not event fields', () => {
    expect(matches({ constructor: [{ exists: true }] }, {})).toBe(false);
    expect(matches({ toString: [{ exists: false }] }, {})).toBe(true);
    expect(matches({ constructor: ['x'] }, '{"constructor": "x"}')).toBe(true);
  });
});

describe('unusual keys', () => {
  test('empty keys are field names like any other', () => {
    expect(matches({ '': { b: ['x'] } }, { '': { b: 'x' } })).toBe(true);
    expect(matches({ '': { b: ['x'] } }, { b: 'x' })).toBe(false);
  });
});

describe('a matcher alone and beside others on its field', () => {
  // A field's only value matcher is tested directly; with more, they are looked up in tables. Each row must
  // give its answer both ways: beside a numeric matcher no event value here satisfies.
  const neverSatisfied = { numeric: ['=', -987654.25] };
  const rows: Array<[string, unknown, unknown, boolean]> = [
    ['exact string', 'x', 'x', true],
    ['exact string, other case', 'x', 'X', false],
    ['exact number', 300, 300, true],
    ['exact number, as text', 300, '300', false],
    ['true', true, true, true],
    ['true, as text', true, 'true', false],
    ['null', null, null, true],
    ['null, empty string', null, '', false],
    ['prefix', { prefix: 'ab' }, 'abc', true],
    ['prefix, elsewhere', { prefix: 'ab' }, 'cab', false],
    ['prefix, number', { prefix: '1' }, 12, false],
    ['suffix', { suffix: 'yz' }, 'xyz', true],
    ['suffix, elsewhere', { suffix: 'yz' }, 'yzx', false],
    ['prefix ignoring case', { prefix: { 'equals-ignore-case': 'AB' } }, 'aBc', true],
    ['prefix ignoring case, elsewhere', { prefix: { 'equals-ignore-case': 'AB' } }, 'xab', false],
    ['suffix ignoring case', { suffix: { 'equals-ignore-case': 'YZ' } }, 'xYz', true],
    ['equals-ignore-case', { 'equals-ignore-case': 'AbC' }, 'aBc', true],
    ['equals-ignore-case, longer', { 'equals-ignore-case': 'AbC' }, 'abcd', false],
    ['wildcard', { wildcard: 'a*c' }, 'abbc', true],
    ['wildcard, no match', { wildcard: 'a*c' }, 'abcd', false],
    ['numeric range', { numeric: ['>', 1, '<=', 5] }, 5, true],
    ['numeric range, bound excluded', { numeric: ['>', 1, '<=', 5] }, 1, false],
    ['numeric range, text', { numeric: ['>', 1, '<=', 5] }, '3', false],
    ['cidr', { cidr: '10.0.0.0/8' }, '10.1.2.3', true],
    ['cidr, outside', { cidr: '10.0.0.0/8' }, '11.0.0.1', false],
    ['anything-but a string', { 'anything-but': 'x' }, 'y', true],
    ['anything-but a string, the string', { 'anything-but': 'x' }, 'x', false],
    ['anything-but a string, a number', { 'anything-but': 'x' }, 5, true],
    ['anything-but a prefix', { 'anything-but': { prefix: 'ab' } }, 'abc', false],
    ['exists', { exists: true }, null, true],
  ];

  test.each(rows)('%s', (_, matcher, value, expected) => {
    expect(matches({ a: [matcher] }, { a: value })).toBe(expected);
    expect(matches({ a: [matcher, neverSatisfied] }, { a: value })).toBe(expected);
    expect(matches({ a: [neverSatisfied, matcher] }, { a: value })).toBe(expected);
  });
});
