/** A clock that moves one second per reading, so `createdAt` and `updatedAt` can differ. */
export function steppingClock(start = '2025-03-01T09:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => {
    const at = new Date(t);
    t += 1000;
    return at;
  };
}

/**
 * A clock that reads `at` when created and then ticks with real time: for tests whose data has
 * fixed dates (a BBB meeting created on a given day) but that need time to pass (quiet periods,
 * jobs). No test may depend on today's date (issue #9 §0).
 */
export function shiftedClock(at: string | number): () => Date {
  const offset = (typeof at === 'number' ? at : Date.parse(at)) - Date.now();
  return () => new Date(Date.now() + offset);
}
