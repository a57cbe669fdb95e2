import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { defineEventContract } from '../../events/contract';
import { validateEventDetail } from '../../events/registry';
import { schemaFiles } from '../../events/schema-files';
import {
  USER_CREATED_DETAIL_TYPE,
  USER_CREATED_SCHEMA_VERSION,
  USER_CREATED_SOURCE,
  userCreatedContract,
  validateUserCreatedDetail,
  type UserCreatedDetail,
} from '../../events/user-created';

const validDetail: UserCreatedDetail = {
  metadata: {
    eventId: 'd9f75682-d299-81b3-b5db-3bde00449e77',
    idempotencyKey: 'user-created:5f3a1c0e8b2d4e6f9a7b1c3d5e7f9a1b',
    occurredAt: '2024-05-01T09:30:00.000Z',
    schemaVersion: '1',
  },
  data: { userId: 'u-1', email: 'ada@example.com', givenName: 'Ada', createdAt: '2024-05-01T09:29:59.512Z', interests: ['chess'] },
};

describe('UserCreated contract', () => {
  it('exports the routing constants every rule and publisher uses', () => {
    expect([USER_CREATED_SOURCE, USER_CREATED_DETAIL_TYPE, USER_CREATED_SCHEMA_VERSION]).toEqual(['users-fanout.users', 'UserCreated', '1']);
    expect(userCreatedContract).toMatchObject({ source: 'users-fanout.users', detailType: 'UserCreated', schemaVersion: '1' });
  });

  it('accepts a valid detail and returns it typed', () => {
    expect(validateUserCreatedDetail(validDetail)).toEqual({ ok: true, value: validDetail });
    expect(userCreatedContract.validate(validDetail)).toEqual({ ok: true, value: validDetail });
  });

  it('tolerates unknown fields (additive changes stay compatible) and leaves them out of the value', () => {
    const withExtra = { ...validDetail, data: { ...validDetail.data, nickname: 'ada' } };

    expect(userCreatedContract.validate(withExtra)).toEqual({ ok: true, value: validDetail });
  });

  it('names the field path of every problem', () => {
    const broken = {
      metadata: { ...validDetail.metadata, eventId: 'nope', schemaVersion: '2' },
      data: { ...validDetail.data, email: 'ada-at-example.com', interests: ['chess', 7], createdAt: undefined },
    };

    expect(userCreatedContract.validate(broken)).toEqual({
      ok: false,
      errors: [
        'metadata.eventId: Invalid UUID',
        'metadata.schemaVersion: Invalid input: expected "1"',
        'data.email: Invalid email address',
        'data.createdAt: Invalid input: expected string, received undefined',
        'data.interests[1]: Invalid input: expected string, received number',
      ],
    });
    expect(userCreatedContract.validate('text')).toEqual({ ok: false, errors: ['detail: Invalid input: expected object, received string'] });
  });

  it('refuses a userId that is not an id', () => {
    const result = userCreatedContract.validate({ ...validDetail, data: { ...validDetail.data, userId: 'ada@example.com' } });

    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([expect.stringMatching(/^data\.userId: Invalid userId/)]);
  });
});

describe('JSON Schema', () => {
  it('is committed in events/schemas and equal to the generated one (run `npx tsx events/write-schemas.ts`)', () => {
    const [file] = schemaFiles();

    expect(file.path).toBe(join(__dirname, '..', '..', 'events', 'schemas', 'user-created.schema.json'));
    expect(readFileSync(file.path, 'utf8')).toBe(file.content);
  });

  it('describes the detail without any DynamoDB attribute types', () => {
    const schema = userCreatedContract.jsonSchema();
    const propertyNames = collectPropertyNames(schema);

    expect(propertyNames).toEqual(expect.arrayContaining(['metadata', 'data', 'eventId', 'idempotencyKey', 'email', 'interests']));
    for (const attributeType of ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL']) expect(propertyNames).not.toContain(attributeType);
    expect(schema).toMatchObject({
      required: ['metadata', 'data'],
      properties: { data: { required: ['userId', 'email', 'createdAt'], properties: { email: { format: 'email' } } } },
    });
  });
});

describe('evolving a contract', () => {
  const version2 = defineEventContract({
    source: USER_CREATED_SOURCE,
    detailType: USER_CREATED_DETAIL_TYPE,
    schemaVersion: '2',
    data: z.object({ userId: z.string(), emailAddress: z.email(), locale: z.string() }),
  });
  const bothVersions = [userCreatedContract, version2];
  const version2Detail = {
    metadata: { ...validDetail.metadata, schemaVersion: '2' },
    data: { userId: 'u-1', emailAddress: 'ada@example.com', locale: 'en-GB' },
  };

  it('a breaking change is one more contract; each detail is checked against its own schemaVersion', () => {
    expect(validateEventDetail(USER_CREATED_SOURCE, USER_CREATED_DETAIL_TYPE, validDetail, bothVersions).ok).toBe(true);
    expect(validateEventDetail(USER_CREATED_SOURCE, USER_CREATED_DETAIL_TYPE, version2Detail, bothVersions).ok).toBe(true);
    expect(validateEventDetail(USER_CREATED_SOURCE, USER_CREATED_DETAIL_TYPE, version2Detail).ok).toBe(false);
  });

  it('gives each later version its own schema file', () => {
    expect(schemaFiles(bothVersions).map((file) => file.path.split('/').pop())).toEqual([
      'user-created.schema.json',
      'user-created.v2.schema.json',
    ]);
  });

  it('names an unknown source and detail-type', () => {
    expect(validateEventDetail('users-fanout.users', 'UserDeleted', {})).toEqual({
      ok: false,
      errors: ['no contract for source "users-fanout.users" and detail-type "UserDeleted"'],
    });
  });
});

function collectPropertyNames(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const names: string[] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && typeof value === 'object' && value !== null) names.push(...Object.keys(value));
    names.push(...collectPropertyNames(value));
  }
  return names;
}
