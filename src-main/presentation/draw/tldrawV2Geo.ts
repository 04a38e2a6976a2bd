import type { DrawContext } from './context.js';
import {
  easeInExpo,
  easeInOutSine,
  ellipsePerimeter,
  freehandOutline,
  polyline,
  seeded,
  strokeAttrs,
  dist,
} from './tldrawV2Geom.js';
import { at, n, safeId, V2Reader, type Vec, type Vec3 } from './tldrawV2Input.js';
import {
  LABEL_FONT_SIZES,
  STROKE_SIZES,
  THEME,
  V2_COLORS,
  V2_DASHES,
  V2_FILLS,
  V2_FONTS,
  V2_SIZES,
  type V2ColorName,
  type V2Dash,
  type V2Fill,
} from './tldrawV2Style.js';
import { GEOS, linesOf, outlineOf, type Geo } from './tldrawV2Outlines.js';
import { labelSvg } from './tldrawV2Text.js';

/**
 * tldraw v2 "geo" shapes (bigbluebutton/tldraw packages/tldraw/src/lib/shapes/geo/): an outline
 * (polygon, ellipse, oval or cloud) in one of four dash styles, an optional fill and a label.
 * "draw" dash is hand-drawn: polygons get two slightly jittered passes with rounded corners, the
 * ellipse a tapered freehand loop that overlaps itself — both seeded from the shape id.
 */

export function geoSvg(
  shape: Record<string, unknown>,
  id: string,
  r: V2Reader,
  ctx: DrawContext,
): string {
  const p = V2Reader.record(shape.props) ?? {};
  const geo =
    typeof p.geo === 'string' && (GEOS as readonly string[]).includes(p.geo)
      ? (p.geo as Geo)
      : undefined;
  if (!geo) {
    ctx.warn(
      `tldraw.json: shape ${id} has an unknown geo kind; drawn as a rectangle.`,
      `tldraw.json : la forme ${id} a un type géométrique inconnu ; dessinée comme un rectangle.`,
    );
  }
  const kind = geo ?? 'rectangle';
  const w = Math.max(1, r.num(p.w, 'props.w', 100, [0, 1e6]));
  const h = Math.max(
    1,
    r.num(p.h, 'props.h', 100, [0, 1e6]) + r.num(p.growY, 'props.growY', 0, [0, 1e6]),
  );
  const color = r.key(p.color, V2_COLORS, 'props.color', 'black');
  const fill = r.oneOf(p.fill, V2_FILLS, 'props.fill', 'none');
  const dash = r.oneOf(p.dash, V2_DASHES, 'props.dash', 'draw');
  const size = r.oneOf(p.size, V2_SIZES, 'props.size', 'm');
  const sw = STROKE_SIZES[size];
  const stroke = V2_COLORS[color].solid;
  const fillDefs = { id: safeId(id), color };

  let body: string;
  if (kind === 'ellipse') body = ellipseBody(id, w, h, sw, dash, stroke, fill, fillDefs);
  else if (kind === 'oval') body = ovalBody(w, h, sw, dash, stroke, fill, fillDefs);
  else if (kind === 'cloud') body = cloudBody(id, w, h, sw, dash, stroke, fill, fillDefs);
  else
    body = polygonBody(
      id,
      outlineOf(kind, w, h),
      linesOf(kind, w, h, sw, dash),
      sw,
      dash,
      stroke,
      fill,
      fillDefs,
    );

  const label = labelSvg({
    text: r.text(p.text, 'props.text'),
    family: V2_FONTS[r.key(p.font, V2_FONTS, 'props.font', 'draw')],
    fontSize: LABEL_FONT_SIZES[size],
    color: V2_COLORS[r.key(p.labelColor, V2_COLORS, 'props.labelColor', 'black')].solid,
    align: r.align(p.align, 'props.align', 'middle'),
    verticalAlign: r.align(p.verticalAlign, 'props.verticalAlign', 'middle'),
    box: { x: 0, y: 0, w, h },
    hasOutline: true,
  });
  return body + label;
}

interface FillDefs {
  id: string;
  color: V2ColorName;
}

