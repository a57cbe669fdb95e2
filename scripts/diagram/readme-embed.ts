export const ARCHITECTURE_START_MARKER = '<!-- architecture:start -->';
export const ARCHITECTURE_END_MARKER = '<!-- architecture:end -->';

/** The README with `block` in place of whatever stands between its architecture markers; the rest is kept as it is. */
export function embedInReadme(readme: string, block: string): string {
  const start = readme.indexOf(ARCHITECTURE_START_MARKER);
  const end = readme.indexOf(ARCHITECTURE_END_MARKER);
  if (start === -1 || end === -1 || end < start || readme.indexOf(ARCHITECTURE_START_MARKER, start + 1) !== -1) {
    throw new Error(
      `README.md needs exactly one ${ARCHITECTURE_START_MARKER} followed by ${ARCHITECTURE_END_MARKER}, where the diagram goes`,
    );
  }
  return `${readme.slice(0, start + ARCHITECTURE_START_MARKER.length)}\n${block}\n${readme.slice(end)}`;
}
