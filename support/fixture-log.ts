import * as fs from 'node:fs';

/** The JSON lines a fixture handler appended to its LOG_FILE, none while it has written nothing. */
export function readLog<T = Record<string, unknown>>(file: string): T[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as T);
}
