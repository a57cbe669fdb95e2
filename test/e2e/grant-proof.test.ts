import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { actionMatches } from '../../local/iam/matching/action';
import { copyAssembly, type EditableTemplate } from './assembly-copy';
import { ALLOWLIST } from './grant-proof/allowlist';
import { runScenario, type ScenarioOutcome } from './grant-proof/scenario';
import { describeStatement, grantStatements, type GrantStatement } from './grant-proof/statements';
import { forEachConcurrently } from '../../support/concurrency';
import { CDK_OUT } from '../../support/project';

const ASSEMBLY = CDK_OUT;
const TEMPLATE = 'UsersFanout-dev.template.json';
/** Copies run side by side: each is a runtime in this process plus its functions' sandboxes. */
const CONCURRENCY = Math.max(2, Math.min(8, Math.floor(os.freemem() / 2 ** 30 / 1.5), os.availableParallelism() * 3));

/**
 * The grant proof: every Allow statement of every role and resource-based policy of the synthesized template is
 * needed. For each, the scenario (everything the template's principals do, see grant-proof/scenario.ts) runs on a
 * copy of the assembly without that one statement, and must be refused an action the statement grants. A statement
 * whose removal breaks nothing is unused, and fails the proof unless the allowlist says why only AWS needs it.
 */
describe('the grant proof', () => {
  const template = JSON.parse(fs.readFileSync(path.join(ASSEMBLY, TEMPLATE), 'utf8')) as EditableTemplate;
  const statements = grantStatements(template);
  const allowlisted = (statement: GrantStatement) => ALLOWLIST.find((entry) => entry.matches(statement));
  const proven = statements.filter((statement) => !allowlisted(statement));
  let real: ScenarioOutcome;
  let outcomes: Array<{ statement: GrantStatement; outcome: ScenarioOutcome }>;

  beforeAll(async () => {
    real = await runScenario(ASSEMBLY);
    outcomes = [];
    await forEachConcurrently(proven, CONCURRENCY, async (statement) => {
      const copy = copyAssembly(ASSEMBLY, (edited, fileName) => {
        if (fileName === TEMPLATE) statement.remove(edited);
      });
      try {
        outcomes.push({ statement, outcome: await runScenario(copy.dir) });
      } finally {
        copy.remove();
      }
    });
  }, 15 * 60_000);

  it('the real template runs the whole scenario with no denial', () => {
    expect(real).toEqual({ kind: 'completed', ms: expect.any(Number) });
  });

  it('every statement outside the allowlist is needed: without it, the scenario is refused an action it grants', () => {
    const lines = outcomes.map(({ statement, outcome }) => {
      const what = describeStatement(statement);
      if (outcome.kind === 'completed') return `UNUSED  ${what}`;
      if (outcome.kind === 'failed') return `BROKEN  ${what}: ${outcome.step}: ${outcome.error}\n    ${outcome.logTail.join('\n    ')}`;
      const named = statement.actions.some((action) => actionMatches(action, outcome.denial.action));
      return `${named ? 'needed' : 'OTHER '}  ${what}  <- ${outcome.denial.principal.split('/').pop()} ${outcome.denial.action} (${outcome.step}, ${Math.round(outcome.ms / 100) / 10} s)`;
    });
    const needed = lines.filter((line) => line.startsWith('needed')).length;
    process.stdout.write(`grant proof: ${needed} of ${statements.length} Allow statements proven needed, ${statements.length - proven.length} allowlisted, ${CONCURRENCY} copies at a time\n`);
    expect(lines.filter((line) => !line.startsWith('needed'))).toEqual([]);
  });

  it('takes the statements of every kind of policy the template holds', () => {
    const kinds = new Set(statements.map((statement) => `${statement.type} ${statement.kind}`));
    expect([...kinds].sort()).toEqual([
      'AWS::IAM::Policy identity',
      'AWS::IAM::Role trust',
      'AWS::KMS::Key resource',
      'AWS::Lambda::Permission resource',
      'AWS::SQS::QueuePolicy resource',
    ]);
  });

  it('the allowlist covers statements of the template, each with a reason', () => {
    for (const entry of ALLOWLIST) {
      expect(entry.reason.length).toBeGreaterThan(20);
      expect(statements.filter((statement) => entry.matches(statement)).map((statement) => statement.id)).not.toEqual([]);
    }
  });
});
