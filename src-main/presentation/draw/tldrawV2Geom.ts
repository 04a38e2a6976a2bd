import { getStroke, type StrokeOptions } from 'perfect-freehand';
import { at, n, type Vec, type Vec3 } from './tldrawV2Input.js';
import type { V2Dash } from './tldrawV2Style.js';

/** Small geometry helpers for the tldraw v2 drawer. */

/**
 * A seeded generator in [-1, 1) (xorshift128, seeded from the shape id) so a shape's hand-drawn
 * wobble is the same in every frame, as tldraw seeds its own from the id.
 */
export function seeded(seed: string): () => number {
  let x = 0x9e3779b9;
  let y = 0x243f6a88;
  let z = 0xb7e15162;
  let w = 0x85a308d3;
  const next = (): number => {
    const t = x ^ (x << 11);
    x = y;
    y = z;
    z = w;
    w = (w ^ (w >>> 19) ^ t ^ (t >>> 8)) | 0;
    return w / 0x80000000;
  };
  for (let i = 0; i < seed.length + 32; i++) {
    x ^= seed.charCodeAt(i % Math.max(1, seed.length)) | 0;
    next();
  }
  return next;
}

/** "M x y L …" through points, optionally closed. */
export function polyline(points: readonly Vec[], isClosed = false): string {
  const [first, ...rest] = points;
  if (!first) return '';
  return (
    `M${n(first[0])} ${n(first[1])}` +
    rest.map((p) => `L${n(p[0])} ${n(p[1])}`).join('') +
    (isClosed ? 'Z' : '')
  );
}

/** A smooth path through points (quadratic curves between midpoints), as tldraw's centrelines. */
export function smoothPath(points: readonly (Vec | Vec3)[], isClosed = false): string {
  if (points.length < 3)
    return polyline(
      points.map((p) => [p[0], p[1]] as Vec),
      isClosed,
    );
  const mid = (a: Vec | Vec3, b: Vec | Vec3): Vec => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const first = at(points, 0);
  let d = isClosed
    ? `M${n(mid(at(points, points.length - 1), first)[0])} ${n(mid(at(points, points.length - 1), first)[1])}`
    : `M${n(first[0])} ${n(first[1])}`;
  const last = isClosed ? points.length : points.length - 1;
  for (let i = isClosed ? 0 : 1; i < last; i++) {
    const p = at(points, i);
    const m = mid(p, at(points, (i + 1) % points.length));
    d += `Q${n(p[0])} ${n(p[1])} ${n(m[0])} ${n(m[1])}`;
  }
  if (!isClosed)
    d += `L${n(at(points, points.length - 1)[0])} ${n(at(points, points.length - 1)[1])}`;
  return d + (isClosed ? 'Z' : '');
}

/** A perfect-freehand outline (filled polygon) as a path. */
export function freehandOutline(points: readonly Vec3[], options: StrokeOptions): string {
  const outline = getStroke(
    points.map((p) => [...p]),
    options,
  );
  if (outline.length < 3) return '';
  return smoothPath(
    outline.map((p) => [at(p, 0), at(p, 1)] as Vec),
    true,
  );
}

export const easeOutSine = (t: number): number => Math.sin((t * Math.PI) / 2);
export const easeInOutSine = (t: number): number => -(Math.cos(Math.PI * t) - 1) / 2;
export const easeInExpo = (t: number): number => (t <= 0 ? 0 : 2 ** (10 * t - 10));

/**
 * Dash pattern fitted to a length so dashes start and end on the ends or corners, as tldraw's
 * getPerfectDashProps does (dashed: dashes 2× the stroke width; dotted: round dots).
 */
export function perfectDash(
  length: number,
  strokeWidth: number,
  dash: V2Dash,
  isClosed = false,
): { dasharray: string; offset: string } | undefined {
  if (dash !== 'dashed' && dash !== 'dotted') return undefined;
  const ratio = dash === 'dotted' ? 100 : 1;
  let dashLength = dash === 'dotted' ? strokeWidth / ratio : Math.min(strokeWidth * 2, length / 4);
  let total = length;
  let offset = 0;
  if (!isClosed) {
    total += dashLength;
    offset += dashLength / 2;
  }
  let count = Math.floor(total / dashLength / (2 * ratio));
  let gap: number;
  if (count < 3 && dash === 'dashed') {
    if (total / strokeWidth < 5) {
      dashLength = total;
      gap = 0;
    } else {
      dashLength = total * 0.333;
      gap = total * 0.333;
    }
  } else {
    count = Math.max(count, 3);
    dashLength = total / count / (2 * ratio);
    if (isClosed) {
      offset = dashLength / 2;
      gap = (total - count * dashLength) / count;
    } else {
      gap = (total - count * dashLength) / Math.max(1, count - 1);
    }
  }
  if (!(dashLength >= 0) || !(gap >= 0)) return undefined;
  return { dasharray: `${n(dashLength)} ${n(gap)}`, offset: n(offset) };
}

export function dist(a: Vec, b: Vec): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

/** Perimeter of an ellipse (Ramanujan). */
export function ellipsePerimeter(rx: number, ry: number): number {
  const h = ((rx - ry) / (rx + ry)) ** 2;
  return Math.PI * (rx + ry) * (1 + (3 * h) / (10 + Math.sqrt(4 - 3 * h)));
}

/** Centre and radius of the circle through three points, undefined when they are aligned. */
export function circleThrough(a: Vec, b: Vec, c: Vec): { c: Vec; r: number } | undefined {
  const d = 2 * (a[0] * (b[1] - c[1]) + b[0] * (c[1] - a[1]) + c[0] * (a[1] - b[1]));
  if (Math.abs(d) < 1e-9) return undefined;
  const a2 = a[0] ** 2 + a[1] ** 2;
  const b2 = b[0] ** 2 + b[1] ** 2;
  const c2 = c[0] ** 2 + c[1] ** 2;
  const x = (a2 * (b[1] - c[1]) + b2 * (c[1] - a[1]) + c2 * (a[1] - b[1])) / d;
  const y = (a2 * (c[0] - b[0]) + b2 * (a[0] - c[0]) + c2 * (b[0] - a[0])) / d;
  const r = Math.hypot(a[0] - x, a[1] - y);
  return Number.isFinite(r) && r < 1e7 ? { c: [x, y], r } : undefined;
}

/** Stroke attributes for a dash style on a path of known length. */
export function strokeAttrs(
  color: string,
  width: number,
  dash: V2Dash,
  length: number,
  isClosed = false,
): string {
  const d = perfectDash(length, width, dash, isClosed);
  const dashAttrs = d ? ` stroke-dasharray="${d.dasharray}" stroke-dashoffset="${d.offset}"` : '';
  return `stroke="${color}" stroke-width="${n(width)}" stroke-linecap="round" stroke-linejoin="round"${dashAttrs}`;
}
