import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { USER_CREATED_DETAIL_TYPE, USER_CREATED_SCHEMA_VERSION, USER_CREATED_SOURCE, type UserCreatedDetail } from '../../events/user-created';
import { uuidFromName } from '../../services/shared/deterministic-uuid';
import { stackNames } from '../../support/stack-names';
import { userItem, type UserItem } from '../../support/users';

/** Each user's address is derived from its id, so captured mail maps back to users without a lookup. */
export function emailOf(userId: string): string {
  return `${userId}@example.com`;
}

export function userIdOfEmail(address: string): string | undefined {
  return address.endsWith('@example.com') ? address.slice(0, -'@example.com'.length) : undefined;
}

export function validUser(userId: string): UserItem {
  return userItem({ userId, email: emailOf(userId), givenName: 'Ada' });
}

/** A user the pipeline must reject: alternately no email at all and a malformed one. */
export function poisonUser(userId: string, index: number): UserItem {
  return userItem({ userId, givenName: 'Poison', email: index % 2 === 1 ? `${userId}-not-an-email` : undefined });
}

/**
 * A UserCreated event for a user who is not in the table, as another producer would put it on the bus. Its ids
 * derive from the user id, so resending it after a lost response is a redelivery, not a second event.
 */
export function userCreatedEntry(userId: string): PutEventsRequestEntry {
  const now = new Date().toISOString();
  const detail: UserCreatedDetail = {
    metadata: { eventId: uuidFromName(`put-events:${userId}`), idempotencyKey: `user-created:put-events:${userId}`, occurredAt: now, schemaVersion: USER_CREATED_SCHEMA_VERSION },
    data: { userId, email: emailOf(userId), givenName: 'Grace', createdAt: now },
  };
  return { Source: USER_CREATED_SOURCE, DetailType: USER_CREATED_DETAIL_TYPE, Detail: JSON.stringify(detail), EventBusName: stackNames().eventBus };
}
