import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IamModel } from '../model/types';
import type { IamMode } from './authorizer';
import type { RecordedDenial, UsageEntry } from './usage-log';

/** What `npm run iam -- report` reads: the template's grants and what the run exercised. */
export interface UsageReportFile {
  /** When the file was last written, ISO 8601. */
  writtenAt: string;
  mode: IamMode;
  iam: IamModel;
  usage: UsageEntry[];
  denials: RecordedDenial[];
}

export const USAGE_REPORT_FILE = 'iam-usage.json';

/** Writes the report file beside the run's state, whole each time (a rename, so a reader never sees half of it). */
export function writeUsageReport(stateDir: string, report: UsageReportFile): void {
  fs.mkdirSync(stateDir, { recursive: true });
  const file = path.join(stateDir, USAGE_REPORT_FILE);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(report));
  fs.renameSync(`${file}.tmp`, file);
}

export function readUsageReport(stateDir: string): UsageReportFile {
  const file = path.join(stateDir, USAGE_REPORT_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new Error(`No IAM usage at ${file}: start the runtime (npm start) with its state directory, make some calls, then ask again`);
  }
  return JSON.parse(text) as UsageReportFile;
}
