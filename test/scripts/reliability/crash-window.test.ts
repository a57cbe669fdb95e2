import { crashWindowBreaches, killInterruptedSends, unexplainedDuplicateEmails } from '../../../scripts/reliability/crash-window';

const duplicates = (entries: Record<string, number[]>) => new Map(Object.entries(entries));

/** The crash test's judge of second emails, fed duplicates whose verdict is known. */
describe('unexplainedDuplicateEmails', () => {
  test('a second email sent after a kill that fell between the two is the known crash window', () => {
    expect(unexplainedDuplicateEmails(duplicates({ a: [100, 300] }), [200])).toEqual([]);
  });

  test('a second email with no kill at all is unexplained', () => {
    expect(unexplainedDuplicateEmails(duplicates({ a: [100, 300] }), [])).toEqual(['a']);
  });

  test('a kill before the first email or after the second explains nothing', () => {
    expect(unexplainedDuplicateEmails(duplicates({ early: [100, 300], late: [400, 500] }), [50, 600])).toEqual(['early', 'late']);
  });

  test('a kill at the very moment of an email does not fall between the two', () => {
    expect(unexplainedDuplicateEmails(duplicates({ a: [100, 300] }), [100, 300])).toEqual(['a']);
  });

  test('a third email is unexplained however many kills there were', () => {
    expect(unexplainedDuplicateEmails(duplicates({ a: [100, 300, 500] }), [200, 400])).toEqual(['a']);
  });

  test('each user is judged on its own: only the unexplained ones are named', () => {
    expect(unexplainedDuplicateEmails(duplicates({ explained: [100, 300], unexplained: [350, 360] }), [200])).toEqual(['unexplained']);
  });
});

/** The crash window's bound: which kill interrupted each repeated send, and kills that interrupted too many. */
describe('killInterruptedSends', () => {
  test('counts each explained duplicate against the first kill after its first email', () => {
    const times = duplicates({ a: [100, 300], b: [150, 600], c: [450, 700], d: [460, 900] });

    expect(killInterruptedSends(times, [200, 500, 800])).toEqual([2, 2, 0]);
  });

  test('counts no duplicate that no kill explains, nor a third email', () => {
    const times = duplicates({ noKill: [100, 150], third: [100, 300, 500], afterBoth: [600, 700] });

    expect(killInterruptedSends(times, [200, 400])).toEqual([0, 0]);
  });

  test('is empty for a run without kills', () => {
    expect(killInterruptedSends(duplicates({ a: [100, 300] }), [])).toEqual([]);
  });
});

describe('crashWindowBreaches', () => {
  test('passes kills that interrupted at most one send per sandbox', () => {
    expect(crashWindowBreaches([0, 1, 2], 2)).toEqual([]);
  });

  test('names, from 1, every kill that interrupted more sends than it killed sandboxes', () => {
    expect(crashWindowBreaches([3, 2, 10], 2)).toEqual([
      { kill: 1, interruptedSends: 3 },
      { kill: 3, interruptedSends: 10 },
    ]);
  });

  test('a whole parallel batch repeated after one kill is a breach', () => {
    const batch = Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`user-${index}`, [100 + index, 900 + index]]));

    expect(crashWindowBreaches(killInterruptedSends(duplicates(batch), [500]), 2)).toEqual([{ kill: 1, interruptedSends: 10 }]);
  });
});
