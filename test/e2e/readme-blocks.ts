import * as fs from 'node:fs';
import * as path from 'node:path';

const README = path.resolve(__dirname, '../../README.md');

/**
 * The fenced code block between `<!-- <name>:start -->` and `<!-- <name>:end -->` in the README, without its
 * fences: tests run the commands a reader copies, so the README cannot drift from what works.
 */
export function readmeBlock(name: string, readme: string = fs.readFileSync(README, 'utf8')): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end, from);
  if (from === -1 || to === -1) throw new Error(`README.md has no ${start} … ${end} section`);
  const fenced = /^```[a-z]*\n([\s\S]*?)^```$/m.exec(readme.slice(from + start.length, to));
  if (!fenced) throw new Error(`README.md's ${name} section holds no fenced code block`);
  return fenced[1];
}

/** The commands of a shell block, one per entry: continuation lines joined, comments and blank lines left out. */
export function commandLines(block: string): string[] {
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
}
