import type { LocalModel } from '../model/types';
import { readyLine } from './startup-lines';

/** A copy-paste command the banner shows, from the project's package.json `localRuntime.examples`. */
export interface BannerExample {
  title: string;
  /** `{endpoint}` is replaced by the endpoint URL. */
  command: string;
}

export function renderBanner(model: LocalModel, examples: BannerExample[], startupMs: number): string {
  const endpoint = model.endpoint;
  const section = (title: string, names: string[]): string[] =>
    names.length === 0 ? [] : [`  ${title}:`, ...names.map((name) => `    ${name}`)];
  const lines = [
    '',
    readyLine(endpoint, startupMs),
    '',
    ...section('Tables', model.tables.map((t) => (t.stream ? `${t.name} (stream ${t.stream.viewType})` : t.name))),
    ...section('Pipes', model.pipes.map((p) => `${p.name} (${p.desiredState})`)),
    ...section('Event buses', model.buses.map((b) => b.name)),
    ...section('Rules', model.rules.map((r) => `${r.name} -> ${r.targets.map((t) => t.arn.split(':').pop()).join(', ')}`)),
    ...section('Functions', model.functions.map((f) => f.name)),
    ...section('Queues', model.queues.map((q) => q.name)),
    ...section('KMS keys', model.keys.map((k) => `${k.arn} (${k.keySpec}${k.description === '' ? '' : `, ${k.description}`})`)),
    '',
    `  Console: ${endpoint}/_console (topology, traces of every event, tables, queues, the bus, functions, pipes, mail)`,
    `  Captured mail: ${endpoint}/_aws/ses (JSON) and ${endpoint}/_aws/ses/ui`,
    // The AWS CLI v1 reads only AWS_DEFAULT_REGION, the v2 AWS_REGION first: the line works for both.
    `  Credentials: any values are the local administrator, e.g. export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=${model.region} AWS_DEFAULT_REGION=${model.region}`,
    '  Act as a role of the template: eval "$(npm run -s iam -- credentials <role>)" (local IAM: README, "Local IAM")',
  ];
  for (const example of examples) {
    lines.push('', `  ${example.title}:`, `    ${example.command.replaceAll('{endpoint}', endpoint)}`);
  }
  for (const warning of model.warnings) lines.push('', `  warning: ${warning}`);
  return lines.join('\n') + '\n\n';
}
