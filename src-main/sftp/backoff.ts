const FIRST_RETRY_MS = 1000;
const LONGEST_RETRY_MS = 60_000;

/**
 * The wait before reconnection attempt number `failures` (0 after the first failure): 1 s,
 * doubling each time, capped at 60 s. The caller resets `failures` once a poll succeeds.
 */
export function backoffMs(failures: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(failures, 16));
}
