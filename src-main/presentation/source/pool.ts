import { bi, RegieError } from '../../ground/errors';

/** The error a cancelled fetch ends with: a status the job shows as "cancelled", not a fault. */
export const fetchCancelled = (): RegieError =>
  new RegieError(
    'cancelled',
    bi(
      'Fetching the recording was cancelled.',
      "Le téléchargement de l'enregistrement a été annulé.",
    ),
  );

/**
 * Runs `work` on every item, `concurrency` at a time. The first failure aborts the others (their
 * `.part` files stay for the next run) and is the one thrown; the caller's abort ends as
 * `fetchCancelled()`.
 */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  signal: AbortSignal | undefined,
  work: (item: T, signal: AbortSignal) => Promise<void>,
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
  if (signal?.aborted) throw fetchCancelled();
  if (failure) throw (failure as { error: unknown }).error;
}
