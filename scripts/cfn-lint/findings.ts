/** One finding of `cfn-lint --format json`. */
export interface CfnLintFinding {
  Filename: string;
  Level: 'Error' | 'Warning' | 'Informational';
  Message: string;
  Rule: { Id: string };
  Location: { Path?: Array<string | number> };
}

/** A warning the project has looked at and accepts, with the reason; only warnings can be accepted, never errors. */
export interface IgnoredWarning {
  rule: string;
  /** A regular expression the whole message must match, so an entry covers the findings it was written for only. */
  messagePattern: string;
  reason: string;
}

export interface Verdict {
  errors: CfnLintFinding[];
  /** Warnings no entry of the ignore file covers. */
  unlistedWarnings: CfnLintFinding[];
  ignored: Array<{ finding: CfnLintFinding; entry: IgnoredWarning }>;
  /** Entries that covered nothing: stale, and they would silently cover a future warning. */
  unusedEntries: IgnoredWarning[];
}

const MIN_REASON_LENGTH = 40;

/** Reads the ignore file's JSON, refusing an entry without a rule, a valid pattern or a reason worth the name. */
export function parseIgnoreFile(json: unknown, file: string): IgnoredWarning[] {
  if (!Array.isArray(json)) throw new Error(`${file} must be a JSON list of { rule, messagePattern, reason }`);
  return json.map((entry: unknown, index) => {
    const where = `${file} entry ${index + 1}`;
    const { rule, messagePattern, reason } = (entry ?? {}) as Record<string, unknown>;
    if (typeof rule !== 'string' || !/^W\d{4}$/.test(rule)) {
      throw new Error(`${where}: rule must be a cfn-lint warning id such as W3005 (errors cannot be ignored), got ${JSON.stringify(rule)}`);
    }
    if (typeof messagePattern !== 'string' || messagePattern === '') throw new Error(`${where}: messagePattern is required`);
    try {
      new RegExp(messagePattern);
    } catch (error) {
      throw new Error(`${where}: messagePattern is not a regular expression: ${(error as Error).message}`);
    }
    if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
      throw new Error(`${where}: reason must say why the warning is accepted (at least ${MIN_REASON_LENGTH} characters)`);
    }
    return { rule, messagePattern, reason };
  });
}

/** Sorts the findings: errors always fail, warnings fail unless an entry covers them, informational ones never do. */
export function judge(findings: readonly CfnLintFinding[], entries: readonly IgnoredWarning[]): Verdict {
  const used = new Set<IgnoredWarning>();
  const verdict: Verdict = { errors: [], unlistedWarnings: [], ignored: [], unusedEntries: [] };
  for (const finding of findings) {
    if (finding.Level === 'Error') verdict.errors.push(finding);
    if (finding.Level !== 'Warning') continue;
    const entry = entries.find((candidate) => candidate.rule === finding.Rule.Id && new RegExp(candidate.messagePattern).test(finding.Message));
    if (entry === undefined) {
      verdict.unlistedWarnings.push(finding);
      continue;
    }
    used.add(entry);
    verdict.ignored.push({ finding, entry });
  }
  verdict.unusedEntries = entries.filter((entry) => !used.has(entry));
  return verdict;
}

export function passes(verdict: Verdict): boolean {
  return verdict.errors.length === 0 && verdict.unlistedWarnings.length === 0 && verdict.unusedEntries.length === 0;
}

/** What CI prints: every failing finding with where it is, then one summary line. */
export function report(verdict: Verdict, templateCount: number, ignoreFile: string): string[] {
  const where = (finding: CfnLintFinding) => `${finding.Filename} ${(finding.Location.Path ?? []).join('/')}`;
  const lines = [
    ...verdict.errors.map((finding) => `cfn-lint error ${finding.Rule.Id} at ${where(finding)}: ${finding.Message}`),
    ...verdict.unlistedWarnings.map(
      (finding) => `cfn-lint warning ${finding.Rule.Id} at ${where(finding)}: ${finding.Message} (fix it, or list it with a reason in ${ignoreFile})`,
    ),
    ...verdict.unusedEntries.map((entry) => `${ignoreFile}: the ${entry.rule} entry /${entry.messagePattern}/ matches no warning any more; remove it`),
  ];
  lines.push(
    `cfn-lint: ${templateCount} templates, ${verdict.errors.length} errors, ${verdict.unlistedWarnings.length} unlisted warnings, ` +
      `${verdict.ignored.length} warnings accepted in ${ignoreFile}`,
  );
  return lines;
}
