import type { EventBridgeEvent } from 'aws-lambda';
import {
  USER_CREATED_DETAIL_TYPE,
  USER_CREATED_SOURCE,
  validateUserCreatedDetail,
  type UserCreatedDetail,
} from '../../events/user-created';

export type UserCreatedEvent = EventBridgeEvent<typeof USER_CREATED_DETAIL_TYPE, UserCreatedDetail>;

/** A delivered event that is not a valid `UserCreated` event. Its message names the field, never the value. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}

/** Checks an EventBridge event's envelope and its detail against the contract. */
export function parseUserCreatedEvent(value: unknown): UserCreatedEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidEventError('event: expected an EventBridge event object');
  }
  const event = value as Record<string, unknown>;
  if (event.source !== USER_CREATED_SOURCE || event['detail-type'] !== USER_CREATED_DETAIL_TYPE) {
    throw new InvalidEventError(
      `event: expected source "${USER_CREATED_SOURCE}" and detail-type "${USER_CREATED_DETAIL_TYPE}", ` +
        `received "${String(event.source)}" and "${String(event['detail-type'])}"`,
    );
  }
  const result = validateUserCreatedDetail(event.detail);
  if (!result.ok) throw new InvalidEventError(`event detail does not match the UserCreated contract: ${result.errors.join('; ')}`);
  return { ...(event as unknown as UserCreatedEvent), detail: result.value };
}
