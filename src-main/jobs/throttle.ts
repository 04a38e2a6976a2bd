/**
 * Delivers the latest value at most once per `intervalMs`: the first at once, then the newest of
 * each burst when the interval has passed. `flush()` delivers what is still waiting, so the last
 * update is never lost (STYLE.md: progress pushes ≤ 4/s per job).
 */
export interface Throttle<T> {
  push(value: T): void;
  flush(): void;
  /** Drops what is waiting, without delivering it. */
  cancel(): void;
}

export function createThrottle<T>(options: {
  intervalMs: number;
  deliver: (value: T) => void;
  clock?: () => number;
}): Throttle<T> {
  const { intervalMs, deliver } = options;
  const clock = options.clock ?? Date.now;
  let lastAt = Number.NEGATIVE_INFINITY;
  let pending: { value: T } | null = null;
  let timer: NodeJS.Timeout | undefined;

  const send = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    lastAt = clock();
    deliver(value);
  };

  return {
    push(value) {
      pending = { value };
      const wait = lastAt + intervalMs - clock();
      if (wait <= 0) send();
      else timer ??= setTimeout(send, wait);
    },
    flush: send,
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      pending = null;
    },
  };
}
