/**
 * Sequence numbers as AWS shows them: decimal strings. Ours are 21 digits wide and start with a 1, so comparing
 * two of them as strings compares them as numbers, and every reader can sort and bisect without parsing.
 */
const WIDTH = 21;
const BASE = 10n ** BigInt(WIDTH - 1);
const SEQUENCE_NUMBER = /^\d{21}$/;

export function formatSequenceNumber(counter: number): string {
  return (BASE + BigInt(counter)).toString();
}

export function counterOf(sequenceNumber: string): number {
  return Number(BigInt(sequenceNumber) - BASE);
}

export function isSequenceNumber(text: string): boolean {
  return SEQUENCE_NUMBER.test(text) && text >= formatSequenceNumber(0);
}

/** The sequence number just before `sequenceNumber`, so "at X" can be served as "after X - 1". */
export function previousSequenceNumber(sequenceNumber: string): string {
  return (BigInt(sequenceNumber) - 1n).toString().padStart(WIDTH, '0');
}

/** Hands out strictly increasing sequence numbers, starting after the highest one already issued. */
export class SequenceCounter {
  constructor(private last: number) {}

  next(): string {
    this.last += 1;
    return formatSequenceNumber(this.last);
  }

  /** The newest number issued, or the one before the first when none has been. */
  current(): string {
    return formatSequenceNumber(this.last);
  }
}
