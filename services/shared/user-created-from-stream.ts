import {
  USER_CREATED_SCHEMA_VERSION,
  userIdSchema,
  validateUserCreatedDetail,
  type UserCreatedDetail,
} from '../../events/user-created';
import { uuidFromName } from './deterministic-uuid';
import type { NormalizedStreamRecord } from './stream-record';

export type UserRecordOutcome =
  | { kind: 'valid'; detail: UserCreatedDetail }
  /** `userId` is present only when it is a well-formed id, so it is always safe to log. */
  | { kind: 'invalid'; reason: string; userId?: string; streamEventId?: string }
  | { kind: 'ignored'; reason: string; streamEventId?: string };

function idempotencyKeyFor(streamEventId: string): string {
  return `user-created:${streamEventId}`;
}

/**
 * Turns one normalized stream record into a `UserCreated` detail, or says why it cannot become one.
 * Only INSERT records are new users; anything else is ignored rather than rejected.
 */
export function userCreatedFromStreamRecord(record: NormalizedStreamRecord): UserRecordOutcome {
  const streamEventId = record.eventID;
  if (record.eventName !== 'INSERT') {
    return { kind: 'ignored', reason: `eventName is ${String(record.eventName)}, not INSERT`, streamEventId };
  }
  const image = record.dynamodb?.NewImage;
  const userId = safeUserId(image?.userId ?? record.dynamodb?.Keys?.userId);
  if (!streamEventId) return { kind: 'invalid', reason: 'eventID: missing', userId };
  if (!image) {
    return { kind: 'invalid', reason: 'dynamodb.NewImage: missing (the stream must include new images)', userId, streamEventId };
  }
  const approximateCreation = record.dynamodb?.ApproximateCreationDateTime;
  if (typeof approximateCreation !== 'number' || !Number.isFinite(approximateCreation)) {
    return { kind: 'invalid', reason: 'dynamodb.ApproximateCreationDateTime: missing or not a number', userId, streamEventId };
  }

  const idempotencyKey = idempotencyKeyFor(streamEventId);
  const candidate = {
    metadata: {
      eventId: uuidFromName(idempotencyKey),
      idempotencyKey,
      occurredAt: new Date(approximateCreation * 1000).toISOString(),
      schemaVersion: USER_CREATED_SCHEMA_VERSION,
    },
    data: withoutUndefined({
      userId: image.userId,
      email: image.email,
      givenName: presentName(image.givenName),
      familyName: presentName(image.familyName),
      createdAt: image.createdAt,
      interests: sortedMembers(image.interests),
    }),
  };
  const result = validateUserCreatedDetail(candidate);
  if (!result.ok) return { kind: 'invalid', reason: result.errors.join('; '), userId, streamEventId };
  return { kind: 'valid', detail: result.value };
}

function safeUserId(value: unknown): string | undefined {
  const parsed = userIdSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** An empty or blank optional name is treated as absent rather than as a reason to reject the user. */
function presentName(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

/** String sets arrive as `Set`s (lists as arrays); events carry them as sorted arrays so they compare stably. */
function sortedMembers(value: unknown): unknown {
  if (value instanceof Set || Array.isArray(value)) {
    return [...value].sort();
  }
  return value;
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as Partial<T>;
}
