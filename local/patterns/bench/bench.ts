/**
 * Throughput of the pattern engine against JSON.parse alone and against testing rules one by one.
 * Run with `npm run bench:patterns`. All figures come from this one run; the last line is JSON.
 */
import { compilePattern, RuleSet } from '../index';
import { eventsPerSecond } from './measure';
import { generateEvents, type EventKind } from './events';
import { generateRules } from './rules';

const RULE_COUNTS = [1, 5, 100, 1000] as const;
const EVENTS_PER_KIND = 1000;
const MINIMUM_MS = 400;
const PEER_MATCHERS = ['serverless-offline-aws-eventbridge', 'event-ruler', '@aws/event-ruler'];

interface Row {
  events: string;
  rules: number;
  engine: number;
  parse: number;
  naive: number;
  matchesPerEvent: number;
}

function peerMatcherStatus(): string {
  const found = PEER_MATCHERS.filter((name) => {
    try {
      require.resolve(name);
      return true;
    } catch {
      return false;
    }
  });
  return found.length > 0
    ? `peer matchers installed but not benchmarked here: ${found.join(', ')}`
    : `peer matchers (${PEER_MATCHERS.join(', ')}): not importable, none installed`;
}

function measure(label: string, events: readonly string[], parseRate: number, ruleCount: number): Row {
  const patterns = generateRules(ruleCount, 7 + ruleCount);
  const ruleSet = new RuleSet<number>();
  patterns.forEach((pattern, index) => ruleSet.add(index, pattern));
  const compiled = patterns.map((pattern) => compilePattern(pattern));
  let matches = 0;
  for (const event of events) matches += ruleSet.match(event).length;
  const engine = eventsPerSecond(events, (event) => ruleSet.match(event).length, MINIMUM_MS);
  const naive = eventsPerSecond(
    events,
    (event) => {
      const parsed = JSON.parse(event) as object;
      let count = 0;
      for (const pattern of compiled) if (pattern.matches(parsed)) count++;
      return count;
    },
    ruleCount >= 1000 ? MINIMUM_MS / 2 : MINIMUM_MS,
  );
  return { events: label, rules: ruleCount, engine, parse: parseRate, naive, matchesPerEvent: matches / events.length };
}

function format(row: Row): string {
  const cells = [
    row.events.padEnd(6),
    String(row.rules).padStart(5),
    Math.round(row.engine).toLocaleString('en-US').padStart(10),
    (row.engine / row.parse).toFixed(2).padStart(8),
    Math.round(row.naive).toLocaleString('en-US').padStart(10),
    (row.naive / row.parse).toFixed(2).padStart(8),
    `${(row.engine / row.naive).toFixed(1)}x`.padStart(8),
    row.matchesPerEvent.toFixed(2).padStart(8),
  ];
  return cells.join('  ');
}

function main(): void {
  const kinds: Record<EventKind, string[]> = {
    user: generateEvents('user', EVENTS_PER_KIND, 1),
    aws: generateEvents('aws', EVENTS_PER_KIND, 2),
  };
  const mixed = kinds.user.flatMap((event, index) => [event, kinds.aws[index] as string]);
  const sets: Array<[string, string[]]> = [['user', kinds.user], ['aws', kinds.aws], ['mixed', mixed]];

  console.log(`node ${process.version}; ${EVENTS_PER_KIND} distinct events per kind`);
  for (const [label, events] of sets) {
    const averageBytes = events.reduce((total, event) => total + Buffer.byteLength(event), 0) / events.length;
    console.log(`  ${label}: average ${Math.round(averageBytes)} bytes per event`);
  }
  console.log(peerMatcherStatus());
  console.log('events/s include JSON.parse of the raw event text; ratio = events/s ÷ JSON.parse-only events/s on the same events');
  console.log(['events', 'rules', 'engine/s', 'ratio', 'naive/s', 'n.ratio', 'speedup', 'match/ev'].map((h, i) => (i === 0 ? h.padEnd(6) : h.padStart(i === 1 ? 5 : i === 2 || i === 4 ? 10 : 8))).join('  '));

  const rows: Row[] = [];
  for (const [label, events] of sets) {
    const parseRate = eventsPerSecond(events, (event) => (JSON.parse(event) === null ? 0 : 1), MINIMUM_MS);
    console.log(`${label.padEnd(6)}  JSON.parse only: ${Math.round(parseRate).toLocaleString('en-US')} events/s`);
    for (const ruleCount of RULE_COUNTS) {
      const row = measure(label, events, parseRate, ruleCount);
      rows.push(row);
      console.log(format(row));
    }
  }

  const headline = (ruleCount: number): Row => rows.find((row) => row.events === 'mixed' && row.rules === ruleCount) as Row;
  const five = headline(5);
  const thousand = headline(1000);
  console.log('headline: mixed user + AWS events');
  console.log(
    JSON.stringify({
      eventsPerSec5Rules: Math.round(five.engine),
      eventsPerSec1000Rules: Math.round(thousand.engine),
      ratioToParse5Rules: Number((five.engine / five.parse).toFixed(3)),
      ratioToParse1000Rules: Number((thousand.engine / thousand.parse).toFixed(3)),
      speedupVsNaive1000Rules: Number((thousand.engine / thousand.naive).toFixed(1)),
    }),
  );
}

main();
