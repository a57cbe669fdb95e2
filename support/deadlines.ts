/**
 * How long tests may take, in one place. jest applies TEST_TIMEOUT_MS to every test and hook (test/jest-setup.ts),
 * and every wait of the kit defaults to WAIT_DEADLINE_MS, which ends first: a wait that runs out fails with its
 * own message, naming what it waited for, rather than with jest's bare timeout.
 */
export const TEST_TIMEOUT_MS = 300_000;

/** The default deadline of one wait: a fifth of a test's time is left for what comes after it. */
export const WAIT_DEADLINE_MS = TEST_TIMEOUT_MS * 0.8;
