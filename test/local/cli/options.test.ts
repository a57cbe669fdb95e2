import { FAST_RETRY_DELAYS, runtimeFaultOptions } from '../../../local/cli/faults';
import { parseStartOptions, UsageError } from '../../../local/cli/options';

describe('npm start fault injection options', () => {
  test('every fault is off by default', () => {
    const { faults } = parseStartOptions([], {});

    expect(faults).toEqual({ duplicateShare: 0, failShare: 0, timeoutShare: 0, sesOutageSeconds: 0, seed: undefined, fastRetries: false });
    expect(runtimeFaultOptions(faults).retryDelays).toBeUndefined();
  });

  test('flags switch faults on and reach the runtime options: duplicates for both the pipes and the bus', () => {
    const { faults } = parseStartOptions(
      ['--duplicate-share', '0.3', '--fail-share', '0.05', '--timeout-share', '0.02', '--ses-outage-seconds', '10', '--fault-seed', '42', '--fast-retries'],
      {},
    );

    expect(runtimeFaultOptions(faults)).toEqual({
      faults: {
        seed: 42,
        lambda: { failShare: 0.05, timeoutShare: 0.02 },
        pipes: { duplicateShare: 0.3 },
        eventBridge: { duplicateShare: 0.3 },
      },
      retryDelays: FAST_RETRY_DELAYS,
    });
    expect(faults.sesOutageSeconds).toBe(10);
  });

  test('environment variables set the same faults, and a flag overrides its variable', () => {
    const { faults } = parseStartOptions(['--fail-share', '0.2'], {
      LOCAL_FAULT_DUPLICATE_SHARE: '0.5',
      LOCAL_FAULT_FAIL_SHARE: '0.9',
      LOCAL_FAULT_SEED: '7',
      LOCAL_FAST_RETRIES: 'true',
    });

    expect(faults).toMatchObject({ duplicateShare: 0.5, failShare: 0.2, seed: 7, fastRetries: true });
  });

  test.each([
    [['--duplicate-share', '1.5'], /--duplicate-share must be a share from 0 to 1.*"1.5"/],
    [['--fail-share', 'lots'], /--fail-share must be a share from 0 to 1.*"lots"/],
    [['--fail-share', '0.7', '--timeout-share', '0.5'], /add up to more than 1/],
    [['--ses-outage-seconds', '-3'], /--ses-outage-seconds must be a number of seconds/],
    [['--fault-seed', '1.5'], /--fault-seed must be an integer/],
    [['--timeout-share'], /option "--timeout-share" needs a value/],
  ])('%j is refused with an error naming the option', (argv, message) => {
    expect(() => parseStartOptions(argv, {})).toThrow(UsageError);
    expect(() => parseStartOptions(argv, {})).toThrow(message);
  });

  test('--watch switches watch mode on; it is off by default, and takes no value', () => {
    expect(parseStartOptions([], {}).watch).toBe(false);
    expect(parseStartOptions(['--watch'], {}).watch).toBe(true);
    expect(() => parseStartOptions(['--watch=yes'], {})).toThrow(UsageError);
    expect(() => parseStartOptions(['--watch', '--assembly', 'other/cdk.out'], {})).toThrow(/--watch re-synthesizes this project's app on a change, so it cannot run with --assembly/);
  });

  test('a bad environment value names the variable', () => {
    expect(() => parseStartOptions([], { LOCAL_FAST_RETRIES: 'maybe' })).toThrow(/LOCAL_FAST_RETRIES must be 1\/true\/yes or 0\/false\/no, got "maybe"/);
  });
});


describe('npm start -- --secret', () => {
  it('collects each secret by its id; a value may hold = itself', () => {
    const { secrets } = parseStartOptions(['--secret', 'crm-webhook=abc', '--secret', 'arn:aws:secretsmanager:us-east-1:1:secret:x=k=v'], {});
    expect(secrets).toEqual({ 'crm-webhook': 'abc', 'arn:aws:secretsmanager:us-east-1:1:secret:x': 'k=v' });
    expect(parseStartOptions([], {}).secrets).toEqual({});
  });

  it('refuses a secret without an id, without echoing the value', () => {
    expect(() => parseStartOptions(['--secret', 'hunter2'], {})).toThrow(new UsageError('--secret needs <secret-id>=<value>, for example --secret crm-webhook=abc123'));
    expect(() => parseStartOptions(['--secret'], {})).toThrow(UsageError);
  });
});

describe('npm start tracing option', () => {
  test('tracing is on unless --no-tracing is given', () => {
    expect(parseStartOptions([], {}).tracing).toBe(true);
    expect(parseStartOptions(['--no-tracing'], {}).tracing).toBe(false);
  });
});
