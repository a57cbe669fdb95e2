/** A problem with the command's input: printed as one line (no stack trace), exit code 2. */
export class CliError extends Error {
  override readonly name = 'CliError';
}
