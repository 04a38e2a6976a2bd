/**
 * tldraw.json for 2.7 (tldraw v1 records) and 3.0 (tldraw v2 records): `{"bbb_version", "<slide>":
 * {"shapes": [{id, timestamp, undo, shape_data}], "timestamp"}}`, record shapes copied in form
 * (not content) from the v27 and v30 fixtures (test/fixtures/bbb/player-frames/).
 */
import type { Resolved } from './options.js';
import type { Plan, PlannedShape } from './plan.js';
import { type Space, toPage } from './space.js';
import { type ShapeGeometry } from './tldrawCommon.js';
import { shapeDataV1 } from './tldrawV1.js';
import { shapeDataV2 } from './tldrawV2.js';

export function tldrawJson(options: Resolved, plan: Plan, space: Space): string {
  const isV2 = options.format === 'tldraw2';
  const document: Record<string, unknown> = { bbb_version: isV2 ? '3.0.4' : '2.7.4' };
  let recordId = 0;
  for (const show of plan.slides) {
    const shapes = plan.shapes.filter((s) => s.slide === show.slide);
    const records = shapes.flatMap((shape, index) =>
      shape.times.map((time, version) => {
        const geometry = geometryOf(shape, version, index + 1, space);
        return {
          timestamp: time,
          undo: shape.undoAt,
          shape_data: isV2
            ? shapeDataV2(shape, geometry, show.slide)
            : shapeDataV1(shape, geometry, show.slide),
        };
      }),
    );
    records.sort((a, b) => a.timestamp - b.timestamp);
    document[String(show.slide)] = {
      shapes: records.map((record) => ({ id: ++recordId, ...record })),
      timestamp: show.start,
    };
  }
  return JSON.stringify(document);
}

function geometryOf(
  shape: PlannedShape,
  version: number,
  childIndex: number,
  space: Space,
): ShapeGeometry {
  const [x, y] = toPage(space, { u: shape.box.u, v: shape.box.v });
  const [x1, y1] = toPage(space, { u: shape.box.u + shape.box.w, v: shape.box.v + shape.box.h });
  const count = shape.pointCounts[version] ?? shape.points.length;
  const round = (value: number) => Math.round(value * 10) / 10;
  const points = shape.points.slice(0, count).map((p): [number, number] => {
    const [px, py] = toPage(space, p);
    return [round(px - x), round(py - y)];
  });
  return {
    x,
    y,
    w: round(x1 - x),
    h: round(y1 - y),
    points,
    isComplete: version === shape.times.length - 1,
    childIndex,
  };
}
