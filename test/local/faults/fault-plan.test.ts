import { planFaults, type RuntimeFaults } from '../../../local/faults';

/** The first `count` decisions of each kind a plan makes. */
function decisions(faults: RuntimeFaults, count = 40) {
  const plan = planFaults(faults);
  return {
    lambda: Array.from({ length: count }, () => plan.lambdaInvocation('fn')),
    pipes: Array.from({ length: count }, () => plan.duplicatePipeBatch()),
    bus: Array.from({ length: count }, () => plan.duplicateRuleDelivery()),
  };
}

const HALF_OF_EVERYTHING: RuntimeFaults = {
  lambda: { failShare: 0.25, timeoutShare: 0.25 },
  pipes: { duplicateShare: 0.5 },
  eventBridge: { duplicateShare: 0.5 },
};

describe('the fault plan', () => {
  it('decides nothing and logs no seed when no fault is on', () => {
    const logs: string[] = [];
    const plan = planFaults({ ses: { throttleUntil: 5 } }, { log: (line) => logs.push(line) });
    expect(plan.seed).toBeUndefined();
    expect(plan.lambdaInvocation('fn')).toBe('none');
    expect(plan.duplicatePipeBatch()).toBe(false);
    expect(plan.duplicateRuleDelivery()).toBe(false);
    expect(plan.sesThrottleUntil).toBe(5);
    expect(logs).toEqual([]);
  });

  it('draws one seed from the clock when none is given, and logs it once with how to replay the run', () => {
    const logs: string[] = [];
    const plan = planFaults(HALF_OF_EVERYTHING, { now: () => 1_234_567.8, log: (line) => logs.push(line) });
    expect(plan.seed).toBe(1_234_567);
    expect(logs).toEqual(['fault seed 1234567; replay with --fault-seed 1234567']);
  });

  it('replays every service\'s decisions from the same seed, and a different seed decides differently', () => {
    const first = decisions({ ...HALF_OF_EVERYTHING, seed: 42 });
    expect(decisions({ ...HALF_OF_EVERYTHING, seed: 42 })).toEqual(first);
    expect(decisions({ ...HALF_OF_EVERYTHING, seed: 43 })).not.toEqual(first);
    for (const kind of [first.pipes, first.bus]) {
      expect(kind.filter(Boolean).length).toBeGreaterThan(5);
      expect(kind.filter(Boolean).length).toBeLessThan(35);
    }
    expect(new Set(first.lambda)).toEqual(new Set(['none', 'fail', 'timeout']));
  });

  it('gives each service a stream of its own, so one service asking more often does not change another\'s decisions', () => {
    const alone = planFaults({ seed: 7, pipes: { duplicateShare: 0.5 }, eventBridge: { duplicateShare: 0.5 } });
    const busy = planFaults({ seed: 7, pipes: { duplicateShare: 0.5 }, eventBridge: { duplicateShare: 0.5 } });
    for (let index = 0; index < 25; index++) busy.duplicateRuleDelivery();
    expect(Array.from({ length: 20 }, () => busy.duplicatePipeBatch())).toEqual(Array.from({ length: 20 }, () => alone.duplicatePipeBatch()));
  });

  it('fails or times out only the functions it names', () => {
    const plan = planFaults({ seed: 1, lambda: { failShare: 1, functionNames: ['audit'] } });
    expect(plan.lambdaInvocation('audit')).toBe('fail');
    expect(plan.lambdaInvocation('welcome')).toBe('none');
  });

  it.each<[RuntimeFaults, string]>([
    [{ lambda: { failShare: 2 } }, 'Lambda fault failShare must be between 0 and 1, got 2'],
    [{ lambda: { timeoutShare: -0.1 } }, 'Lambda fault timeoutShare must be between 0 and 1, got -0.1'],
    [{ pipes: { duplicateShare: 1.5 } }, 'Pipe fault duplicateShare must be between 0 and 1, got 1.5'],
    [{ eventBridge: { duplicateShare: Number.NaN } }, 'EventBridge fault duplicateShare must be between 0 and 1, got NaN'],
    [{ lambda: { failShare: 0.7, timeoutShare: 0.5 } }, 'The Lambda fail share (0.7) and timeout share (0.5) add up to more than 1'],
    [{ ses: { throttleUntil: -1 } }, 'SES fault throttleUntil must be a time in epoch milliseconds, got -1'],
    [{ seed: 1.5, pipes: { duplicateShare: 0.1 } }, 'The fault seed must be an integer, got 1.5'],
  ])('refuses %j, naming the setting and the value', (faults, message) => {
    expect(() => planFaults(faults)).toThrow(message);
  });
});
