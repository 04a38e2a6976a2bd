import {
  getStroke,
  getStrokeOutlinePoints,
  getStrokePoints,
  type StrokeOptions,
} from 'perfect-freehand';
import {
  add,
  bounds,
  dist,
  easeInOutSine,
  n,
  pathFromOutline,
  perfectDash,
  perimeterOfEllipse,
  pointsBetween,
  rng,
  rotateArray,
  sub,
  type Vec,
} from './tldrawV1Geom.js';
import type { ShapeReader, V1Base, V1Style } from './tldrawV1Input.js';
import { fillColor, strokeColor, strokeWidth } from './tldrawV1Style.js';

/**
 * Freehand, rectangle, ellipse and triangle as tldraw v1 draws them (@tldraw/tldraw 1.29
 * `state/shapes/{DrawUtil,RectangleUtil,EllipseUtil,TriangleUtil}`): the `draw` dash style is a
 * perfect-freehand outline seeded by the shape id, the other dashes plain SVG strokes with
 * tldraw's "perfect" dash arrays.
 */

/** A shape body in its own frame: `origin` is where that frame's (0, 0) sits on the page. */
/** Points per side of a hand-drawn rectangle (4× for an ellipse): 1000 is a side of 16,000 units. */
const MAX_SIDE_POINTS = 1000;

export interface Drawn {
  origin: Vec;
  size: Vec;
  body: string;
}

export function drawFreehand(base: V1Base, r: ShapeReader): Drawn | undefined {
  const points = r.points('points');
  if (!points) return undefined;
  const isComplete = r.bool(r.raw.isComplete, 'isComplete');
  const { style } = base;
  const b = bounds(points);
  const origin = add(base.point, [b.minX, b.minY]);
  const size: Vec = [b.maxX - b.minX, b.maxY - b.minY];
  const sw = strokeWidth(style.size);
  const stroke = strokeColor(style.color);
  if (size[0] <= sw / 2 && size[1] <= sw / 2) {
    // tldraw draws a dot for a tap; its circle sits at the frame's origin.
    return { origin, size, body: `<circle r="${n(1 + sw)}" fill="${stroke}" stroke="${stroke}"/>` };
  }
  const isSimulated = points[1]?.[2] === 0.5;
  const options: StrokeOptions = {
    size: 1 + sw * 1.5,
    thinning: 0.65,
    streamline: 0.65,
    smoothing: 0.65,
    easing: isSimulated ? (t) => Math.sin((t * Math.PI) / 2) : (t) => t * t,
    simulatePressure: isSimulated,
    last: isComplete,
  };
  const first = points[0];
  const last = points[points.length - 1];
  const shouldFill =
    style.isFilled && points.length > 3 && !!first && !!last && dist(v(first), v(last)) < sw * 2;
  if (points.length < 2) return { origin, size, body: '' };
  const strokePoints = getStrokePoints(points, options);
  const fillPath = shouldFill ? pathFromOutline(strokePoints.map((p) => p.point)) : '';
  const fill =
    shouldFill && fillPath
      ? `<path d="${fillPath}" fill="${fillColor(style.color)}" stroke="none"/>`
      : '';
  if (style.dash === 'draw') {
    const d = pathFromOutline(getStrokeOutlinePoints(strokePoints, options));
    if (!d) return { origin, size, body: fill };
    return {
      origin,
      size,
      body: `${fill}<path d="${d}" fill="${stroke}" stroke="${stroke}" stroke-width="${n(sw / 2)}" stroke-linejoin="round" stroke-linecap="round"/>`,
    };
  }
  // Solid, dashed, dotted: the smoothed centre line, stroked.
  const line = strokePoints.map((p) => p.point as number[]);
  const head = line[0];
  if (last && head && (head[0] !== last[0] || head[1] !== last[1]))
    line.push([last[0] ?? 0, last[1] ?? 0]);
  const d = pathFromOutline(line, false);
  if (!d) return { origin, size, body: fill };
  const dash =
    style.dash === 'dotted'
      ? ` stroke-dasharray="0.1 ${n(sw * 4)}" stroke-dashoffset="0"`
      : style.dash === 'dashed'
        ? ` stroke-dasharray="${n(sw * 4)} ${n(sw * 4)}" stroke-dashoffset="0"`
        : '';
  const solidFill = shouldFill
    ? `<path d="${d}" fill="${fillColor(style.color)}" stroke="none"/>`
    : '';
  return {
    origin,
    size,
    body: `${solidFill}<path d="${d}" fill="none" stroke="${stroke}" stroke-width="${n(1 + sw * 1.5)}"${dash} stroke-linejoin="round" stroke-linecap="round"/>`,
  };
}

