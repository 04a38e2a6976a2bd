/**
 * Small geometry helpers with the behaviour of tldraw v1's `@tldraw/core` Utils and
 * `@tldraw/vec` (1.23 / 1.9, the versions bbb-playback 5.1.3 ships), so the hand-drawn shapes
 * come out with the same wobble as in the player.
 */

export type Vec = [number, number];

export const add = (a: Vec, b: Vec): Vec => [a[0] + b[0], a[1] + b[1]];
export const sub = (a: Vec, b: Vec): Vec => [a[0] - b[0], a[1] - b[1]];
export const mul = (a: Vec, k: number): Vec => [a[0] * k, a[1] * k];
export const dist = (a: Vec, b: Vec): number => Math.hypot(a[1] - b[1], a[0] - b[0]);
export const med = (a: Vec, b: Vec): Vec => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
export const angle = (a: Vec, b: Vec): number => Math.atan2(b[1] - a[1], b[0] - a[0]);
export const lerp = (a: Vec, b: Vec, t: number): Vec => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
];
export const round2 = (a: Vec): Vec => [Math.round(a[0] * 100) / 100, Math.round(a[1] * 100) / 100];

export function unit(a: Vec): Vec {
  const len = Math.hypot(a[0], a[1]);
  return len === 0 ? [0, 0] : [a[0] / len, a[1] / len];
}

/** Moves a towards b by d (a itself when they coincide). */
export function nudge(a: Vec, b: Vec, d: number): Vec {
  if (a[0] === b[0] && a[1] === b[1]) return a;
  return add(a, mul(unit(sub(b, a)), d));
}

export function nudgeAtAngle(a: Vec, rad: number, d: number): Vec {
  return [Math.cos(rad) * d + a[0], Math.sin(rad) * d + a[1]];
}

/** Rotates a around c by r radians. */
export function rotWith(a: Vec, c: Vec, r: number): Vec {
  if (r === 0) return a;
  const s = Math.sin(r);
  const k = Math.cos(r);
  const px = a[0] - c[0];
  const py = a[1] - c[1];
  return [px * k - py * s + c[0], px * s + py * k + c[1]];
}

/** `steps` points from a to b, each with a pressure that dips to 0.5 in the middle. */
export function pointsBetween(a: Vec, b: Vec, steps: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < steps; i++) {
    const t = i / (steps - 1);
    out.push([...lerp(a, b, t), Math.min(1, 0.5 + Math.abs(0.5 - t))]);
  }
  return out;
}

export function rotateArray<T>(arr: readonly T[], offset: number): T[] {
  return arr.map((item, i) => arr[(i + offset) % arr.length] ?? item);
}

/**
 * tldraw's seeded generator (xorshift, seeded from the shape id): the same id gives the same
 * "random" corner offsets as in the player. Values are in (−1, 1): the 32-bit state is signed.
 */
export function rng(seed: string): () => number {
  let x = 0;
  let y = 0;
  let z = 0;
  let w = 0;
  const next = (): number => {
    const t = x ^ (x << 11);
    x = y;
    y = z;
    z = w;
    w ^= ((w >>> 19) ^ t ^ (t >>> 8)) >>> 0;
    return w / 0x100000000;
  };
  for (let k = 0; k < seed.length + 64; k++) {
    x ^= k < seed.length ? seed.charCodeAt(k) : 0;
    next();
  }
  return next;
}

export function easeInOutSine(t: number): number {
  return -(Math.cos(Math.PI * t) - 1) / 2;
}

export function easeOutQuad(t: number): number {
  return t * (2 - t);
}

export function shortAngleDist(a0: number, a1: number): number {
  const max = Math.PI * 2;
  const da = (a1 - a0) % max;
  return ((2 * da) % max) - da;
}

export function lerpAngles(a0: number, a1: number, t: number): number {
  return a0 + shortAngleDist(a0, a1) * t;
}