/** The fill under an outline: "solid" is the pale tint, "semi" near-white, "pattern" hatched. */
export function fillSvg(d: string, fill: V2Fill, defs: FillDefs): string {
  if (fill === 'none' || d === '') return '';
  if (fill === 'solid') return `<path d="${d}" fill="${V2_COLORS[defs.color].semi}"/>`;
  if (fill === 'semi') return `<path d="${d}" fill="${THEME.solid}"/>`;
  // Pattern: the colour's pattern tint crossed by light diagonal hatching (8-unit tile), as
  // tldraw's hash_pattern; drawn as light tile + coloured strokes, which looks the same.
  const pid = `tl2p-${defs.id}`;
  const t = 8 / 12;
  const lines = [1, 5, 9]
    .map(
      (k) =>
        `<line x1="${n(t * k)}" y1="${n(t * (k + 2))}" x2="${n(t * (k + 2))}" y2="${n(t * k)}"/>`,
    )
    .join('');
  return (
    `<defs><pattern id="${pid}" width="8" height="8" patternUnits="userSpaceOnUse">` +
    `<rect width="8" height="8" fill="${V2_COLORS[defs.color].pattern}"/>` +
    `<g stroke="#f8f9fa" stroke-width="1.25" stroke-linecap="round">${lines}</g></pattern></defs>` +
    `<path d="${d}" fill="url(#${pid})"/>`
  );
}

function ellipsePath(w: number, h: number): string {
  const rx = w / 2;
  const ry = h / 2;
  return `M0 ${n(ry)}A${n(rx)} ${n(ry)} 0 1 0 ${n(w)} ${n(ry)}A${n(rx)} ${n(ry)} 0 1 0 0 ${n(ry)}Z`;
}

function ellipseBody(
  id: string,
  w: number,
  h: number,
  sw: number,
  dash: V2Dash,
  stroke: string,
  fill: V2Fill,
  defs: FillDefs,
): string {
  const d = ellipsePath(w, h);
  const filled = fillSvg(d, fill, defs);
  if (dash !== 'draw') {
    return `${filled}<path d="${d}" fill="none" ${strokeAttrs(stroke, sw, dash, ellipsePerimeter(w / 2, h / 2), true)}/>`;
  }
  // A freehand loop a little longer than one turn, pressure varying along it (DrawStyleEllipse).
  const random = seeded(id);
  const rx = w / 2;
  const ry = h / 2;
  const count = Math.min(2000, Math.max(16, ellipsePerimeter(rx, ry) / 10));
  const start = Math.PI * 2 * random();
  const length = Math.PI * 2 + Math.PI / 4 + Math.abs(random()) * (Math.PI / 2);
  const points: Vec3[] = [];
  for (let i = 0; i < count; i++) {
    const t = i / (count - 1);
    const a = start + t * length;
    const ease = random() > 0 ? easeInOutSine(t) : easeInExpo(t);
    points.push([
      rx * Math.cos(a) + rx,
      ry * Math.sin(a) + ry,
      Math.min(1, 0.5 + Math.abs(0.5 - ease) / 2),
    ]);
  }
  // tldraw asks for size 1 + sw, but the player's loop measures about sw wide (v30 frame t5.0:
  // 2.2 px at zoom 0.654 for size m); the smaller size reproduces what is seen.
  const outline = freehandOutline(points, {
    size: 1 + sw * 0.7,
    thinning: 0.25,
    start: { taper: sw },
    end: { taper: sw },
    streamline: 0,
    smoothing: 1,
    simulatePressure: false,
  });
  return `${filled}<path d="${outline}" fill="${stroke}"/>`;
}

function ovalBody(
  w: number,
  h: number,
  sw: number,
  dash: V2Dash,
  stroke: string,
  fill: V2Fill,
  defs: FillDefs,
): string {
  const rad = Math.min(w, h) / 2;
  const d =
    w >= h
      ? `M${n(rad)} 0H${n(w - rad)}A${n(rad)} ${n(rad)} 0 0 1 ${n(w - rad)} ${n(h)}H${n(rad)}A${n(rad)} ${n(rad)} 0 0 1 ${n(rad)} 0Z`
      : `M0 ${n(rad)}A${n(rad)} ${n(rad)} 0 0 1 ${n(w)} ${n(rad)}V${n(h - rad)}A${n(rad)} ${n(rad)} 0 0 1 0 ${n(h - rad)}Z`;
  const perimeter = 2 * Math.PI * rad + 2 * Math.abs(w - h);
  return `${fillSvg(d, fill, defs)}<path d="${d}" fill="none" ${strokeAttrs(stroke, sw, dash, perimeter, true)}/>`;
}

