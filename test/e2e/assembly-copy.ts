import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A CloudFormation template as the copy's edit sees it. */
export interface EditableTemplate {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown }>;
  [key: string]: unknown;
}

export interface AssemblyCopy {
  dir: string;
  remove(): void;
}

/**
 * A copy of a synthesized cloud assembly whose stack templates `edit` may change: the manifest and templates are
 * copied, the asset folders (the bundled functions) linked, so a copy costs a few files. Cleared by `remove()`.
 */
export function copyAssembly(sourceDir: string, edit: (template: EditableTemplate, fileName: string) => void): AssemblyCopy {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assembly-'));
  for (const entry of fs.readdirSync(sourceDir, { withFileTypes: true })) {
    const from = path.join(sourceDir, entry.name);
    const to = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      fs.symlinkSync(from, to, 'dir');
    } else if (entry.name.endsWith('.template.json')) {
      const template = JSON.parse(fs.readFileSync(from, 'utf8')) as EditableTemplate;
      edit(template, entry.name);
      fs.writeFileSync(to, JSON.stringify(template, null, 1));
    } else {
      fs.copyFileSync(from, to);
    }
  }
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** An IAM policy statement as a template holds it. */
export interface TemplateStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  [key: string]: unknown;
}

/** The statements of a policy document in a template property, which may be one statement alone. */
export function statementsOf(document: unknown): TemplateStatement[] | undefined {
  const statement = (document as { Statement?: unknown } | undefined)?.Statement;
  if (Array.isArray(statement)) return statement as TemplateStatement[];
  return statement === undefined ? undefined : [statement as TemplateStatement];
}

/** Removes the actions `drop` from the statements of one AWS::IAM::Policy that grant them; a statement left with none goes. */
export function withoutActions(template: EditableTemplate, policyLogicalId: string, drop: (action: string) => boolean): void {
  const policy = template.Resources[policyLogicalId];
  const document = policy?.Properties?.PolicyDocument as { Statement: TemplateStatement[] } | undefined;
  if (!document) throw new Error(`${policyLogicalId} is not a policy of the template`);
  let removed = 0;
  document.Statement = document.Statement.flatMap((statement) => {
    const actions = typeof statement.Action === 'string' ? [statement.Action] : (statement.Action ?? []);
    const kept = actions.filter((action) => !drop(action));
    removed += actions.length - kept.length;
    if (kept.length === actions.length) return [statement];
    return kept.length === 0 ? [] : [{ ...statement, Action: kept.length === 1 ? kept[0] : kept }];
  });
  if (removed === 0) throw new Error(`${policyLogicalId} grants none of the actions to remove`);
}

/** The logical id of the one resource of `type` whose logical id starts with `prefix`. */
export function logicalIdOf(template: EditableTemplate, type: string, prefix: string): string {
  const found = Object.entries(template.Resources).filter(([id, resource]) => resource.Type === type && id.startsWith(prefix));
  if (found.length !== 1) throw new Error(`${found.length} resources of type ${type} start with ${prefix}`);
  return found[0][0];
}

