import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { z } from 'zod';
import { describeIssues } from '../contract';
import { validateEventDetail } from '../registry';
import { CliError } from './cli-error';

/** One entry of an AWS CLI `put-events --entries file://…` file. Unknown keys are refused, so a typo is caught. */
const entrySchema = z.strictObject({
  Source: z.string().min(1),
  DetailType: z.string().min(1),
  Detail: z.string().min(1),
  EventBusName: z.string().min(1).optional(),
  Resources: z.array(z.string()).optional(),
  Time: z.iso.datetime({ offset: true }).optional(),
  TraceHeader: z.string().optional(),
});

/**
 * Parses the text of an entries file and checks every entry, including its Detail against the contract of its
 * Source and DetailType. All problems are reported together, one line each, naming the entry and the field.
 */
export function parseEntries(text: string, fileLabel: string, busOverride?: string): PutEventsRequestEntry[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${fileLabel}: not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(document) || document.length === 0) {
    throw new CliError(`${fileLabel}: expected a non-empty JSON array of PutEvents entries`);
  }
  const problems: string[] = [];
  const entries: PutEventsRequestEntry[] = [];
  document.forEach((candidate, index) => {
    const checked = checkEntry(candidate, index);
    if ('problems' in checked) {
      problems.push(...checked.problems);
      return;
    }
    const { entry } = checked;
    entries.push({
      ...entry,
      EventBusName: busOverride ?? entry.EventBusName,
      Time: entry.Time === undefined ? undefined : new Date(entry.Time),
    });
  });
  if (problems.length > 0) throw new CliError(problems.map((problem) => `${fileLabel}: ${problem}`).join('\n'));
  return entries;
}

type EntryCheck = { entry: z.infer<typeof entrySchema> } | { problems: string[] };

function checkEntry(candidate: unknown, index: number): EntryCheck {
  const parsed = entrySchema.safeParse(candidate);
  if (!parsed.success) return { problems: describeIssues(parsed.error, '').map((issue) => `entry ${index}: ${issue}`) };
  const entry = parsed.data;
  const label = `entry ${index} (${entry.Source} ${entry.DetailType})`;
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch (error) {
    return { problems: [`${label}: Detail is not valid JSON (${(error as Error).message})`] };
  }
  const validation = validateEventDetail(entry.Source, entry.DetailType, detail);
  return validation.ok ? { entry } : { problems: validation.errors.map((error) => `${label}: ${error}`) };
}
