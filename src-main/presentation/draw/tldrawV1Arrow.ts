import { getStroke } from 'perfect-freehand';
import {
  add,
  angle,
  bounds,
  circleFromThreePoints,
  dist,
  easeInOutSine,
  easeOutQuad,
  lerpAngles,
  med,
  mul,
  n,
  nudge,
  nudgeAtAngle,
  pathFromOutline,
  perfectDash,
  rng,
  rotWith,
  round2,
  shortAngleDist,
  sub,
  unit,
  type Vec,
} from './tldrawV1Geom.js';
import { isRecord, type ShapeReader, type V1Base } from './tldrawV1Input.js';
import { dashAttrs, type Drawn } from './tldrawV1Shapes.js';
import { strokeColor, strokeWidth } from './tldrawV1Style.js';

/**
 * Arrows (and BBB's line tool, an arrow without heads) as tldraw v1 draws them: @tldraw/tldraw
 * 1.29 `state/shapes/ArrowUtil` — a straight segment when the bend handle sits on the midpoint,
 * otherwise the circular arc through start, bend and end; heads are two 30° strokes.
 */

export interface ArrowGeometry extends Drawn {
  /** The bend handle in the frame: where tldraw centres the label. */
  bendPoint: Vec;
  /** Length of the shaft (straight or arc), which scales the label down on short arrows. */
  length: number;
}

export function drawArrow(base: V1Base, r: ShapeReader): ArrowGeometry | undefined {
  const handles = isRecord(r.raw.handles) ? r.raw.handles : undefined;
  const handle = (key: string, fallback?: Vec): Vec | undefined => {
    const h = handles?.[key];
    return r.vecOf(isRecord(h) ? h.point : undefined, `handles.${key}`, fallback);
  };
  const start = handle('start');
  const end = handle('end');
  if (!start || !end) return undefined;
  const bend = handle('bend', med(start, end)) ?? med(start, end);
  const arrowBend = r.num('bend', 0) ?? 0;
  // tldraw's `decorations` default is an end arrow; BBB's line tool writes `{}`.
  const decorations = isRecord(r.raw.decorations)
    ? r.raw.decorations
    : r.raw.type === 'line'
      ? {}
      : { end: 'arrow' };
  const hasStartHead = decorations.start === 'arrow';
  const hasEndHead = decorations.end === 'arrow';

  // The frame's origin is the top-left of the arc's bounds, but handles are drawn as they are.
  const b = bounds(arcPoints(start, bend, end));
  const origin = add(base.point, [b.minX, b.minY]);
  const size: Vec = [b.maxX - b.minX, b.maxY - b.minY];
  const isStraight = dist(bend, round2(med(start, end))) < 1;
  const circle = circleFromThreePoints(start, end, bend);
  const center: Vec = [circle[0], circle[1]];
  const arcLength = circle[2] * shortAngleDist(angle(center, start), angle(center, end));
  const length = isStraight ? dist(start, end) : Math.abs(arcLength);
  const geometry = { origin, size, bendPoint: bend, length };

  const arrowDist = dist(start, end);
  if (arrowDist < 2 || (!isStraight && !Number.isFinite(arcLength)))
    return { ...geometry, body: '' };
  const { style } = base;
  const sw = strokeWidth(style.size);
  const sw2 = 1 + sw * 1.618;
  const stroke = strokeColor(style.color);
  const isDraw = style.dash === 'draw';
  const headLength = Math.min(arrowDist / 3, sw * 8);
  const parts: string[] = [];

  if (isStraight) {
    const d = isDraw
      ? freehandShaft(
          base.id,
          sw,
          hasStartHead ? nudge(start, end, sw) : start,
          hasEndHead ? nudge(end, start, sw) : end,
        )
      : `M${n(start[0])},${n(start[1])}L${n(end[0])},${n(end[1])}`;
    const dash = perfectDash(arrowDist, sw * 1.618, style.dash, { snap: 2, isOutset: false });
    parts.push(
      `<path d="${d}" fill="${stroke}" stroke="${stroke}" stroke-width="${n(isDraw ? sw2 / 2 : sw2)}"${dashAttrs(dash)} stroke-linecap="round" stroke-linejoin="round"/>`,
    );
    if (hasStartHead) parts.push(head(start, straightHead(start, end, headLength), stroke, sw2));
    if (hasEndHead) parts.push(head(end, straightHead(end, start, headLength), stroke, sw2));
  } else {
    const radius = circle[2];
    const d = isDraw
      ? curvedFreehandShaft({
          id: base.id,
          sw,
          start,
          end,
          center,
          radius,
          length: arcLength,
          hasStartHead,
          hasEndHead,
        })
      : `M ${n(start[0])} ${n(start[1])} A ${n(radius)} ${n(radius)} 0 0 ${arrowBend < 0 ? 0 : 1} ${n(end[0])} ${n(end[1])}`;
    const dash = perfectDash(Math.abs(arcLength), sw2, style.dash, { snap: 2, isOutset: false });
    parts.push(
      `<path d="${d}" fill="${isDraw ? stroke : 'none'}" stroke="${stroke}" stroke-width="${n(isDraw ? 0 : sw2)}"${dashAttrs(dash)} stroke-linecap="round" stroke-linejoin="round"/>`,
    );
    if (hasStartHead)
      parts.push(
        head(start, curvedHead(start, headLength, center, radius, arcLength < 0), stroke, sw2),
      );
    if (hasEndHead)
      parts.push(
        head(end, curvedHead(end, headLength, center, radius, arcLength >= 0), stroke, sw2),
      );
  }
  return { ...geometry, body: parts.join('') };
}

