import { SeededRandom } from './random';
import * as words from './vocabulary';

type FieldPattern = Record<string, unknown>;
type FieldGenerator = (random: SeededRandom) => FieldPattern;

const userFields: FieldGenerator[] = [
  (r) => ({ detail: { data: { plan: r.next() < 0.5 ? [r.pick(words.PLANS)] : [{ 'anything-but': [r.pick(words.PLANS), r.pick(words.PLANS)] }] } } }),
  (r) => ({ detail: { data: { country: r.next() < 0.5 ? [r.pick(words.COUNTRIES), r.pick(words.COUNTRIES)] : [{ 'equals-ignore-case': r.pick(words.COUNTRIES).toLowerCase() }] } } }),
  (r) => {
    const lower = r.integer(16, 70);
    return { detail: { data: { age: [{ numeric: ['>=', lower, '<', lower + r.integer(5, 30)] }] } } };
  },
  (r) => ({ detail: { data: { score: [{ numeric: [r.pick(['>', '<']), r.integer(0, 1000)] }] } } }),
  (r) => ({ detail: { data: { email: r.next() < 0.5 ? [{ suffix: `@${r.pick(words.EMAIL_DOMAINS)}` }] : [{ wildcard: `*.${r.pick(words.FAMILY_NAMES).toLowerCase()}@*` }] } } }),
  (r) => ({ detail: { data: { givenName: [{ prefix: { 'equals-ignore-case': r.pick(words.GIVEN_NAMES).slice(0, 2).toUpperCase() } }] } } }),
  (r) => ({ detail: { data: { interests: [r.pick(words.INTERESTS)] } } }),
  (r) => ({ detail: { data: { referrer: r.next() < 0.5 ? [{ exists: false }] : [null] } } }),
  (r) => ({ detail: { data: { signup: { ip: [{ cidr: `10.${r.integer(0, 3)}.0.0/16` }] } } } }),
  (r) => ({ 'detail.data.signup.channel': [{ 'anything-but': { prefix: r.pick(words.CHANNELS).slice(0, 3) } }] }),
  (r) => ({ detail: { data: { marketingOptIn: [r.next() < 0.5] }, metadata: { schemaVersion: ['1'] } } }),
  (r) => ({ detail: { data: { userId: [{ prefix: `u-${r.integer(1, 9)}` }] } } }),
];

const awsFields: FieldGenerator[] = [
  (r) => ({ detail: { eventName: [r.pick(words.EVENT_NAMES), r.pick(words.EVENT_NAMES)] } }),
  (r) => ({ detail: { requestParameters: { instancesSet: { items: { instanceType: [r.pick(words.INSTANCE_TYPES)], state: { name: [r.pick(words.INSTANCE_STATES)] } } } } } }),
  (r) => ({ detail: { tags: { key: [r.pick(words.TAG_KEYS)], value: [r.pick(words.TAG_VALUES)] } } }),
  (r) => ({ resources: [{ prefix: `arn:aws:ec2:${r.pick(words.REGIONS)}:` }] }),
  (r) => ({ detail: { sourceIPAddress: [{ cidr: `${r.integer(1, 223)}.0.0.0/8` }] } }),
  (r) => ({ detail: { errorCode: [{ exists: r.next() < 0.5 }] } }),
  (r) => ({ region: [{ 'anything-but': r.pick(words.REGIONS) }] }),
  (r) => ({ detail: { userIdentity: { arn: [{ wildcard: `arn:aws:sts::${r.pick(words.ACCOUNTS)}:assumed-role/*` }] } } }),
  (r) => ({ detail: { requestParameters: { instancesSet: { items: { state: { code: [{ numeric: ['<=', r.integer(0, 80)] }] } } } } } }),
];

function merge(target: FieldPattern, addition: FieldPattern): FieldPattern {
  for (const [key, value] of Object.entries(addition)) {
    const existing = target[key];
    const bothObjects = isPlainObject(existing) && isPlainObject(value);
    target[key] = bothObjects ? merge({ ...existing }, value) : value;
  }
  return target;
}

function isPlainObject(value: unknown): value is FieldPattern {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Like rules on a real bus: a source, usually a detail-type, then a few conditions on the detail.
function rule(random: SeededRandom): FieldPattern {
  const isUser = random.next() < 0.5;
  const fields = isUser ? userFields : awsFields;
  const sources = isUser ? words.USER_SOURCES : words.AWS_SOURCES;
  const detailTypes = isUser ? words.USER_DETAIL_TYPES : words.AWS_DETAIL_TYPES;
  const source = random.pick(sources);
  const teamWide = isUser && random.next() < 0.15;
  const pattern: FieldPattern = { source: teamWide ? [{ prefix: source.slice(0, source.indexOf('.') + 1) }] : [source] };
  if (random.next() < 0.9) pattern['detail-type'] = [random.pick(detailTypes), random.pick(detailTypes)];
  const fieldCount = random.integer(0, 2);
  for (let index = 0; index < fieldCount; index++) merge(pattern, random.pick(fields)(random));
  if (random.next() < 0.1) {
    pattern.$or = [random.pick(fields)(random), random.pick(fields)(random)];
  }
  return pattern;
}

/** Patterns of mixed operators over the fields of both event kinds, generated from a fixed seed. */
export function generateRules(count: number, seed: number): object[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () => rule(random));
}
