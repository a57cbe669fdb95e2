/*
 * Conformance against real Amazon EventBridge TestEventPattern results.
 *
 * The cases live in ../shared/conformance/eventbridge-test-event-pattern.json (beside the repository, not in it).
 * They are transcribed from LocalStack's AWS-validated event pattern templates and snapshots
 * (tests/aws/services/events/event_pattern_templates/, test_events_patterns.snapshot.json in localstack/localstack),
 * licensed under the Apache License 2.0, Copyright LocalStack contributors.
 */
import { existsSync, readFileSync } from 'fs';
import path from 'path';
import { InvalidEventPatternError, matchesPattern } from '../../../local/patterns';
import { PROJECT_DIR } from '../../../support/project';

type Expected = 'MATCH' | 'NO_MATCH' | 'EXCEPTION';

interface ConformanceCase {
  name: string;
  pattern: string | object;
  event: string | object;
  expected: Expected;
  awsErrorMessage?: string;
}

const CASES_FILE = path.resolve(PROJECT_DIR, '../shared/conformance/eventbridge-test-event-pattern.json');
const EXPECTED_CASE_COUNT = 155;

function loadCases(): ConformanceCase[] {
  if (!existsSync(CASES_FILE)) return [];
  const parsed = JSON.parse(readFileSync(CASES_FILE, 'utf8')) as { cases: ConformanceCase[] };
  return parsed.cases;
}

function asText(value: string | object): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

type Outcome = { expected: Expected; awsErrorMessage?: string };

function outcomeOf(pattern: string | object, event: string | object): Outcome {
  try {
    return { expected: matchesPattern(pattern, event) ? 'MATCH' : 'NO_MATCH' };
  } catch (error) {
    if (!(error instanceof InvalidEventPatternError)) throw error;
    return { expected: 'EXCEPTION', awsErrorMessage: error.message };
  }
}

const cases = loadCases();

describe('EventBridge TestEventPattern conformance', () => {
  test('the recorded cases are present beside the repository', () => {
    if (cases.length === 0) {
      throw new Error(`Conformance cases not found at ${CASES_FILE}; clone the shared data beside the repository`);
    }
    expect(cases).toHaveLength(EXPECTED_CASE_COUNT);
  });

  if (cases.length === 0) return;
  test.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const expected: Outcome =
      testCase.expected === 'EXCEPTION'
        ? { expected: 'EXCEPTION', awsErrorMessage: testCase.awsErrorMessage }
        : { expected: testCase.expected };
    expect(outcomeOf(testCase.pattern, testCase.event)).toEqual(expected);
    expect(outcomeOf(asText(testCase.pattern), asText(testCase.event))).toEqual(expected);
  });
});
