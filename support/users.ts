import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** A row of the users table as the pipeline reads it; `email` may be left out to make a user the pipeline rejects. */
export interface NewUser {
  userId: string;
  email?: string;
  givenName?: string;
  /** ISO 8601; now when left out. */
  createdAt?: string;
}

export type UserItem = Record<string, AttributeValue>;

/** The item a PutItem into the users table writes for `user`. */
export function userItem(user: NewUser): UserItem {
  const item: UserItem = {
    userId: { S: user.userId },
    givenName: { S: user.givenName ?? 'Ada' },
    createdAt: { S: user.createdAt ?? new Date().toISOString() },
  };
  if (user.email !== undefined) item.email = { S: user.email };
  return item;
}
