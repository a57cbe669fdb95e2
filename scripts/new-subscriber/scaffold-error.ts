/** A request the scaffold refuses (bad or existing name, unknown event, bad option): one line, exit code 2, nothing written. */
export class ScaffoldError extends Error {
  override readonly name = 'ScaffoldError';
}