/** Twenty points along the arc (or the two ends of a straight arrow), for the bounds. */
function arcPoints(start: Vec, bend: Vec, end: Vec): Vec[] {
  const m = med(start, end);
  if ((bend[0] - m[0]) ** 2 + (bend[1] - m[1]) ** 2 <= 4) return [start, end];
  const [cx, cy, radius] = circleFromThreePoints(start, end, bend);
  if (!Number.isFinite(cx) || !Number.isFinite(cy) || !Number.isFinite(radius)) return [start, end];
  const a0 = angle([cx, cy], start);
  const a1 = angle([cx, cy], end);
  const out: Vec[] = [];
  for (let i = 0; i < 20; i++) out.push(nudgeAtAngle([cx, cy], lerpAngles(a0, a1, i / 19), radius));
  return out;
}

function head(tip: Vec, wings: { left: Vec; right: Vec }, stroke: string, width: number): string {
  const { left, right } = wings;
  return `<path d="M ${n(left[0])} ${n(left[1])} L ${n(tip[0])} ${n(tip[1])} ${n(right[0])} ${n(right[1])}" fill="none" stroke="${stroke}" stroke-width="${n(width)}" stroke-linecap="round" stroke-linejoin="round"/>`;
}

/** The point `length` back along the shaft, turned ±30° around the tip. */
function straightHead(tip: Vec, toward: Vec, length: number): { left: Vec; right: Vec } {
  if (dist(tip, toward) < length) return { left: tip, right: tip };
  const back = add(tip, mul(unit(sub(toward, tip)), length));
  return { left: rotWith(back, tip, Math.PI / 6), right: rotWith(back, tip, -Math.PI / 6) };
}

/** Where a circle of 0.618 × length around the tip meets the arc, turned ±30° and pulled in. */
function curvedHead(
  tip: Vec,
  length: number,
  center: Vec,
  radius: number,
  isSweep: boolean,
): { left: Vec; right: Vec } {
  const r1 = length * 0.618;
  const d = dist(tip, center);
  const x = (d * d - radius * radius + r1 * r1) / (2 * d);
  const y = Math.sqrt(r1 * r1 - x * x);
  if (!Number.isFinite(x) || !Number.isFinite(y) || d === 0) return { left: tip, right: tip };
  const [ux, uy] = [(center[0] - tip[0]) / d, (center[1] - tip[1]) / d];
  const meet: Vec = isSweep
    ? [tip[0] + ux * x - uy * y, tip[1] + uy * x + ux * y]
    : [tip[0] + ux * x + uy * y, tip[1] + uy * x - ux * y];
  return {
    left: nudge(rotWith(meet, tip, Math.PI / 6), tip, length * -0.382),
    right: nudge(rotWith(meet, tip, -Math.PI / 6), tip, length * -0.382),
  };
}

function easeInOutCubic(t: number): number {
  return t < 0.5 ? 4 * t * t * t : (t - 1) * (2 * t - 2) * (2 * t - 2) + 1;
}

function freehandShaft(id: string, sw: number, from: Vec, to: Vec): string {
  const random = rng(id);
  return pathFromOutline(
    getStroke([from, to], {
      size: sw,
      thinning: 0.618 + random() * 0.2,
      easing: easeOutQuad,
      simulatePressure: true,
      streamline: 0,
      last: true,
    }),
  );
}

function curvedFreehandShaft(o: {
  id: string;
  sw: number;
  start: Vec;
  end: Vec;
  center: Vec;
  radius: number;
  length: number;
  hasStartHead: boolean;
  hasEndHead: boolean;
}): string {
  // tldraw picks the easing with the first number of a generator seeded like this one.
  const easing = rng(o.id)() > 0 ? easeInOutSine : easeInOutCubic;
  const random = rng(o.id);
  const from = o.hasStartHead ? rotWith(o.start, o.center, o.sw / o.length) : o.start;
  const to = o.hasEndHead ? rotWith(o.end, o.center, -(o.sw / o.length)) : o.end;
  const a0 = angle(o.center, from);
  const a1 = angle(o.center, to);
  // Capped: a huge arc would otherwise ask for millions of points.
  const count = Math.min(10_000, 8 + Math.floor((Math.abs(o.length) / 20) * 1 + random() / 2));
  const points: number[][] = [from];
  for (let i = 0; i < count; i++) {
    points.push(round2(nudgeAtAngle(o.center, lerpAngles(a0, a1, easing(i / count)), o.radius)));
  }
  points.push(to);
  return pathFromOutline(
    getStroke(points, {
      size: 1 + o.sw,
      thinning: 0.618 + random() * 0.2,
      easing: easeOutQuad,
      simulatePressure: false,
      streamline: 0,
      last: true,
    }),
  );
}
