/** Runs `task(0..count-1)` with at most `size` at once; the first failure stops the rest. */
export async function pool(
  count: number,
  size: number,
  task: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < count) {
      const i = next++;
      try {
        await task(i);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  // Every worker is waited for, so a failure or a cancel returns only once no task runs.
  const outcomes = await Promise.allSettled(Array.from({ length: Math.min(size, count) }, worker));
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failure) throw failure.reason;
}
