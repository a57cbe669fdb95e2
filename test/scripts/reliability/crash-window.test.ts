import { unexplainedDuplicateEmails } from '../../../scripts/reliability/crash-window';

/** The crash test's judge of second emails, fed duplicates whose verdict is known. */
describe('unexplainedDuplicateEmails', () => {
  const duplicates = (entries: Record<string, number[]>) => new Map(Object.entries(entries));

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
