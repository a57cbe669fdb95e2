/**
 * Throughput of the pattern engine against JSON.parse alone and against testing rules one by one.
 * Run with `npm run bench:patterns`. All figures come from this one run; the last line is JSON.
 */
import { availableParallelism, loadavg } from 'node:os';
import { compilePattern, RuleSet } from '../index';
import { interleavedRates } from './measure';
import { generateEvents, type EventKind } from './events';
import { generateRules } from './rules';

const RULE_COUNTS = [1, 5, 100, 1000] as const;
const EVENTS_PER_KIND = 1000;
const MINIMUM_MS = 500;
const COLUMN_WIDTHS = [6, 5, 9, 9, 5, 8, 7, 7, 8];
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

function measure(label: string, events: readonly string[], ruleCount: number): Row {
  const patterns = generateRules(ruleCount, 7 + ruleCount);
  const ruleSet = new RuleSet<number>();
  patterns.forEach((pattern, index) => ruleSet.add(index, pattern));
  const compiled = patterns.map((pattern) => compilePattern(pattern));
  let matches = 0;
  for (const event of events) matches += ruleSet.match(event).length;
  const [parse, engine] = interleavedRates(
    events,
    [{ handle: (event) => (JSON.parse(event) === null ? 0 : 1) }, { handle: (event) => ruleSet.match(event).length }],
    MINIMUM_MS,
  );
  // Timed on its own: a thousand separate machines would evict the caches the engine's turns rely on.
  const [naive] = interleavedRates(
    events,
    [
      {
        handle: (event) => {
          const parsed = JSON.parse(event) as object;
          let count = 0;
          for (const pattern of compiled) if (pattern.matches(parsed)) count++;
          return count;
        },
        eventsPerTurn: Math.max(1, Math.round(4000 / Math.max(20, ruleCount))),
      },
    ],
    MINIMUM_MS / 2,
  );
  return {
    events: label,
    rules: ruleCount,
    engine: engine as number,
    parse: parse as number,
    naive: naive as number,
    matchesPerEvent: matches / events.length,
  };
}

function format(row: Row): string {
  const cells = [
    row.events,
    String(row.rules),
    Math.round(row.parse).toLocaleString('en-US'),
    Math.round(row.engine).toLocaleString('en-US'),
    (row.engine / row.parse).toFixed(2),
    Math.round(row.naive).toLocaleString('en-US'),
    (row.naive / row.parse).toFixed(2),
    `${(row.engine / row.naive).toFixed(1)}x`,
    row.matchesPerEvent.toFixed(2),
  ];
  return cells.map((cell, index) => (index === 0 ? cell.padEnd(6) : cell.padStart(COLUMN_WIDTHS[index] as number))).join('  ');
}

function main(): void {
  const kinds: Record<EventKind, string[]> = {
    user: generateEvents('user', EVENTS_PER_KIND, 1),
    aws: generateEvents('aws', EVENTS_PER_KIND, 2),
  };
  const mixed = kinds.user.flatMap((event, index) => [event, kinds.aws[index] as string]);
  const sets: Array<[string, string[]]> = [['user', kinds.user], ['aws', kinds.aws], ['mixed', mixed]];

  console.log(`node ${process.version}; ${EVENTS_PER_KIND} distinct events per kind`);
  // CPU time keeps other processes' time out of the rates, but not their use of the shared caches, on which the
  // 1,000-rule figures depend most: say how busy the machine was.
  console.log(`load average ${loadavg().map((load) => load.toFixed(2)).join(' ')} (1, 5, 15 min) on ${availableParallelism()} cores`);
  for (const [label, events] of sets) {
    const averageBytes = events.reduce((total, event) => total + Buffer.byteLength(event), 0) / events.length;
    console.log(`  ${label}: average ${Math.round(averageBytes)} bytes per event`);
  }
  console.log(peerMatcherStatus());
  console.log('events/s = events per CPU-second of this process, JSON.parse of the raw event text included;');
  console.log('ratio = events/s ÷ JSON.parse-only events/s on the same events, the two timed in alternating turns;');
  console.log('naive = compilePattern per rule, every rule tested one by one');
  const headings = ['events', 'rules', 'parse/s', 'engine/s', 'ratio', 'naive/s', 'n.ratio', 'speedup', 'match/ev'];
  console.log(headings.map((heading, index) => (index === 0 ? heading.padEnd(6) : heading.padStart(COLUMN_WIDTHS[index] as number))).join('  '));

  const rows: Row[] = [];
  for (const [label, events] of sets) {
    for (const ruleCount of RULE_COUNTS) {
      const row = measure(label, events, ruleCount);
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

const USAGE = `Usage: npm run bench:patterns

Measures the pattern engine on generated events against 1, 5, 100 and 1,000 rules, beside JSON.parse alone and a
naive matcher that tests the rules one by one. It takes no options and runs for about 10 s; the last line is JSON.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
} else if (args.length > 0) {
  console.error(`bench:patterns takes no options, got ${args.join(' ')}\n\n${USAGE}`);
  process.exitCode = 2;
} else {
  main();
}