export function perimeterOfEllipse(rx: number, ry: number): number {
  const h = (rx - ry) ** 2 / (rx + ry) ** 2;
  return Math.PI * (rx + ry) * (1 + (3 * h) / (10 + Math.sqrt(4 - 3 * h)));
}

/** [cx, cy, r] of the circle through three points (NaN when they are collinear). */
export function circleFromThreePoints(a: Vec, b: Vec, c: Vec): [number, number, number] {
  const [x1, y1] = a;
  const [x2, y2] = b;
  const [x3, y3] = c;
  const d = x1 * (y2 - y3) - y1 * (x2 - x3) + x2 * y3 - x3 * y2;
  const s1 = x1 * x1 + y1 * y1;
  const s2 = x2 * x2 + y2 * y2;
  const s3 = x3 * x3 + y3 * y3;
  const bx = s1 * (y3 - y2) + s2 * (y1 - y3) + s3 * (y2 - y1);
  const cy = s1 * (x2 - x3) + s2 * (x3 - x1) + s3 * (x1 - x2);
  const x = -bx / (2 * d);
  const yy = -cy / (2 * d);
  return [x, yy, Math.hypot(x - x1, yy - y1)];
}

export function bounds(points: readonly (readonly number[])[]): {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
} {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    const px = p[0] ?? 0;
    const py = p[1] ?? 0;
    if (px < minX) minX = px;
    if (py < minY) minY = py;
    if (px > maxX) maxX = px;
    if (py > maxY) maxY = py;
  }
  if (minX === Infinity) return { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  return { minX, minY, maxX, maxY };
}

/** A number for an SVG attribute: finite, at most 2 decimals, no exponent. */
export function n(v: number): string {
  if (!Number.isFinite(v)) return '0';
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/**
 * Quadratic-spline path through an outline (perfect-freehand's polygon), closed: tldraw's
 * `getSvgPathFromStroke`. Fewer than 4 points draw nothing.
 */
export function pathFromOutline(points: readonly (readonly number[])[], isClosed = true): string {
  if (points.length < 4) return '';
  const p = (i: number): Vec => [points[i]?.[0] ?? 0, points[i]?.[1] ?? 0];
  const [a, b, c] = [p(0), p(1), p(2)];
  const parts = [
    `M${n(a[0])},${n(a[1])} Q${n(b[0])},${n(b[1])} ${n((b[0] + c[0]) / 2)},${n((b[1] + c[1]) / 2)} T`,
  ];
  for (let i = 2; i < points.length - 1; i++) {
    const m = med(p(i), p(i + 1));
    parts.push(`${n(m[0])},${n(m[1])} `);
  }
  return parts.join('') + (isClosed ? 'Z' : '');
}

/**
 * tldraw's `getPerfectDashProps`: a dash pattern that divides the length into whole dashes.
 * `none` for solid and draw strokes.
 */
export function perfectDash(
  length: number,
  width: number,
  dash: string,
  options: { snap?: number; isOutset?: boolean } = {},
): { dasharray: string; dashoffset: string } | undefined {
  const { snap = 1, isOutset = true } = options;
  let dashLength: number;
  let ratio: number;
  let offset: number;
  if (dash === 'dashed') {
    dashLength = width * 2;
    ratio = 1;
    offset = isOutset ? dashLength / 2 : 0;
  } else if (dash === 'dotted') {
    dashLength = width / 100;
    ratio = 100;
    offset = 0;
  } else {
    return undefined;
  }
  let dashes = Math.floor(length / dashLength / (2 * ratio));
  dashes -= dashes % snap;
  dashes = Math.max(dashes, 4);
  const gap = Math.max(
    dashLength,
    (length - dashes * dashLength) / (isOutset ? dashes : dashes - 1),
  );
  return { dasharray: `${n4(dashLength)} ${n4(gap)}`, dashoffset: n4(offset) };
}

/** Dash numbers keep 4 decimals: a dotted dash is 0.0x long. */
function n4(v: number): string {
  return Number.isFinite(v) ? String(Math.round(v * 1e4) / 1e4) : '0';
}
