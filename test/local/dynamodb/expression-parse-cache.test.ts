import { compare } from 'dynalite/db';
import conditionParser from 'dynalite/db/conditionParser';
import type { ExpressionParseContext, ExpressionParser } from 'dynalite/db/expression-parser';
import updateParser from 'dynalite/db/updateParser';
import { memoizedParser } from '../../../local/dynamodb/expression-parse-cache';

/** dynalite's validation passes a reserved-word check; a few words stand in for its list of 573. */
const RESERVED = new Set(['STATUS', 'NAME', 'DATA']);

interface Request {
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** The request's context as dynalite's validation builds it: every name and value unused until a parse uses it. */
function contextOf(request: Request): ExpressionParseContext {
  return {
    attrNames: request.names,
    attrVals: request.values,
    unusedAttrNames: Object.fromEntries(Object.keys(request.names ?? {}).map((name) => [name, true])),
    unusedAttrVals: Object.fromEntries(Object.keys(request.values ?? {}).map((name) => [name, true])),
    isReserved: (name: string) => RESERVED.has(name.toUpperCase()),
    compare,
  };
}

/** What a parse returns or throws, and what it leaves unused: all that dynalite's validation reads of it. */
function outcome(parser: ExpressionParser, expression: string, request: Request) {
  const context = contextOf(request);
  let result: unknown;
  try {
    result = parser.parse(expression, { context });
  } catch (error) {
    result = { thrown: (error as Error).message };
  }
  if (typeof result === 'object' && result !== null && 'thrown' in result) expect(result.thrown).toMatch(/^Expected /);
  return { result, unusedNames: Object.keys(context.unusedAttrNames ?? {}), unusedValues: Object.keys(context.unusedAttrVals ?? {}) };
}

const IDEMPOTENCY_CONDITION =
  'attribute_not_exists(#id) OR #expiry < :now OR (#status = :inprogress AND attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_in_millis)';
const idempotencyNames = { '#id': 'id', '#expiry': 'expiration', '#in_progress_expiry': 'in_progress_expiration', '#status': 'status' };
const idempotencyValues = (now: number) => ({ ':now': { N: String(now / 1000) }, ':now_in_millis': { N: String(now) }, ':inprogress': { S: 'INPROGRESS' } });

/** Each case is parsed with its requests in turn, so the later ones can be answered from what the first left. */
const CONDITION_CASES: Array<[string, string, Request[]]> = [
  ['a long condition, values changing', IDEMPOTENCY_CONDITION, [{ names: idempotencyNames, values: idempotencyValues(1) }, { names: idempotencyNames, values: idempotencyValues(2) }]],
  ['an unused value', 'attribute_not_exists(eventId)', [{ values: { ':spare': { S: 'a' } } }, { values: { ':spare': { S: 'b' } } }]],
  ['an unused name', '#a = :v', [{ names: { '#a': 'a', '#b': 'b' }, values: { ':v': { S: 'x' } } }, { names: { '#a': 'a', '#b': 'b' }, values: { ':v': { S: 'y' } } }]],
  ['a type the function refuses, after one it accepts', 'begins_with(a, :p)', [{ values: { ':p': { S: 'x' } } }, { values: { ':p': { N: '1' } } }, { values: { ':p': { S: 'z' } } }]],
  ['BETWEEN, bounds in order then reversed', 'a BETWEEN :low AND :high', [{ values: { ':low': { N: '1' }, ':high': { N: '2' } } }, { values: { ':low': { N: '3' }, ':high': { N: '2' } } }]],
  ['attribute_type, a valid type name then an invalid one', 'attribute_type(a, :t)', [{ values: { ':t': { S: 'N' } } }, { values: { ':t': { S: 'X' } } }]],
  ['an undefined value, after a request that defined it', 'a = :v', [{ values: { ':v': { S: 'x' } } }, { values: { ':w': { S: 'x' } } }]],
  ['a reserved word', 'status = :v', [{ values: { ':v': { S: 'x' } } }, { values: { ':v': { S: 'y' } } }]],
  ['a syntax error', 'a = = :v', [{ values: { ':v': { S: 'x' } } }, { values: { ':v': { S: 'x' } } }]],
  ['a nested path and a list index', 'a.b[2] IN (:x, :y) AND size(c) > :n', [{ values: { ':x': { S: 'p' }, ':y': { S: 'q' }, ':n': { N: '1' } } }, { values: { ':x': { S: 'r' }, ':y': { S: 's' }, ':n': { N: '9' } } }]],
];

const UPDATE_CASES: Array<[string, string, Request[]]> = [
  [
    'the idempotency record completed',
    'SET #expiry = :expiry, #status = :status, #response_data = :response_data',
    [1, 2].map((n) => ({
      names: { '#expiry': 'expiration', '#status': 'status', '#response_data': 'data' },
      values: { ':expiry': { N: String(n) }, ':status': { S: 'COMPLETED' }, ':response_data': { S: `{"n":${n}}` } },
    })),
  ],
  ['ADD of a number, then of a string it refuses', 'ADD counter :n', [{ values: { ':n': { N: '1' } } }, { values: { ':n': { S: 'x' } } }]],
  ['arithmetic and a function', 'SET a = if_not_exists(a, :zero) + :one REMOVE b', [{ values: { ':zero': { N: '0' }, ':one': { N: '1' } } }, { values: { ':zero': { N: '5' }, ':one': { N: '7' } } }]],
  ['overlapping paths', 'SET a = :x, a.b = :y', [{ values: { ':x': { S: 'p' }, ':y': { S: 'q' } } }, { values: { ':x': { S: 'r' }, ':y': { S: 's' } } }]],
];

describe('the memoized expression parse', () => {
  for (const [parserName, parser, cases] of [
    ['condition', conditionParser, CONDITION_CASES],
    ['update', updateParser, UPDATE_CASES],
  ] as const) {
    describe(`of dynalite's ${parserName} parser`, () => {
      it.each(cases)('returns what dynalite returns, request after request: %s', (_name, expression, requests) => {
        const memoized = memoizedParser(parser);
        for (const request of requests) expect(outcome(memoized, expression, request)).toEqual(outcome(parser, expression, request));
      });
    });
  }

  it('parses an expression twice at first, then not again while its names and value types stay the same', () => {
    let parses = 0;
    const memoized = memoizedParser({ parse: (expression, options) => (parses++, conditionParser.parse(expression, options)) });
    const parse = (expression: string, request: Request) => memoized.parse(expression, { context: contextOf(request) });
    for (const now of [1, 2, 3]) parse(IDEMPOTENCY_CONDITION, { names: idempotencyNames, values: idempotencyValues(now) });
    expect(parses).toBe(2);
    parse(IDEMPOTENCY_CONDITION, { names: idempotencyNames, values: { ...idempotencyValues(4), ':inprogress': { N: '1' } } });
    expect(parses).toBe(4);
    for (const high of ['2', '3']) parse('a BETWEEN :low AND :high', { values: { ':low': { N: '1' }, ':high': { N: high } } });
    expect(parses).toBe(6);
  });

  it("puts each request's own value objects in the tree, not the first request's", () => {
    const memoized = memoizedParser(conditionParser);
    memoized.parse(IDEMPOTENCY_CONDITION, { context: contextOf({ names: idempotencyNames, values: idempotencyValues(1) }) });
    const values = idempotencyValues(2);
    const tree = memoized.parse(IDEMPOTENCY_CONDITION, { context: contextOf({ names: idempotencyNames, values }) });
    const found: unknown[] = [];
    const collect = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      if (Object.values(values).includes(node as (typeof values)[keyof typeof values])) found.push(node);
      else Object.values(node).forEach(collect);
    };
    collect(tree);
    expect(found).toHaveLength(3);
    expect(new Set(found)).toEqual(new Set(Object.values(values)));
  });

  it('gives each request a tree of its own, so what one does to its tree reaches no other', () => {
    const memoized = memoizedParser(updateParser);
    const expression = 'SET a = :x, b = :y';
    const request = { values: { ':x': { S: 'p' }, ':y': { S: 'q' } } };
    const first = memoized.parse(expression, { context: contextOf(request) }) as { sections: Array<{ path: string[] }>; paths: string[][] };
    first.sections[0].path.push('changed');
    const second = memoized.parse(expression, { context: contextOf(request) }) as { sections: Array<{ path: string[] }>; paths: string[][] };
    expect(second.sections[0].path).toEqual(['a']);
    // A path that dynalite's tree holds twice (in its section and in `paths`) is still one object in the copy.
    expect(second.paths[0]).toBe(second.sections[0].path);
  });
});
