import type { IamModel, PolicyDocumentModel } from '../../model/types';
import { actionMatches } from '../matching/action';
import type { UsageEntry } from '../usage-log';
import type { UsageReportFile } from '../usage-report-file';

/** One granted action pattern of a principal, and what of it the run used. */
export interface GrantUse {
  /** As the policy writes it, for example `sqs:SendMessage` or `logs:*`. */
  action: string;
  /** The policy that grants it. */
  policy: string;
  /** The exercised actions it covers, with how often each was allowed. */
  exercised: Array<{ action: string; resources: string[]; allowed: number }>;
}

export interface PrincipalReport {
  /** A role ARN, or a service principal such as `events.amazonaws.com`. */
  principal: string;
  /** The template resource that defines the principal (a role's logical id); none for services. */
  logicalId?: string;
  grants: GrantUse[];
  /** Actions the run allowed that no Allow of this principal names (allowed through a resource-based policy, say). */
  exercisedElsewhere: Array<{ action: string; resources: string[]; allowed: number }>;
  /** Actions refused to it. */
  denied: Array<{ action: string; resource: string; message: string }>;
}

export interface LeastPrivilegeReport {
  writtenAt: string;
  mode: UsageReportFile['mode'];
  principals: PrincipalReport[];
}

/** An assumed-role session's role, so that every session of a role counts for the role. */
function roleOf(principal: string): string {
  const match = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(principal);
  return match ? `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` : principal;
}

function allowStatements(policy: PolicyDocumentModel): Array<{ actions: string[] }> {
  const statements = (policy.document as { Statement?: unknown } | undefined)?.Statement;
  const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
  return list
    .filter((statement): statement is { Effect: string; Action?: unknown } => typeof statement === 'object' && statement !== null && (statement as { Effect?: unknown }).Effect === 'Allow')
    .map((statement) => ({ actions: [statement.Action ?? []].flat().filter((action): action is string => typeof action === 'string') }));
}

/** Which services a resource-based policy grants to, and what: `events.amazonaws.com` may `sqs:SendMessage`, say. */
function serviceGrants(iam: IamModel): Map<string, Array<{ action: string; policy: string }>> {
  const grants = new Map<string, Array<{ action: string; policy: string }>>();
  for (const { policy } of iam.resourcePolicies) {
    const statements = (policy.document as { Statement?: unknown }).Statement;
    for (const statement of [statements].flat() as Array<{ Effect?: string; Principal?: { Service?: unknown }; Action?: unknown }>) {
      if (statement?.Effect !== 'Allow') continue;
      const services = [statement.Principal?.Service ?? []].flat().filter((service): service is string => typeof service === 'string');
      for (const service of services) {
        for (const action of [statement.Action ?? []].flat().filter((item): item is string => typeof item === 'string')) {
          grants.set(service, [...(grants.get(service) ?? []), { action, policy: policy.name }]);
        }
      }
    }
  }
  return grants;
}

/**
 * Per principal, the actions its policies grant and those the run exercised: each grant with what it covered (an
 * empty `exercised` is a grant the run never needed), and what was refused.
 */
export function leastPrivilegeReport(file: UsageReportFile): LeastPrivilegeReport {
  const usageByPrincipal = new Map<string, UsageEntry[]>();
  for (const entry of file.usage) {
    const principal = roleOf(entry.principal);
    usageByPrincipal.set(principal, [...(usageByPrincipal.get(principal) ?? []), entry]);
  }
  const exercisedActions = (entries: UsageEntry[]) => {
    const byAction = new Map<string, { action: string; resources: string[]; allowed: number }>();
    for (const entry of entries.filter((candidate) => candidate.allowed > 0)) {
      const known = byAction.get(entry.action) ?? { action: entry.action, resources: [], allowed: 0 };
      if (!known.resources.includes(entry.resource)) known.resources.push(entry.resource);
      known.allowed += entry.allowed;
      byAction.set(entry.action, known);
    }
    return [...byAction.values()];
  };
  const report = (principal: string, logicalId: string | undefined, granted: Array<{ action: string; policy: string }>): PrincipalReport => {
    const exercised = exercisedActions(usageByPrincipal.get(principal) ?? []);
    const grants = granted.map(({ action, policy }) => ({ action, policy, exercised: exercised.filter((use) => actionMatches(action, use.action)) }));
    return {
      principal,
      ...(logicalId !== undefined ? { logicalId } : {}),
      grants,
      exercisedElsewhere: exercised.filter((use) => !granted.some((grant) => actionMatches(grant.action, use.action))),
      denied: file.denials.filter((denial) => roleOf(denial.principal) === principal).map(({ action, resource, message }) => ({ action, resource, message })),
    };
  };
  const roles = file.iam.roles.map((role) =>
    report(
      role.arn,
      role.logicalId,
      role.policies.flatMap((policy) => allowStatements(policy).flatMap((statement) => statement.actions.map((action) => ({ action, policy: policy.name })))),
    ),
  );
  const services = [...serviceGrants(file.iam)].map(([service, granted]) => report(service, undefined, granted));
  const known = new Set([...roles, ...services].map((entry) => entry.principal));
  const others = [...usageByPrincipal.keys()].filter((principal) => !known.has(principal)).map((principal) => report(principal, undefined, []));
  return { writtenAt: file.writtenAt, mode: file.mode, principals: [...roles, ...services, ...others] };
}

/** The report as a person reads it: a block per principal, granted actions marked used or never used. */
export function renderLeastPrivilegeReport(report: LeastPrivilegeReport): string {
  const lines = [`Local IAM usage (mode ${report.mode}, written ${report.writtenAt}):`];
  for (const principal of report.principals) {
    lines.push('', `${principal.principal}${principal.logicalId ? ` (${principal.logicalId})` : ''}`);
    for (const grant of principal.grants) {
      const used = grant.exercised.map((use) => `${use.action} ×${use.allowed}`).join(', ');
      lines.push(`  ${grant.exercised.length > 0 ? 'used      ' : 'never used'}  ${grant.action}  [${grant.policy}]${used && used !== `${grant.action} ×${grant.exercised[0]?.allowed}` ? `  (${used})` : ''}`);
    }
    for (const use of principal.exercisedElsewhere) lines.push(`  allowed by a resource-based policy: ${use.action} ×${use.allowed}`);
    for (const denial of principal.denied) lines.push(`  refused: ${denial.message}`);
  }
  return `${lines.join('\n')}\n`;
}
