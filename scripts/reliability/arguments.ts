import { parseCommandLine, wholeNumber } from '../../local/cli/command-line';

/** The soak's and the crash test's options: `--name <n>` whole numbers, 0 or more, each with its default. */
export function parseWholeNumberOptions<Name extends string>(argv: string[], defaults: Record<Name, number>): { values: Record<Name, number>; help: boolean } {
  const names = Object.keys(defaults) as Name[];
  const { values } = parseCommandLine({
    args: argv,
    options: { help: { type: 'boolean', short: 'h' }, ...Object.fromEntries(names.map((name) => [name, { type: 'string' } as const])) },
  });
  const given = values as Record<string, string | boolean | undefined>;
  const parsed = Object.fromEntries(names.map((name) => [name, given[name] === undefined ? defaults[name] : wholeNumber(String(given[name]), `--${name}`, 0)]));
  return { values: parsed as Record<Name, number>, help: given.help === true };
}
