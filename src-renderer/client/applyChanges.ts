import type { Changed } from '../../src-preload/contract';

/**
 * Applies a batch of `<domain>.changed` payloads (the rule in src-preload/contract/events.ts) to a
 * list, in one pass whatever the number of payloads: O(list + changes). Later payloads win.
 * Entities seen for the first time go first (newest first), the others keep their place; a
 * payload with `isComplete` replaces the whole list. `order`, when given, sorts the result.
 */
export function applyChanges<T, K extends number | string>(
  list: T[] | undefined,
  payloads: readonly Changed<T, K>[],
  options: { keyOf: (item: T) => K; order?: (a: T, b: T) => number },
): T[] {
  let base = list ?? [];
  let start = 0;
  let isReplaced = false;
  for (let i = payloads.length - 1; i >= 0; i--) {
    if (payloads[i]?.isComplete) {
      base = [];
      start = i;
      isReplaced = true;
      break;
    }
  }
  // The latest state of each key touched by the batch: an item, or null when removed.
  const latest = new Map<K, T | null>();
  for (const payload of payloads.slice(start)) {
    for (const item of payload.items) {
      const key = options.keyOf(item);
      latest.delete(key); // re-inserted last: the newest first among the new ones.
      latest.set(key, item);
    }
    for (const key of payload.removedIds ?? []) latest.set(key, null);
  }
  if (latest.size === 0 && !isReplaced) return list ?? [];
  const kept: T[] = [];
  for (const item of base) {
    const key = options.keyOf(item);
    if (!latest.has(key)) {
      kept.push(item);
      continue;
    }
    const next = latest.get(key);
    latest.delete(key);
    if (next) kept.push(next);
  }
  const added = [...latest.values()].filter((item): item is T => item !== null).reverse();
  const result = [...added, ...kept];
  return options.order ? result.sort(options.order) : result;
}
