import { ScaffoldError } from './scaffold-error';

export const REGISTRY_FILE = 'cdk/subscribers.ts';
/** The line in the registry's array that new entries go above. */
export const NEW_ENTRY_MARKER = '// npm run new-subscriber adds new entries above this line.';

/** The registry's source with `entry` added at the end of the array and `names` imported from `moduleSpecifier`. */
export function addRegistryEntry(source: string, entry: string, moduleSpecifier: string, names: readonly string[]): string {
  const markerAt = source.indexOf(NEW_ENTRY_MARKER);
  if (markerAt === -1) {
    throw new ScaffoldError(`${REGISTRY_FILE} has lost the line "${NEW_ENTRY_MARKER}"; put it back at the end of the subscribers array`);
  }
  const lineStart = source.lastIndexOf('\n', markerAt) + 1;
  const withEntry = source.slice(0, lineStart) + entry + source.slice(lineStart);
  return withNamedImports(withEntry, moduleSpecifier, names);
}

/** Adds the missing names to the module's named import, or a new import after the last one. */
export function withNamedImports(source: string, moduleSpecifier: string, names: readonly string[]): string {
  const existing = new RegExp(`^import \\{([^}]*)\\} from '${escapeRegExp(moduleSpecifier)}';$`, 'm');
  const match = existing.exec(source);
  if (match) {
    const imported = match[1].split(',').map((name) => name.trim()).filter((name) => name !== '');
    const merged = [...new Set([...imported, ...names])].sort();
    return source.replace(existing, `import { ${merged.join(', ')} } from '${moduleSpecifier}';`);
  }
  const statement = `import { ${[...names].sort().join(', ')} } from '${moduleSpecifier}';\n`;
  const imports = [...source.matchAll(/^import .*;$/gm)];
  const insertAt = imports.length === 0 ? 0 : imports[imports.length - 1].index! + imports[imports.length - 1][0].length + 1;
  return source.slice(0, insertAt) + statement + source.slice(insertAt);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
