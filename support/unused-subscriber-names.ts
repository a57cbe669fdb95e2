import * as fs from 'node:fs';
import * as path from 'node:path';
import { subscribers } from '../cdk/subscribers';
import { ScaffoldError } from '../scripts/new-subscriber/scaffold-error';
import { checkSubscriberName } from '../scripts/new-subscriber/subscriber-name';
import { PROJECT_DIR } from './project';


/**
 * Names for the subscribers a test scaffolds, free in this checkout by the scaffold's own rules: each preferred
 * name, or the first of `<name>-2`, `<name>-3`… that is free. A user who followed the README (which adds
 * `crm-sync`) or added subscribers of their own still gets a green suite: the tests never collide with the registry.
 */
export function unusedSubscriberNames<const Preferred extends readonly string[]>(...preferred: Preferred): { [K in keyof Preferred]: string } {
  const chosen: string[] = [];
  for (const name of preferred) {
    const existing = {
      registered: [...subscribers.map((entry) => entry.name), ...chosen],
      exists: (relativePath: string) => fs.existsSync(path.join(PROJECT_DIR, relativePath)),
    };
    chosen.push(firstFree(name, existing));
  }
  return chosen as { [K in keyof Preferred]: string };
}

function firstFree(preferred: string, existing: Parameters<typeof checkSubscriberName>[1]): string {
  for (let suffix = 1; suffix < 100; suffix++) {
    const candidate = suffix === 1 ? preferred : `${preferred}-${suffix}`;
    try {
      checkSubscriberName(candidate, existing);
      return candidate;
    } catch (error) {
      if (!(error instanceof ScaffoldError)) throw error;
    }
  }
  throw new Error(`No free subscriber name like "${preferred}" in ${PROJECT_DIR}: 99 variants are taken`);
}

/** The construct id the stack gives a subscriber, as the diagram labels its function: `crm-sync` → `CrmSync`. */
export function constructIdOf(name: string): string {
  return name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
