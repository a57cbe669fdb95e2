/**
 * One holder at a time, in the order they asked: `acquire` resolves with the function that lets the next one in.
 * A function instance holds it from the start of a send until the send's outcome is recorded, so a sandbox that
 * dies has at most one send whose outcome nobody knows, while its other work (reads, checks, hashing) overlaps.
 */
export type SendLock = () => Promise<() => void>;

export function createSendLock(): SendLock {
  let previousHolder = Promise.resolve();
  return () => {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const acquired = previousHolder.then(() => once(release));
    previousHolder = previousHolder.then(() => held);
    return acquired;
  };
}

/** A release called twice (a finally after a catch that already released) must not let two holders in. */
function once(release: () => void): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    release();
  };
}
