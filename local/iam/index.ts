import type { LogSink } from '../log-sink';
import type { IamModel } from '../model/types';
import { IamAccount } from './account/iam-account';
import { Authorizer, type IamMode } from './authorizer';
import { CallerDirectory } from './caller-directory';
import { UsageLog, type RecordedDenial, type UsageEntry } from './usage-log';
import { writeUsageReport } from './usage-report-file';

export { IAM_MODES, type IamMode } from './authorizer';
export type { CallerDirectory } from './caller-directory';
export type { RecordedDenial, UsageEntry } from './usage-log';

export interface CreateLocalIamOptions {
  iam: IamModel;
  mode: IamMode;
  region: string;
  account: string;
  /** Epoch ms, for `aws:CurrentTime`. */
  now: () => number;
  log: LogSink;
  /** Where the usage report is kept for `npm run iam -- report`; undefined keeps it in memory only. */
  stateDir?: string;
}

export interface LocalIam {
  readonly mode: IamMode;
  readonly callers: CallerDirectory;
  /** Every principal, action and resource checked so far, with how often each was allowed and denied. */
  usage(): UsageEntry[];
  /** The first denial of each principal, action and resource (refused in enforce mode, only logged in warn mode). */
  denials(): RecordedDenial[];
  /** Writes the usage report one last time. */
  close(): void;
}

/** How often the usage report file is rewritten while calls are being made. */
const REPORT_INTERVAL_MS = 2_000;

/** Local IAM for one runtime: the template's account, the authorizer every service asks, and the usage it records. */
export function createLocalIam(options: CreateLocalIamOptions): LocalIam {
  const account = new IamAccount(options.iam, { account: options.account, region: options.region, warn: options.log });
  const usage = new UsageLog();
  const authorizer = new Authorizer({ account, mode: options.mode, region: options.region, accountId: options.account, now: options.now, usage, log: options.log });
  const writeReport = (): void => {
    if (options.stateDir === undefined || !usage.takeChanged()) return;
    writeUsageReport(options.stateDir, { writtenAt: new Date(options.now()).toISOString(), mode: options.mode, iam: options.iam, usage: usage.usage(), denials: usage.denials() });
  };
  // Real time, not the runtime's clock: this is bookkeeping for a person reading the report, not AWS behaviour.
  const timer = options.stateDir === undefined || options.mode === 'off' ? undefined : setInterval(writeReport, REPORT_INTERVAL_MS);
  timer?.unref();
  return {
    mode: options.mode,
    callers: new CallerDirectory(authorizer, account),
    usage: () => usage.usage(),
    denials: () => usage.denials(),
    close() {
      if (timer) clearInterval(timer);
      writeReport();
    },
  };
}
