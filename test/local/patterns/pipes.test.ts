import { compilePattern, compilePipeFilters, InvalidEventPatternError, matchesPattern } from '../../../local/patterns';

const insertRecord = {
  eventID: '7de3041dd709b024af6f29e4fa13d34c',
  eventName: 'INSERT',
  eventSource: 'aws:dynamodb',
  awsRegion: 'us-east-1',
  dynamodb: {
    Keys: { userId: { S: 'u-1' } },
    NewImage: {
      userId: { S: 'u-1' },
      email: { S: 'ada@example.com' },
      loginCount: { N: '42' },
      interests: { SS: ['chess', 'go'] },
    },
    StreamViewType: 'NEW_AND_OLD_IMAGES',
  },
};

function refusal(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof InvalidEventPatternError) return error.message;
    throw error;
  }
  throw new Error('was accepted');
}

describe('Pipes filters', () => {
  test('filters are OR-ed', () => {
    const filters = compilePipeFilters([
      JSON.stringify({ eventName: ['MODIFY'] }),
      JSON.stringify({ eventName: ['INSERT'], dynamodb: { NewImage: { email: { S: [{ exists: true }] } } } }),
    ]);
    expect(filters.matches(insertRecord)).toBe(true);
    expect(filters.matches({ ...insertRecord, eventName: 'REMOVE' })).toBe(false);
    expect(filters.matches(JSON.stringify(insertRecord))).toBe(true);
  });

  test('no filters let every record through', () => {
    expect(compilePipeFilters([]).matches(insertRecord)).toBe(true);
  });

  test('DynamoDB values keep their type keys', () => {
    const filters = (pattern: object) => compilePipeFilters([JSON.stringify(pattern)]);
    expect(filters({ dynamodb: { NewImage: { userId: { S: ['u-1'] } } } }).matches(insertRecord)).toBe(true);
    expect(filters({ dynamodb: { NewImage: { userId: ['u-1'] } } }).matches(insertRecord)).toBe(false);
    expect(filters({ dynamodb: { NewImage: { interests: { SS: ['go'] } } } }).matches(insertRecord)).toBe(true);
  });

  test('numeric never matches an N value, which is a string', () => {
    const numeric = compilePipeFilters([JSON.stringify({ dynamodb: { NewImage: { loginCount: { N: [{ numeric: ['>', 1] }] } } } })]);
    expect(numeric.matches(insertRecord)).toBe(false);
    const exact = compilePipeFilters([JSON.stringify({ dynamodb: { NewImage: { loginCount: { N: ['42'] } } } })]);
    expect(exact.matches(insertRecord)).toBe(true);
  });

  test.each(['prefix', 'suffix', 'equals-ignore-case', 'wildcard'])('anything-but %s is refused', (form) => {
    const pattern = JSON.stringify({ eventName: [{ 'anything-but': { [form]: 'IN' } }] });
    expect(refusal(() => compilePipeFilters([pattern]))).toBe(
      `Event pattern is not valid. Reason: Unsupported anything-but pattern: ${form}`,
    );
    expect(refusal(() => compilePattern(pattern, { flavour: 'pipes' }))).toMatch(/Unsupported anything-but pattern/);
    expect(() => compilePattern(pattern)).not.toThrow();
  });

  test('plain anything-but is allowed', () => {
    const filters = compilePipeFilters([JSON.stringify({ eventName: [{ 'anything-but': ['REMOVE', 'MODIFY'] }] })]);
    expect(filters.matches(insertRecord)).toBe(true);
  });

  test('at most 5 filters', () => {
    const filter = JSON.stringify({ eventName: ['INSERT'] });
    expect(() => compilePipeFilters(Array(5).fill(filter))).not.toThrow();
    expect(refusal(() => compilePipeFilters(Array(6).fill(filter)))).toBe(
      'Event pattern is not valid. Reason: A filter criteria can hold at most 5 filters, got 6',
    );
  });

  test('each filter at most 4096 characters', () => {
    const withLength = (length: number) => {
      const base = JSON.stringify({ eventName: [''] });
      return JSON.stringify({ eventName: ['x'.repeat(length - base.length)] });
    };
    expect(withLength(4096)).toHaveLength(4096);
    expect(compilePipeFilters([withLength(4096)]).matches(insertRecord)).toBe(false);
    expect(refusal(() => compilePipeFilters([withLength(4097)]))).toMatch(/4097 characters long, more than the maximum of 4096$/);
  });

  test('the same language as EventBridge otherwise', () => {
    const pattern = { dynamodb: { NewImage: { email: { S: [{ suffix: '@example.com' }] } } } };
    expect(matchesPattern(pattern, insertRecord, { flavour: 'pipes' })).toBe(true);
  });
});
