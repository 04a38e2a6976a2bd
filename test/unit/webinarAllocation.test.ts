import { describe, expect, it } from 'vitest';
import { allocateGateway, overlaps, type PlacedWebinar } from '../../src-main/webinar/allocation';

// reference/pod-behaviour.md §5.4 (half-open overlap) and §8.5.8 (Pod's allocation bugs).

const h = (hours: number) => Date.UTC(2026, 11, 7, 8) + hours * 3_600_000;
const slot = (from: number, to: number) => ({ startMs: h(from), endMs: h(to) });
const webinar = (
  id: number,
  from: number,
  to: number,
  gatewayId: number | null,
): PlacedWebinar => ({
  id,
  name: `W${String(id)}`,
  gatewayId,
  ...slot(from, to),
});

describe('webinar gateway allocation', () => {
  it('treats slots as half-open: one ending when the next starts does not overlap', () => {
    expect(overlaps(slot(0, 2), slot(2, 3))).toBe(false);
    expect(overlaps(slot(0, 2), slot(1, 3))).toBe(true);
    expect(overlaps(slot(1, 2), slot(0, 3))).toBe(true);
  });

  it('gives the first gateway not held by an overlapping webinar', () => {
    const placed = [webinar(1, 0, 2, 10), webinar(2, 2, 4, 11)];
    expect(allocateGateway(slot(1, 3), [10, 11, 12], placed)).toEqual({
      gatewayId: 12,
      kept: false,
    });
    expect(allocateGateway(slot(2, 3), [10, 11, 12], placed)).toEqual({
      gatewayId: 10,
      kept: false,
    });
  });

  it('counts the gateways held, not the webinars (§8.5.8): one without a gateway blocks none', () => {
    const placed = [webinar(1, 0, 2, null), webinar(2, 0, 2, 10)];
    expect(allocateGateway(slot(1, 3), [10, 11], placed)).toEqual({ gatewayId: 11, kept: false });
  });

  it('re-checks an edited slot: keeps its gateway while free, moves it otherwise (§8.5.8)', () => {
    const placed = [webinar(2, 5, 6, 10)];
    expect(allocateGateway(slot(1, 2), [10, 11], placed, 10)).toEqual({
      gatewayId: 10,
      kept: true,
    });
    expect(allocateGateway(slot(5, 7), [10, 11], placed, 10)).toEqual({
      gatewayId: 11,
      kept: false,
    });
  });

  it('refuses when every gateway is held, naming the webinars that hold them', () => {
    const placed = [webinar(1, 0, 2, 10), webinar(2, 1, 3, 11), webinar(3, 9, 10, 12)];
    const refused = allocateGateway(slot(1, 2), [10, 11], placed);
    expect(refused.gatewayId).toBeNull();
    expect('overlapping' in refused ? refused.overlapping.map((w) => w.name) : []).toEqual([
      'W1',
      'W2',
    ]);
  });
});
