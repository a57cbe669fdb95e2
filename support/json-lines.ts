import * as fs from 'node:fs';

/** The JSON lines a fixture function appended to its log file, in order; none when it has not written yet. */
export function readJsonLines<T = Record<string, unknown>>(file: string): T[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as T);
}