export function drawRectangle(base: V1Base, r: ShapeReader): Drawn | undefined {
  const size = positiveSize(r.vec('size'));
  if (!size) return undefined;
  const { style } = base;
  const body =
    style.dash === 'draw'
      ? sketchyPolygon(style, rectanglePoints(base.id, style, size))
      : dashedRectangle(style, size);
  return { origin: base.point, size, body };
}

export function drawTriangle(base: V1Base, r: ShapeReader): Drawn | undefined {
  const size = positiveSize(r.vec('size'));
  if (!size) return undefined;
  const { style } = base;
  const [w, h] = size;
  const corners: Vec[] = [
    [w / 2, 0],
    [w, h],
    [0, h],
  ];
  if (style.dash === 'draw') {
    return {
      origin: base.point,
      size,
      body: sketchyPolygon(style, trianglePoints(base.id, style, corners)),
    };
  }
  const sw = strokeWidth(style.size);
  const stroke = strokeColor(style.color);
  const poly = corners.map((c) => `${n(c[0])},${n(c[1])}`).join(' ');
  const fill = style.isFilled ? `<polygon points="${poly}" fill="${fillColor(style.color)}"/>` : '';
  const lines = corners.map((start, i) => {
    const end = corners[(i + 1) % 3] ?? start;
    return line(start, end, perfectDash(dist(start, end), sw * 1.618, style.dash));
  });
  return {
    origin: base.point,
    size,
    body: `${fill}<g stroke="${stroke}" stroke-width="${n(1 + sw * 1.618)}" stroke-linecap="round">${lines.join('')}</g>`,
  };
}

export function drawEllipse(base: V1Base, r: ShapeReader): Drawn | undefined {
  const radius = r.vec('radius');
  if (!radius) return undefined;
  const rad: Vec = [Math.max(0, radius[0]), Math.max(0, radius[1])];
  const { style } = base;
  const size: Vec = [rad[0] * 2, rad[1] * 2];
  const sw = strokeWidth(style.size);
  const stroke = strokeColor(style.color);
  if (style.dash === 'draw') {
    const { strokePoints, options } = ellipseStroke(base.id, rad, sw);
    const outline = pathFromOutline(
      getStrokeOutlinePoints(strokePoints, { ...options, size: 2 + sw * 2 }),
    );
    const inner = pathFromOutline(
      strokePoints.map((p) => p.point),
      false,
    );
    const fill =
      style.isFilled && inner
        ? `<path d="${inner}" fill="${fillColor(style.color)}" stroke="none"/>`
        : '';
    const body = outline
      ? `${fill}<path d="${outline}" fill="${stroke}" stroke="${stroke}" stroke-width="${n(sw)}" stroke-linecap="round" stroke-linejoin="round"/>`
      : fill;
    return { origin: base.point, size, body };
  }
  const sw2 = 1 + sw * 1.618;
  const rx = Math.max(0, rad[0] - sw2 / 2);
  const ry = Math.max(0, rad[1] - sw2 / 2);
  const perimeter = perimeterOfEllipse(rx, ry);
  const dash = perfectDash(perimeter < 64 ? perimeter * 2 : perimeter, sw * 1.618, style.dash, {
    snap: 4,
  });
  const fill = style.isFilled ? fillColor(style.color) : 'none';
  return {
    origin: base.point,
    size,
    body: `<ellipse cx="${n(rad[0])}" cy="${n(rad[1])}" rx="${n(rx)}" ry="${n(ry)}" fill="${fill}" stroke="${stroke}" stroke-width="${n(sw2)}"${dashAttrs(dash)} stroke-linecap="round" stroke-linejoin="round"/>`,
  };
}

export function dashAttrs(dash: { dasharray: string; dashoffset: string } | undefined): string {
  return dash ? ` stroke-dasharray="${dash.dasharray}" stroke-dashoffset="${dash.dashoffset}"` : '';
}

function line(a: Vec, b: Vec, dash: { dasharray: string; dashoffset: string } | undefined): string {
  return `<line x1="${n(a[0])}" y1="${n(a[1])}" x2="${n(b[0])}" y2="${n(b[1])}"${dashAttrs(dash)}/>`;
}

function positiveSize(size: Vec | undefined): Vec | undefined {
  return size ? [Math.max(0, size[0]), Math.max(0, size[1])] : undefined;
}

function v(p: number[]): Vec {
  return [p[0] ?? 0, p[1] ?? 0];
}

function dashedRectangle(style: V1Style, size: Vec): string {
  const sw = strokeWidth(style.size);
  const sw2 = 1 + sw * 1.618;
  const w = Math.max(0, size[0] - sw2 / 2);
  const h = Math.max(0, size[1] - sw2 / 2);
  const o = sw2 / 2;
  const sides: [Vec, Vec, number][] = [
    [[o, o], [w, o], w - o],
    [[w, o], [w, h], h - o],
    [[w, h], [o, h], w - o],
    [[o, h], [o, o], h - o],
  ];
  const lines = sides.map(([a, b, len]) => line(a, b, perfectDash(len, sw * 1.618, style.dash)));
  const fill = style.isFilled
    ? `<rect x="${n(o)}" y="${n(o)}" width="${n(w)}" height="${n(h)}" fill="${fillColor(style.color)}"/>`
    : '';
  return `${fill}<g stroke="${strokeColor(style.color)}" stroke-width="${n(sw2)}" stroke-linecap="round">${lines.join('')}</g>`;
}

