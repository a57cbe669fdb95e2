/**
 * Runs `task(0)` … `task(count - 1)` with at most `concurrency` of them in flight: each worker takes the next
 * index as soon as its previous task settles, so the load stays at `concurrency` until the work runs out.
 */
export async function runWithConcurrency(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
