import { addRegistryEntry, NEW_ENTRY_MARKER, withNamedImports } from '../../../scripts/new-subscriber/registry-source';

const registry = `import { A } from '../events/a';
import { SubscriberEntry } from './subscription/subscriber-entry';

export const subscribers: readonly SubscriberEntry[] = [
  { name: 'first' },
  ${NEW_ENTRY_MARKER}
];
`;

describe('adding a registry entry', () => {
  it('puts the entry above the marker and merges the names into the existing import', () => {
    const updated = addRegistryEntry(registry, "  { name: 'second' },\n", '../events/a', ['C', 'A', 'B']);

    expect(updated).toBe(`import { A, B, C } from '../events/a';
import { SubscriberEntry } from './subscription/subscriber-entry';

export const subscribers: readonly SubscriberEntry[] = [
  { name: 'first' },
  { name: 'second' },
  ${NEW_ENTRY_MARKER}
];
`);
  });

  it('imports from a module the registry does not import yet, after the last import', () => {
    expect(withNamedImports(registry, '../events/other', ['Y', 'X']).split('\n').slice(0, 3)).toEqual([
      "import { A } from '../events/a';",
      "import { SubscriberEntry } from './subscription/subscriber-entry';",
      "import { X, Y } from '../events/other';",
    ]);
  });

  it('refuses a registry that lost its marker, saying how to fix it', () => {
    expect(() => addRegistryEntry(registry.replace(NEW_ENTRY_MARKER, ''), '', '../events/a', [])).toThrow(
      `cdk/subscribers.ts has lost the line "${NEW_ENTRY_MARKER}"; put it back at the end of the subscribers array`,
    );
  });
});