/** Bumps along the ellipse: tldraw's cloud is random arcs; this keeps its size and feel. */
function cloudBody(
  id: string,
  w: number,
  h: number,
  sw: number,
  dash: V2Dash,
  stroke: string,
  fill: V2Fill,
  defs: FillDefs,
): string {
  const random = seeded(id);
  const rx = w / 2;
  const ry = h / 2;
  const bumps = Math.max(6, Math.min(40, Math.round(ellipsePerimeter(rx, ry) / 60)));
  const pts: Vec[] = [];
  const start = random() * Math.PI;
  for (let i = 0; i < bumps; i++) {
    const a = start + (i / bumps) * Math.PI * 2 + (random() * Math.PI) / bumps / 3;
    pts.push([rx + rx * 0.88 * Math.cos(a), ry + ry * 0.88 * Math.sin(a)]);
  }
  let d = `M${n(at(pts, 0)[0])} ${n(at(pts, 0)[1])}`;
  for (let i = 0; i < bumps; i++) {
    const a = at(pts, i);
    const b = at(pts, (i + 1) % bumps);
    const radius = dist(a, b) / 2 + 1;
    d += `A${n(radius)} ${n(radius)} 0 0 1 ${n(b[0])} ${n(b[1])}`;
  }
  d += 'Z';
  const perimeter = (Math.PI / 2) * ellipsePerimeter(rx, ry);
  return `${fillSvg(d, fill, defs)}<path d="${d}" fill="none" ${strokeAttrs(stroke, sw, dash === 'draw' ? 'solid' : dash, perimeter, true)}/>`;
}

/** Corners rounded by quadratic curves, each vertex optionally jittered (getRoundedPolygonPoints). */
function roundedPolygon(
  outline: Vec[],
  random: () => number,
  jitter: number,
  roundness: number,
  passes: number,
): string {
  const len = outline.length;
  let p0 = at(outline, 0);
  let d = '';
  for (let i = 0; i < len * passes; i++) {
    const base = at(outline, (i + 1) % len);
    const p1: Vec = [base[0] + random() * jitter, base[1] + random() * jitter];
    const l = dist(p0, p1) || 1;
    const k = Math.min(l / 4, roundness) / l;
    const a: Vec = [p0[0] + (p1[0] - p0[0]) * k, p0[1] + (p1[1] - p0[1]) * k];
    const b: Vec = [p1[0] - (p1[0] - p0[0]) * k, p1[1] - (p1[1] - p0[1]) * k];
    d += `${i === 0 ? 'M' : ''}${n(a[0])} ${n(a[1])}L${n(b[0])} ${n(b[1])}Q${n(p1[0])} ${n(p1[1])} `;
    p0 = p1;
  }
  return d.trimEnd() + ` ${d.slice(1, d.indexOf('L'))}`;
}

function polygonBody(
  id: string,
  outline: Vec[],
  lines: Vec[][],
  sw: number,
  dash: V2Dash,
  stroke: string,
  fill: V2Fill,
  defs: FillDefs,
): string {
  if (dash === 'draw') {
    const strokeD =
      roundedPolygon(outline, seeded(id), sw / 3, sw * 2, 2) +
      lines.map((l) => polyline(l)).join('');
    const innerD = roundedPolygon(outline, seeded(id), 0, sw * 2, 1);
    return `${fillSvg(innerD, fill, defs)}<path d="${strokeD}" fill="none" ${strokeAttrs(stroke, sw, 'solid', 0)}/>`;
  }
  const closed = polyline(outline, true);
  if (dash === 'solid') {
    return `${fillSvg(closed, fill, defs)}<path d="${closed + lines.map((l) => polyline(l)).join('')}" fill="none" ${strokeAttrs(stroke, sw, 'solid', 0)}/>`;
  }
  // Dashed and dotted polygons: each side gets its own fitted dash pattern (DashStylePolygon).
  const sides = outline.map((a, i) => [a, at(outline, (i + 1) % outline.length)]).concat(lines);
  const strokes = sides
    .map((seg) => {
      const length = seg.slice(1).reduce((sum, q, i) => sum + dist(at(seg, i), q), 0);
      return `<path d="${polyline(seg)}" fill="none" ${strokeAttrs(stroke, sw, dash, length)}/>`;
    })
    .join('');
  return fillSvg(closed, fill, defs) + strokes;
}
