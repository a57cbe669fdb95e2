/**
 * Captures what the process writes to stdout and stderr (where Powertools Logger prints its JSON lines) so
 * tests can assert on the structured log entries.
 */
export interface CapturedLogs {
  lines(): string[];
  entries(): Record<string, unknown>[];
  restore(): void;
}

export function captureLogs(): CapturedLogs {
  const chunks: string[] = [];
  const record = (chunk: unknown): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(record);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(record);
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.trim() !== '');
  return {
    lines,
    entries: () => lines().map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => {
      stdout.mockRestore();
      stderr.mockRestore();
    },
  };
}
