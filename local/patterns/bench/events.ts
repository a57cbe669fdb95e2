import { SeededRandom } from './random';
import * as words from './vocabulary';

/** A user-domain event on a custom bus, about 1 KB of JSON. */
function userEvent(random: SeededRandom, sequence: number): object {
  const givenName = random.pick(words.GIVEN_NAMES);
  const familyName = random.pick(words.FAMILY_NAMES);
  const userId = `u-${random.integer(1, 99999)}`;
  const streamEventId = random.hex(32);
  const day = String(random.integer(1, 28)).padStart(2, '0');
  const interests = Array.from({ length: random.integer(0, 4) }, () => random.pick(words.INTERESTS));
  return {
    version: '0',
    id: `${random.hex(8)}-${random.hex(4)}-${random.hex(4)}-${random.hex(4)}-${random.hex(12)}`,
    'detail-type': random.pick(words.USER_DETAIL_TYPES),
    source: random.pick(words.USER_SOURCES),
    account: random.pick(words.ACCOUNTS),
    time: `2026-11-${day}T${String(random.integer(0, 23)).padStart(2, '0')}:14:07Z`,
    region: random.pick(words.REGIONS),
    resources: [],
    detail: {
      metadata: {
        eventId: `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-a${random.hex(3)}-${random.hex(12)}`,
        idempotencyKey: `user-created:${streamEventId}`,
        occurredAt: `2026-11-${day}T09:30:${String(sequence % 60).padStart(2, '0')}.512Z`,
        schemaVersion: '1',
        correlationId: random.hex(16),
      },
      data: {
        userId,
        email: `${givenName.toLowerCase()}.${familyName.toLowerCase()}@${random.pick(words.EMAIL_DOMAINS)}`,
        givenName,
        familyName,
        createdAt: `2026-11-${day}T09:30:00.000Z`,
        interests,
        plan: random.pick(words.PLANS),
        country: random.pick(words.COUNTRIES),
        age: random.integer(16, 90),
        score: Math.round(random.next() * 100000) / 100,
        marketingOptIn: random.next() < 0.4,
        referrer: random.next() < 0.3 ? null : `https://www.example.com/campaigns/${random.hex(6)}`,
        signup: { channel: random.pick(words.CHANNELS), ip: `10.${random.integer(0, 3)}.${random.integer(0, 255)}.${random.integer(1, 254)}`, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36' },
      },
    },
  };
}

/** An AWS service event with nested objects and arrays of objects, about 1 KB of JSON. */
function awsEvent(random: SeededRandom): object {
  const region = random.pick(words.REGIONS);
  const account = random.pick(words.ACCOUNTS);
  const instances = Array.from({ length: random.integer(1, 3) }, () => ({
    instanceId: `i-${random.hex(17)}`,
    instanceType: random.pick(words.INSTANCE_TYPES),
    state: { code: random.integer(0, 80), name: random.pick(words.INSTANCE_STATES) },
  }));
  return {
    version: '0',
    id: `${random.hex(8)}-${random.hex(4)}-${random.hex(4)}-${random.hex(4)}-${random.hex(12)}`,
    'detail-type': random.pick(words.AWS_DETAIL_TYPES),
    source: random.pick(words.AWS_SOURCES),
    account,
    time: `2026-11-${String(random.integer(1, 28)).padStart(2, '0')}T18:43:48Z`,
    region,
    resources: instances.map((instance) => `arn:aws:ec2:${region}:${account}:instance/${instance.instanceId}`),
    detail: {
      eventVersion: '1.08',
      eventSource: 'ec2.amazonaws.com',
      eventName: random.pick(words.EVENT_NAMES),
      awsRegion: region,
      sourceIPAddress: `${random.integer(1, 223)}.${random.integer(0, 255)}.${random.integer(0, 255)}.${random.integer(1, 254)}`,
      userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::${account}:assumed-role/deployer/session-${random.hex(6)}`, accountId: account },
      requestParameters: { instancesSet: { items: instances } },
      tags: Array.from({ length: random.integer(1, 3) }, () => ({ key: random.pick(words.TAG_KEYS), value: random.pick(words.TAG_VALUES) })),
      errorCode: random.next() < 0.1 ? 'Client.UnauthorizedOperation' : null,
    },
  };
}

export type EventKind = 'user' | 'aws';

/** Distinct events as JSON text, generated from a fixed seed. */
export function generateEvents(kind: EventKind, count: number, seed: number): string[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, (_, sequence) =>
    JSON.stringify(kind === 'user' ? userEvent(random, sequence) : awsEvent(random)),
  );
}
