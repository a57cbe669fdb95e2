import { z } from 'zod';
import { subscribers } from '../../cdk/subscribers';
import type { SubscriberEntry } from '../../cdk/subscription/subscriber-entry';
import { defineEventContract } from '../../events/contract';
import { eventContracts } from '../../events/registry';
import { loadSampleEvents } from '../../events/sample-events';
import { USER_CREATED_DETAIL_TYPE, USER_CREATED_SCHEMA_VERSION, USER_CREATED_SOURCE, userCreatedContract } from '../../events/user-created';
import { subscriberContractProblems } from '../../support/subscriber-contract';

/** Deliberately broken copies of registry entries and contracts: each break fails, naming the subscriber and the field. */
const samples = loadSampleEvents();
const userCreated = { source: [USER_CREATED_SOURCE], 'detail-type': [USER_CREATED_DETAIL_TYPE] };
const welcomeEmail = subscribers.find((entry) => entry.name === 'welcome-email')!;
const userData = userCreatedContract.detailSchema.shape.data;

const problemsOf = (entry: SubscriberEntry, contracts = eventContracts) => subscriberContractProblems(entry, { samples, contracts });

describe('a pattern on a field the contract does not declare', () => {
  it('fails, naming the subscriber and the field', () => {
    const broken = { ...welcomeEmail, eventPattern: { ...userCreated, detail: { data: { emailAddress: [{ suffix: '@example.com' }] } } } };

    expect(problemsOf(broken)).toContain(
      'welcome-email: pattern field detail.data.emailAddress is not in the users-fanout.users UserCreated v1 contract',
    );
  });

  it('is found inside $or alternatives too', () => {
    const detail = { $or: [{ data: { givenName: ['Alan'] } }, { data: { nickname: ['Alan'] } }] };
    const broken = { ...welcomeEmail, eventPattern: { ...userCreated, detail } };

    expect(problemsOf(broken)).toEqual([
      'welcome-email: pattern field detail.data.nickname is not in the users-fanout.users UserCreated v1 contract',
    ]);
  });

  it('passes for declared fields, nested metadata and array fields alike', () => {
    const narrowed = {
      ...welcomeEmail,
      eventPattern: {
        ...userCreated,
        detail: { metadata: { schemaVersion: ['1'] }, data: { interests: ['chess'], email: [{ suffix: '.com' }] } },
      },
    };

    expect(problemsOf(narrowed)).toEqual([]);
  });
});

describe('a breaking change to the contract', () => {
  const crmSync: SubscriberEntry = {
    name: 'crm-sync',
    description: 'Copies new users at example.com to the CRM',
    eventPattern: { ...userCreated, detail: { data: { email: [{ suffix: '@example.com' }] } } },
    delivery: { kind: 'queued' },
  };

  it('fails the subscribers whose patterns use the changed field, naming them and the field', () => {
    const renamed = defineEventContract({
      source: USER_CREATED_SOURCE,
      detailType: USER_CREATED_DETAIL_TYPE,
      schemaVersion: USER_CREATED_SCHEMA_VERSION,
      data: userData.omit({ email: true }).extend({ emailAddress: z.email() }),
    });

    expect(problemsOf(crmSync)).toEqual([]);
    expect(problemsOf(crmSync, [renamed])).toEqual([
      'crm-sync: pattern field detail.data.email is not in the users-fanout.users UserCreated v1 contract',
    ]);
  });

  it('shipped as a new schema version alongside the old one, binds only subscribers that do not pin the old version', () => {
    const v2 = defineEventContract({
      source: USER_CREATED_SOURCE,
      detailType: USER_CREATED_DETAIL_TYPE,
      schemaVersion: '2',
      data: userData.omit({ email: true }).extend({ emailAddress: z.email() }),
    });
    const pinnedToV1 = {
      ...crmSync,
      eventPattern: { ...userCreated, detail: { metadata: { schemaVersion: ['1'] }, data: { email: [{ suffix: '@example.com' }] } } },
    };

    expect(problemsOf(pinnedToV1, [userCreatedContract, v2])).toEqual([]);
    expect(problemsOf(crmSync, [userCreatedContract, v2])).toEqual([
      'crm-sync: pattern field detail.data.email is not in the users-fanout.users UserCreated v2 contract',
    ]);
  });
});

describe('patterns and samples', () => {
  it('an invalid pattern fails with the engine message, naming the subscriber', () => {
    const broken = { ...welcomeEmail, eventPattern: { ...userCreated, detail: { data: { email: [{ prefix: 5 }] } } } };

    expect(problemsOf(broken)).toEqual([expect.stringMatching(/^welcome-email: invalid event pattern: .*prefix/)]);
  });

  it('a pattern that matches no sample fails, naming the subscriber and the samples', () => {
    const broken = { ...welcomeEmail, eventPattern: { ...userCreated, detail: { data: { userId: ['nobody'] } } } };

    expect(problemsOf(broken)).toEqual([
      'welcome-email: the pattern matches none of the samples in events/samples (user-created-minimal.json, user-created.json)',
    ]);
  });

  it('a pattern whose source or detail-type has no contract fails', () => {
    const broken = { ...welcomeEmail, eventPattern: { source: [USER_CREATED_SOURCE], 'detail-type': ['UserDeleted'] } };

    expect(problemsOf(broken)).toContain('welcome-email: the pattern selects no event contract registered in events/registry.ts');
  });

  it('mustNotMatch fails on a sample the pattern matches and on a sample that does not exist, and passes otherwise', () => {
    const namedOnly = { ...welcomeEmail, eventPattern: { ...userCreated, detail: { data: { givenName: [{ exists: true }] } } } };

    expect(problemsOf({ ...welcomeEmail, mustNotMatch: ['user-created-minimal.json', 'missing.json'] })).toEqual([
      'welcome-email: the pattern matches user-created-minimal.json, which it must not match',
      'welcome-email: mustNotMatch names missing.json, which is not in events/samples',
    ]);
    expect(problemsOf({ ...namedOnly, mustNotMatch: ['user-created-minimal.json'] })).toEqual([]);
  });
});
