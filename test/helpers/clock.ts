/** A clock that moves one second per reading, so `createdAt` and `updatedAt` can differ. */
export function steppingClock(start = '2025-03-01T09:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => {
    const at = new Date(t);
    t += 1000;
    return at;
  };
}