/** The hand-drawn outline shared by rectangles and triangles, with its fill. */
function sketchyPolygon(style: V1Style, points: number[][]): string {
  const sw = strokeWidth(style.size);
  const options: StrokeOptions = {
    size: sw,
    thinning: 0.65,
    streamline: 0.3,
    smoothing: 1,
    simulatePressure: false,
    last: true,
  };
  const outline = pathFromOutline(getStroke(points, options));
  const inner = pathFromOutline(
    getStrokePoints(points, options).map((p) => p.point),
    false,
  );
  const stroke = strokeColor(style.color);
  const fill =
    style.isFilled && inner ? `<path d="${inner}" fill="${fillColor(style.color)}"/>` : '';
  if (!outline) return fill;
  return `${fill}<path d="${outline}" fill="${stroke}" stroke="${stroke}" stroke-width="${n(sw)}"/>`;
}

/** Corners jittered by the id's generator, sides inset by a corner radius, one side repeated. */
function rectanglePoints(id: string, style: V1Style, size: Vec): number[][] {
  const random = rng(id);
  const sw = strokeWidth(style.size);
  const [w, h] = size;
  // Drawn in this order: the generator's sequence must match tldraw's.
  const jitter = (): Vec => [random() * sw * 0.75, random() * sw * 0.75];
  const tl = add([sw / 2, sw / 2], jitter());
  const tr = add([w - sw / 2, sw / 2], jitter());
  const br = add([w - sw / 2, h - sw / 2], jitter());
  const bl = add([sw / 2, h - sw / 2], jitter());
  const startSide = Math.round(Math.abs(random() * 2 * 4));
  const rx = Math.min(w / 4, sw * 2);
  const ry = Math.min(h / 4, sw * 2);
  // Capped (tldraw has no cap): only sides far longer than the page reach it, and uncapped a
  // hostile size would ask for hundreds of thousands of points.
  const px = Math.min(MAX_SIDE_POINTS, Math.max(8, Math.floor(w / 16)));
  const py = Math.min(MAX_SIDE_POINTS, Math.max(8, Math.floor(h / 16)));
  const lines = rotateArray(
    [
      pointsBetween(add(tl, [rx, 0]), sub(tr, [rx, 0]), px),
      pointsBetween(add(tr, [0, ry]), sub(br, [0, ry]), py),
      pointsBetween(sub(br, [rx, 0]), add(bl, [rx, 0]), px),
      pointsBetween(sub(bl, [0, ry]), add(tl, [0, ry]), py),
    ],
    startSide,
  );
  return [...lines.flat(), ...(lines[0] ?? [])].slice(
    5,
    Math.floor((startSide % 2 === 0 ? px : py) / -2) + 3,
  );
}

function trianglePoints(id: string, style: V1Style, corners: Vec[]): number[][] {
  const random = rng(id);
  const sw = strokeWidth(style.size);
  const jittered = corners.map((c) => add(c, [random() * sw * 0.75, random() * sw * 0.75]));
  const startSide = Math.round(Math.abs(random() * 2 * 3));
  const lines = rotateArray(
    jittered.map((c, i) => pointsBetween(c, jittered[(i + 1) % 3] ?? c, 32)),
    startSide,
  );
  return [...lines.flat(), ...(lines[0] ?? [])];
}

function ellipseStroke(id: string, radius: Vec, sw: number) {
  const random = rng(id);
  const rx = radius[0] + random() * sw * 2;
  const ry = radius[1] + random() * sw * 2;
  const perimeter = perimeterOfEllipse(rx, ry);
  const start = Math.PI + Math.PI * random();
  const extra = Math.abs(random());
  const count = Math.min(MAX_SIDE_POINTS * 4, Math.max(16, perimeter / 10)); // capped as above
  const points: number[][] = [];
  for (let i = 0; i < count; i++) {
    const t = easeInOutSine(i / (count + 1));
    const rads = start * 2 + Math.PI * (2 + extra) * t;
    points.push([
      rx * Math.cos(rads) + radius[0],
      ry * Math.sin(rads) + radius[1],
      t + 0.5 + random() / 2,
    ]);
  }
  const options: StrokeOptions = {
    size: 1 + sw * 2,
    thinning: 0.618,
    end: { taper: perimeter / 8 },
    start: { taper: perimeter / 12 },
    streamline: 0,
    simulatePressure: true,
  };
  return { strokePoints: getStrokePoints(points, options), options };
}
