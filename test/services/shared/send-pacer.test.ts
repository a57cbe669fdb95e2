import { createSendPacer, type PacerClock } from '../../../services/shared/send-pacer';

/** A clock whose sleeps move time on at once, recording each wait. */
function fakeClock(): PacerClock & { sleeps: number[]; advance(ms: number): void } {
  let time = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    advance: (ms) => void (time += ms),
    sleep: async (ms) => {
      sleeps.push(ms);
      time += ms;
    },
  };
}

describe('createSendPacer', () => {
  it('lets the first turn go at once and spaces the next ones by the interval', async () => {
    const clock = fakeClock();
    const waitForTurn = createSendPacer(40, clock);

    await waitForTurn();
    await waitForTurn();
    await waitForTurn();

    expect(clock.sleeps).toEqual([40, 40]);
  });

  it('waits only for what is left of the interval after a slow call', async () => {
    const clock = fakeClock();
    const waitForTurn = createSendPacer(40, clock);

    await waitForTurn();
    clock.advance(25);
    await waitForTurn();
    clock.advance(60);
    await waitForTurn();

    expect(clock.sleeps).toEqual([15]);
  });

  it('spaces overlapping callers too: each turn begins an interval after the one before', async () => {
    const clock = fakeClock();
    const waitForTurn = createSendPacer(40, clock);
    const began: number[] = [];

    await Promise.all([1, 2, 3].map(() => waitForTurn().then(() => began.push(clock.now()))));

    expect(began).toEqual([1_000_000, 1_000_040, 1_000_080]);
  });

  it('never waits when the interval is 0', async () => {
    const clock = fakeClock();
    const waitForTurn = createSendPacer(0, clock);

    await Promise.all([waitForTurn(), waitForTurn()]);

    expect(clock.sleeps).toEqual([]);
  });
});
