import { MAX_SUBSCRIBER_NAME_LENGTH, SUBSCRIBER_NAME_PATTERN } from '../../cdk/subscription/subscriber-name';
import { ScaffoldError } from './scaffold-error';

/**
 * Names a subscriber cannot take: its queues, rule or construct would clash with one of the stack's own
 * (`users-fanout-<stage>-<name>`, construct id `PascalCase(name)`), or with a folder every service shares.
 */
const RESERVED_NAMES: ReadonlySet<string> = new Set([
  'shared',
  'users',
  'users-table',
  'user-events-bus',
  'user-created',
  'user-created-pipe',
  'rejected-users',
  'rejected-users-queue',
  'audit-log-table',
  'operator-alerts',
  'archive',
]);

/** What already exists in the project, for refusing a name that is taken. */
export interface ExistingNames {
  registered: readonly string[];
  /** Whether a path, relative to the project, exists. */
  exists(relativePath: string): boolean;
}

/** Throws a ScaffoldError naming the problem when `name` cannot be a new subscriber's name. */
export function checkSubscriberName(name: string, existing: ExistingNames): void {
  if (!SUBSCRIBER_NAME_PATTERN.test(name)) {
    throw new ScaffoldError(`"${name}" is not a valid subscriber name: use lower-case kebab-case starting with a letter, e.g. crm-sync`);
  }
  if (name.length > MAX_SUBSCRIBER_NAME_LENGTH) {
    throw new ScaffoldError(
      `"${name}" is ${name.length} characters long: a subscriber name has at most ${MAX_SUBSCRIBER_NAME_LENGTH} (it is part of its queue names)`,
    );
  }
  if (RESERVED_NAMES.has(name)) {
    throw new ScaffoldError(`"${name}" is reserved: it would clash with one of the stack's own resources`);
  }
  if (name.endsWith('-dlq')) throw new ScaffoldError(`"${name}" ends in -dlq, which is reserved for dead-letter queue names`);
  if (existing.registered.includes(name)) throw new ScaffoldError(`subscriber "${name}" already exists in cdk/subscribers.ts`);
  for (const taken of [`services/${name}`, `test/services/${name}`]) {
    if (existing.exists(taken)) throw new ScaffoldError(`"${name}" is taken: ${taken} already exists`);
  }
}
