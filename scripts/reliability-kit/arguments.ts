/** `--name value` pairs of a script's command line, each a positive integer, checked against the known names. */
export function parseIntegerFlags<Name extends string>(argv: string[], defaults: Record<Name, number>, usage: string): Record<Name, number> {
  const values = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    }
    const name = arg.replace(/^--/, '') as Name;
    if (!arg.startsWith('--') || !(name in defaults)) throw new Error(`Unknown option "${arg}"\n\n${usage}`);
    const raw = argv[++i];
    const value = Number(raw);
    if (raw === undefined || !Number.isSafeInteger(value) || value < 0) throw new Error(`${arg} needs a whole number, 0 or more; got "${raw ?? ''}"`);
    values[name] = value;
  }
  return values;
}
