import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AssemblyError, checkAssembly } from '../../../local/cli/assembly';
import { parseStartOptions, UsageError } from '../../../local/cli/options';
import { copyAssembly, type AssemblyCopy } from '../../e2e/assembly-copy';
import { PROJECT_DIR } from '../../../support/project';

describe('npm start -- --iam', () => {
  it('enforces by default; --iam or LOCAL_IAM picks warn or off, the flag over the variable', () => {
    expect(parseStartOptions([], {}).iam).toBe('enforce');
    expect(parseStartOptions(['--iam', 'warn'], {}).iam).toBe('warn');
    expect(parseStartOptions([], { LOCAL_IAM: 'off' }).iam).toBe('off');
    expect(parseStartOptions(['--iam', 'enforce'], { LOCAL_IAM: 'off' }).iam).toBe('enforce');
  });

  it('refuses another mode, naming the valid ones', () => {
    expect(() => parseStartOptions(['--iam', 'strict'], {})).toThrow(UsageError);
    expect(() => parseStartOptions(['--iam', 'strict'], {})).toThrow(/enforce, warn, off/);
    expect(() => parseStartOptions(['--iam'], {})).toThrow('option "--iam" needs a value');
  });
});

describe('npm start -- --assembly', () => {
  const copies: AssemblyCopy[] = [];
  const assembly = path.join(PROJECT_DIR, 'cdk.out');
  const check = (dir: string): string => checkAssembly(dir, PROJECT_DIR);

  afterAll(() => {
    for (const copy of copies) copy.remove();
  });

  it('takes the directory, resolved from where npm start runs', () => {
    expect(parseStartOptions(['--assembly', 'cdk.out'], {}).assembly).toBe('cdk.out');
    expect(check('cdk.out')).toBe(assembly);
  });

  it('answers each bad input with one line naming it', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-assembly-'));
    const file = path.join(empty, 'a-file');
    fs.writeFileSync(file, '');
    const noStack = fs.mkdtempSync(path.join(os.tmpdir(), 'no-stack-'));
    fs.writeFileSync(path.join(noStack, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts: {} }));
    try {
      const lines = [path.join(empty, 'missing'), file, empty, noStack].map((dir) => {
        try {
          check(dir);
          return 'accepted';
        } catch (error) {
          expect(error).toBeInstanceOf(AssemblyError);
          return (error as Error).message;
        }
      });
      expect(lines).toEqual([
        `--assembly ${path.join(empty, 'missing')}: no such directory`,
        `--assembly ${file}: not a directory`,
        `--assembly ${empty}: no manifest.json, so not a cloud assembly (give the cdk.out that cdk synth writes)`,
        `--assembly ${noStack}: its manifest.json names no stack template`,
      ]);
      for (const line of lines) expect(line).not.toContain('\n');
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
      fs.rmSync(noStack, { recursive: true, force: true });
    }
  });

  it("names a function's missing asset folder", () => {
    const copy = copyAssembly(assembly, () => undefined);
    copies.push(copy);
    const template = JSON.parse(fs.readFileSync(path.join(copy.dir, 'UsersFanout-dev.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: { Code: { S3Key: string } } }> };
    const fn = Object.values(template.Resources).find((resource) => resource.Type === 'AWS::Lambda::Function');
    // The bundled code of the function: its asset folder is named after the code's object key.
    const asset = `asset.${fn?.Properties.Code.S3Key.replace(/\.zip$/, '')}`;
    fs.unlinkSync(path.join(copy.dir, asset));
    expect(() => check(copy.dir)).toThrow(new RegExp(`^--assembly ${copy.dir}: the asset folder ${asset} of \\w+ \\(AWS::Lambda::Function, stack UsersFanout-dev\\) is not there$`));
  });

  it('names a missing template', () => {
    const copy = copyAssembly(assembly, () => undefined);
    copies.push(copy);
    fs.unlinkSync(path.join(copy.dir, 'UsersFanout-dev.template.json'));
    expect(() => check(copy.dir)).toThrow(AssemblyError);
    expect(() => check(copy.dir)).toThrow(/^--assembly .*UsersFanout-dev\.template\.json/);
  });
});
