/**
 * Where the runtime prints function logs and its own operator lines (dead-lettered events, dropped records,
 * injected faults). Each line carries its source as a prefix, such as `[welcome-email]` or `sqs:`.
 */
export type LogSink = (line: string) => void;

/** Every service's default: standard output, where `npm start` shows it. */
export const consoleLogSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};
