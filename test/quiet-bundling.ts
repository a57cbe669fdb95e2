/**
 * CDK writes `Bundling asset <path>...` to stderr for every function of every in-process synth: dozens of lines
 * that bury the test results. The line itself says nothing about a failure: a bundle that fails throws
 * `Failed to bundle asset <path>` with esbuild's errors (which esbuild prints at its warning level), and jest
 * reports that. So only that exact line is dropped, once per worker however many test files it runs.
 */
const BUNDLING_LINE = /^Bundling asset \S+\.\.\.\n$/;
const QUIETED = Symbol.for('users-fanout.quiet-bundling');

const stderr = process.stderr as NodeJS.WriteStream & { [QUIETED]?: true };
if (!stderr[QUIETED]) {
  const write = stderr.write.bind(stderr) as (...args: unknown[]) => boolean;
  stderr.write = ((chunk: unknown, ...rest: unknown[]) =>
    typeof chunk === 'string' && BUNDLING_LINE.test(chunk) ? true : write(chunk, ...rest)) as typeof stderr.write;
  stderr[QUIETED] = true;
}
