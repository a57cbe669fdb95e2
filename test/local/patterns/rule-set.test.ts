import { compilePattern, InvalidEventPatternError, RuleSet } from '../../../local/patterns';
import { generateEvents } from '../../../local/patterns/bench/events';
import { generateRules } from '../../../local/patterns/bench/rules';

const userCreated = {
  source: 'users-fanout.users',
  'detail-type': 'UserCreated',
  detail: { data: { userId: 'u-1', plan: 'pro', interests: ['chess', 'go'] } },
};

describe('RuleSet', () => {
  test('returns the ids of matching rules, in the order they were added', () => {
    const rules = new RuleSet();
    rules.add('welcome', { source: ['users-fanout.users'], 'detail-type': ['UserCreated'] });
    rules.add('billing', { source: ['billing.accounts'] });
    rules.add('audit', { source: [{ prefix: 'users-fanout.' }] });
    rules.add('chess-club', { detail: { data: { interests: ['chess'] } } });
    expect(rules.match(userCreated)).toEqual(['welcome', 'audit', 'chess-club']);
    expect(rules.match(JSON.stringify(userCreated))).toEqual(['welcome', 'audit', 'chess-club']);
    expect(rules.size).toBe(4);
  });

  test('rules added, replaced and removed while in use', () => {
    const rules = new RuleSet<number>();
    rules.add(1, { source: ['users-fanout.users'] });
    rules.add(2, { detail: { data: { plan: ['pro'] } } });
    expect(rules.match(userCreated)).toEqual([1, 2]);

    expect(rules.remove(1)).toBe(true);
    expect(rules.remove(1)).toBe(false);
    expect(rules.match(userCreated)).toEqual([2]);

    rules.add(2, { detail: { data: { plan: ['free'] } } });
    expect(rules.match(userCreated)).toEqual([]);
    rules.add(3, { detail: { data: { userId: [{ prefix: 'u-' }] } } });
    expect(rules.match(userCreated)).toEqual([3]);
  });

  test('an invalid pattern is refused and leaves the existing rule in place', () => {
    const rules = new RuleSet();
    rules.add('r', { source: ['users-fanout.users'] });
    expect(() => rules.add('r', { source: [] })).toThrow(InvalidEventPatternError);
    expect(rules.match(userCreated)).toEqual(['r']);
  });

  test('a rule whose $or branches both match is reported once', () => {
    const rules = new RuleSet();
    rules.add('either', { $or: [{ source: ['users-fanout.users'] }, { 'detail-type': ['UserCreated'] }] });
    expect(rules.match(userCreated)).toEqual(['either']);
  });

  test('rules that only require absence match events without the field', () => {
    const rules = new RuleSet();
    rules.add('no-errors', { detail: { errorCode: [{ exists: false }] } });
    expect(rules.match(userCreated)).toEqual(['no-errors']);
    expect(rules.match({ detail: { errorCode: 'Denied' } })).toEqual([]);
  });

  test('rule sets are independent: a rule added to one never matches in another', () => {
    const sources = new RuleSet();
    const details = new RuleSet();
    sources.add('by-source', { source: ['shop'] });
    details.add('by-detail', { detail: { n: [1] } });
    sources.add('by-type', { 'detail-type': ['Sold'] });
    const event = { source: 'shop', 'detail-type': 'Sold', detail: { n: 1 } };
    expect(sources.match(event)).toEqual(['by-source', 'by-type']);
    expect(details.match(event)).toEqual(['by-detail']);
    expect(sources.match({ detail: { n: 1 } })).toEqual([]);
    expect(details.match({ source: 'shop', 'detail-type': 'Sold' })).toEqual([]);
  });

  test('text that is not a JSON object matches nothing', () => {
    const rules = new RuleSet();
    rules.add('any', { a: [{ exists: false }] });
    expect(rules.match('{broken')).toEqual([]);
  });

  test('the merged machine agrees with testing each rule on its own', () => {
    const patterns = generateRules(400, 99);
    const events = [...generateEvents('user', 150, 3), ...generateEvents('aws', 150, 4)];
    const rules = new RuleSet<number>();
    patterns.forEach((pattern, index) => rules.add(index, pattern));
    const compiled = patterns.map((pattern) => compilePattern(pattern));
    let matchCount = 0;
    for (const event of events) {
      const expected = compiled.flatMap((pattern, index) => (pattern.matches(event) ? [index] : []));
      expect(rules.match(event)).toEqual(expected);
      matchCount += expected.length;
    }
    expect(matchCount).toBeGreaterThan(50);
  });

  test('after removals the machine still agrees with the remaining rules', () => {
    const patterns = generateRules(200, 5);
    const events = generateEvents('user', 100, 6);
    const rules = new RuleSet<number>();
    patterns.forEach((pattern, index) => rules.add(index, pattern));
    const kept = patterns.map((_, index) => index).filter((index) => index % 3 !== 0);
    patterns.forEach((_, index) => (index % 3 === 0 ? rules.remove(index) : undefined));
    for (const event of events) {
      const expected = kept.filter((index) => compilePattern(patterns[index] as object).matches(event));
      expect(rules.match(event)).toEqual(expected);
    }
  });
});
