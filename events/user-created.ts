import { z } from 'zod';
import { defineEventContract, type EventDetail, type ValidationResult } from './contract';

export const USER_CREATED_SOURCE = 'users-fanout.users';
export const USER_CREATED_DETAIL_TYPE = 'UserCreated';
export const USER_CREATED_SCHEMA_VERSION = '1';

/** Letters, digits and `._:-`, starting with a letter or digit: ids, never free text (so never an email address). */
export const userIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'Invalid userId: 1-128 letters, digits or ._:- starting with a letter or digit');

export const userCreatedContract = defineEventContract({
  source: USER_CREATED_SOURCE,
  detailType: USER_CREATED_DETAIL_TYPE,
  schemaVersion: USER_CREATED_SCHEMA_VERSION,
  data: z.object({
    userId: userIdSchema,
    email: z.email().max(254),
    givenName: z.string().min(1).max(256).optional(),
    familyName: z.string().min(1).max(256).optional(),
    createdAt: z.iso.datetime({ offset: true }),
    interests: z.array(z.string().min(1).max(256)).max(100).optional(),
  }),
});

export type UserCreatedDetail = EventDetail<typeof userCreatedContract>;

/** Validates a `UserCreated` detail; every error names its field path, e.g. `data.email: Invalid email address`. */
export function validateUserCreatedDetail(detail: unknown): ValidationResult<UserCreatedDetail> {
  return userCreatedContract.validate(detail);
}
