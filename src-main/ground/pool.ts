/**
 * Runs `work` on every item, `concurrency` at a time (the fetcher's downloads, the segment
 * encodes). The first failure aborts the others through the signal `work` gets, and is the one
 * thrown; every worker is waited for, so nothing still runs when it returns. The caller's abort
 * ends as `cancelled()` when given, else as the failure it caused.
 */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  signal: AbortSignal | undefined,
  work: (item: T, signal: AbortSignal) => Promise<void>,
  cancelled?: () => Error,
): Promise<void> {
  const stop = new AbortController();
  const inner = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (next < items.length && !inner.aborted) {
      const item = items[next++] as T;
      try {
        await work(item, inner);
      } catch (error) {
        failure ??= { error };
        stop.abort();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (signal?.aborted && cancelled) throw cancelled();
  if (failure) throw (failure as { error: unknown }).error;
}
