import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { judge, parseIgnoreFile, passes, report, type CfnLintFinding, type IgnoredWarning } from '../../../scripts/cfn-lint/findings';
import { synthApp } from '../../cdk/synth-app';
import { PROJECT_DIR } from '../../../support/project';

const IGNORE_FILE = '.ci/cfn-lint-ignore.json';
const REASON = 'CDK writes this on purpose, and the reason is long enough to read.';

function finding(level: CfnLintFinding['Level'], rule: string, message: string): CfnLintFinding {
  return { Filename: 'Stack.template.json', Level: level, Message: message, Rule: { Id: rule }, Location: { Path: ['Resources', 'Fn', 'DependsOn', 0] } };
}

describe('the cfn-lint verdict', () => {
  const entry: IgnoredWarning = { rule: 'W3005', messagePattern: "^'FnRole' dependency", reason: REASON };

  it('fails on any error, and on a warning no entry covers', () => {
    const verdict = judge([finding('Error', 'E3002', 'bad property'), finding('Warning', 'W3005', "'FnRole' dependency"), finding('Warning', 'W1020', 'unneeded Sub')], [entry]);
    expect(verdict.errors.map((one) => one.Rule.Id)).toEqual(['E3002']);
    expect(verdict.unlistedWarnings.map((one) => one.Rule.Id)).toEqual(['W1020']);
    expect(verdict.ignored).toHaveLength(1);
    expect(passes(verdict)).toBe(false);
    expect(report(verdict, 1, IGNORE_FILE)).toEqual([
      'cfn-lint error E3002 at Stack.template.json Resources/Fn/DependsOn/0: bad property',
      `cfn-lint warning W1020 at Stack.template.json Resources/Fn/DependsOn/0: unneeded Sub (fix it, or list it with a reason in ${IGNORE_FILE})`,
      `cfn-lint: 1 templates, 1 errors, 1 unlisted warnings, 1 warnings accepted in ${IGNORE_FILE}`,
    ]);
  });

  it('passes when every warning is covered, ignoring informational findings, and covers only the messages an entry names', () => {
    expect(passes(judge([finding('Warning', 'W3005', "'FnRole' dependency"), finding('Informational', 'I3042', 'hardcoded partition')], [entry]))).toBe(true);
    expect(judge([finding('Warning', 'W3005', "'OtherRole' dependency")], [entry]).unlistedWarnings).toHaveLength(1);
  });

  it('fails on an entry that covers nothing any more, so it cannot silently cover a future warning', () => {
    const verdict = judge([], [entry]);
    expect(passes(verdict)).toBe(false);
    expect(report(verdict, 1, IGNORE_FILE)[0]).toBe(`${IGNORE_FILE}: the W3005 entry /^'FnRole' dependency/ matches no warning any more; remove it`);
  });

  it.each([
    [[{ rule: 'E3002', messagePattern: '.', reason: REASON }], 'rule must be a cfn-lint warning id such as W3005 (errors cannot be ignored)'],
    [[{ rule: 'W3005', messagePattern: '(', reason: REASON }], 'messagePattern is not a regular expression'],
    [[{ rule: 'W3005', messagePattern: '.', reason: 'because' }], 'reason must say why the warning is accepted'],
    [{ rule: 'W3005' }, 'must be a JSON list'],
  ])('refuses an ignore file entry %j', (json, message) => {
    expect(() => parseIgnoreFile(json, IGNORE_FILE)).toThrow(message);
  });
});

const cfnLintInstalled = spawnSync('cfn-lint', ['--version']).status === 0;

// CI runs the same check through scripts/cfn-lint/cli.ts; here it guards the templates each test run synthesizes.
(cfnLintInstalled ? describe : describe.skip)('cfn-lint on the synthesized templates', () => {
  it('finds no error in the dev and prod templates, and no warning the committed ignore file does not accept', () => {
    const entries = parseIgnoreFile(JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, IGNORE_FILE), 'utf8')), IGNORE_FILE);
    const prod = synthApp({ context: { stage: 'prod' } });
    try {
      const templates = [path.join(PROJECT_DIR, 'cdk.out', 'UsersFanout-dev.template.json'), path.join(prod.assemblyDir, 'UsersFanout-prod.template.json')];
      const run = spawnSync('cfn-lint', ['--format', 'json', '--', ...templates], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const verdict = judge(JSON.parse(run.stdout) as CfnLintFinding[], entries);
      expect(report(verdict, templates.length, IGNORE_FILE)).toEqual([
        `cfn-lint: 2 templates, 0 errors, 0 unlisted warnings, ${verdict.ignored.length} warnings accepted in ${IGNORE_FILE}`,
      ]);
    } finally {
      prod.cleanup();
    }
  });
});
