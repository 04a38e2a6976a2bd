/**
 * Which live gateway a webinar's slot gets (issue #13 §3; reference/pod-behaviour.md §5.4,
 * §8.5.8). Slots are half-open, `[start, end)`: one ending when the next starts does not
 * overlap. Unlike Pod, which counted overlapping webinars rather than the gateways they hold and
 * never re-checked an edited slot, the answer is computed from the gateways actually held, and a
 * webinar keeps its gateway on an edit only while that gateway is still free for the new slot.
 */

export interface Slot {
  startMs: number;
  endMs: number;
}

export interface PlacedWebinar extends Slot {
  id: number;
  name: string;
  gatewayId: number | null;
}

export type Allocation =
  { gatewayId: number; kept: boolean } | { gatewayId: null; overlapping: PlacedWebinar[] };

export const overlaps = (a: Slot, b: Slot): boolean => a.startMs < b.endMs && a.endMs > b.startMs;

/**
 * A free gateway for `slot` among `gateways` (in their order), `webinars` being the others
 * already placed. `current` is the webinar's own gateway when it is edited: kept if still free.
 * None free: the overlapping webinars that hold a gateway, to name in the refusal.
 */
export function allocateGateway(
  slot: Slot,
  gateways: readonly number[],
  webinars: readonly PlacedWebinar[],
  current: number | null = null,
): Allocation {
  const overlapping = webinars.filter((w) => overlaps(slot, w));
  const held = new Set(overlapping.flatMap((w) => (w.gatewayId === null ? [] : [w.gatewayId])));
  if (current !== null && gateways.includes(current) && !held.has(current))
    return { gatewayId: current, kept: true };
  const free = gateways.find((g) => !held.has(g));
  if (free !== undefined) return { gatewayId: free, kept: false };
  return { gatewayId: null, overlapping: overlapping.filter((w) => w.gatewayId !== null) };
}
