import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesize } from '../../local/cli/synth';
import { judge, parseIgnoreFile, passes, report, type CfnLintFinding } from './findings';

/**
 * CI's template lint: synthesizes the app as the tests do (the dev stage into cdk.out, and the prod stage, whose
 * retention differs, into a temporary folder), runs cfn-lint on both templates and fails on any error, on any
 * warning `.ci/cfn-lint-ignore.json` does not accept with a reason, and on an entry there that matches nothing.
 */
async function main(): Promise<number> {
  const projectDir = path.resolve(__dirname, '..', '..');
  const ignoreFile = '.ci/cfn-lint-ignore.json';
  const entries = parseIgnoreFile(JSON.parse(fs.readFileSync(path.join(projectDir, ignoreFile), 'utf8')), ignoreFile);
  const prodDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-lint-prod-'));
  try {
    const devDir = path.join(projectDir, 'cdk.out');
    await synthesize({ projectDir, outDir: devDir });
    await synthesize({ projectDir, outDir: prodDir, context: { stage: 'prod' } });
    const templates = [devDir, prodDir].flatMap((dir) => fs.readdirSync(dir).filter((name) => name.endsWith('.template.json')).map((name) => path.join(dir, name)));
    const findings = lint(templates);
    const verdict = judge(findings, entries);
    for (const line of report(verdict, templates.length, ignoreFile)) console.log(line);
    return passes(verdict) ? 0 : 1;
  } finally {
    fs.rmSync(prodDir, { recursive: true, force: true });
  }
}

/** cfn-lint exits non-zero whenever it finds anything; only output that is not its JSON report means it failed. */
function lint(templates: string[]): CfnLintFinding[] {
  const run = spawnSync('cfn-lint', ['--format', 'json', '--', ...templates], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`cannot run cfn-lint: ${run.error.message}`);
  try {
    return JSON.parse(run.stdout) as CfnLintFinding[];
  } catch {
    throw new Error(`cfn-lint exited with ${run.status} without a JSON report:\n${run.stderr || run.stdout}`);
  }
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(`cfn-lint check failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
