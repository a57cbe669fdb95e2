import { createSendLock } from '../../../services/shared/send-lock';

/** Lets every promise callback that is ready run, without timers. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
}

describe('createSendLock', () => {
  it('has one holder at a time, in the order they asked', async () => {
    const acquire = createSendLock();
    const held: string[] = [];
    const releases = new Map<string, () => void>();
    for (const name of ['a', 'b', 'c']) {
      void acquire().then((release) => {
        held.push(name);
        releases.set(name, release);
      });
    }
    await settle();
    expect(held).toEqual(['a']);

    releases.get('a')?.();
    await settle();
    expect(held).toEqual(['a', 'b']);

    releases.get('b')?.();
    await settle();
    expect(held).toEqual(['a', 'b', 'c']);
  });

  it('lets only the next holder in when a release is called twice', async () => {
    const acquire = createSendLock();
    const first = await acquire();
    const held: string[] = [];
    void acquire().then(() => held.push('second'));
    void acquire().then(() => held.push('third'));

    first();
    first();
    await settle();

    expect(held).toEqual(['second']);
  });
});
