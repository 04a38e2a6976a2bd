import {
  easeOutSine,
  freehandOutline,
  polyline,
  seeded,
  smoothPath,
  strokeAttrs,
} from './tldrawV2Geom.js';
import { at, n, safeId, V2Reader, MAX_POINTS, type Vec, type Vec3 } from './tldrawV2Input.js';
import {
  FONT_SIZES,
  STROKE_SIZES,
  V2_COLORS,
  V2_DASHES,
  V2_FILLS,
  V2_SIZES,
} from './tldrawV2Style.js';
import { fillSvg } from './tldrawV2Geo.js';

/**
 * Freehand shapes of tldraw v2 (bigbluebutton/tldraw packages/tldraw/src/lib/shapes/draw,
 * highlight, line). "draw" dash is a perfect-freehand outline with simulated pressure (getPath.ts
 * simulatePressureSettings); other dashes are a smoothed centreline stroked at the size's width.
 * The highlighter is a centreline stroked 1.12 × the size's font size in the colour's highlight
 * tint at 35 % opacity (OVERLAY_OPACITY; the player frame measures 0.35).
 */

export function drawSvg(shape: Record<string, unknown>, id: string, r: V2Reader): string {
  const p = V2Reader.record(shape.props) ?? {};
  const points = r.segments(p.segments, 'props.segments');
  if (points.length === 0) return '';
  const color = r.key(p.color, V2_COLORS, 'props.color', 'black');
  const fill = r.oneOf(p.fill, V2_FILLS, 'props.fill', 'none');
  const dash = r.oneOf(p.dash, V2_DASHES, 'props.dash', 'draw');
  const size = r.oneOf(p.size, V2_SIZES, 'props.size', 'm');
  const isPen = r.bool(p.isPen, false);
  const isClosed = r.bool(p.isClosed, false);
  const isComplete = r.bool(p.isComplete, true);
  const solid = V2_COLORS[color].solid;
  let sw = STROKE_SIZES[size];
  if (!isPen && dash === 'draw' && points.length === 1) sw += seeded(id)() * (sw / 6);
  const fillPart =
    isClosed && points.length > 2
      ? fillSvg(smoothPath(points, true), fill, { id: safeId(id), color })
      : '';
  if (dash === 'draw' || points.length < 2) {
    const options = isPen
      ? {
          size: 1 + sw * 1.2,
          thinning: 0.62,
          streamline: 0.62,
          smoothing: 0.62,
          simulatePressure: false,
          easing: (t: number) => t * 0.65 + Math.sin((t * Math.PI) / 2) * 0.35,
        }
      : {
          size: 1 + sw,
          thinning: 0.5,
          streamline: 0.62 + ((1 + sw) / 8) * 0.06,
          smoothing: 0.62,
          easing: easeOutSine,
          simulatePressure: true,
        };
    const d = freehandOutline(points, { ...options, last: isComplete });
    return d ? `${fillPart}<path d="${d}" fill="${solid}"/>` : '';
  }
  const d = smoothPath(points, isClosed);
  // getDrawShapeStrokeDashArray: fixed dashes, not fitted to the length.
  const dashArray =
    dash === 'dotted'
      ? ` stroke-dasharray="0.1 ${n(sw * 2)}"`
      : dash === 'dashed'
        ? ` stroke-dasharray="${n(sw * 2)} ${n(sw * 2)}"`
        : '';
  return `${fillPart}<path d="${d}" fill="none" ${strokeAttrs(solid, sw, 'solid', 0)}${dashArray}/>`;
}

export function highlightSvg(shape: Record<string, unknown>, id: string, r: V2Reader): string {
  const p = V2Reader.record(shape.props) ?? {};
  const points = r.segments(p.segments, 'props.segments');
  if (points.length === 0) return '';
  const color = r.key(p.color, V2_COLORS, 'props.color', 'black');
  const size = r.oneOf(p.size, V2_SIZES, 'props.size', 'm');
  let sw = FONT_SIZES[size] * 1.12;
  if (points.length === 1) sw += seeded(id)() * (sw / 6);
  const stroke = V2_COLORS[color].highlight;
  const d =
    points.length === 1
      ? `M${n(at(points, 0)[0])} ${n(at(points, 0)[1])}l0.01 0`
      : smoothPath(streamline(points, 0.5));
  return `<path d="${d}" fill="none" stroke="${stroke}" stroke-width="${n(sw)}" stroke-linecap="round" stroke-linejoin="round" opacity="0.35"/>`;
}

/** perfect-freehand's streamline: each point pulled toward the previous one (t = 1 - s). */
function streamline(points: Vec3[], s: number): Vec3[] {
  const t = 0.15 + (1 - s) * 0.85;
  const out: Vec3[] = [at(points, 0)];
  for (let i = 1; i < points.length; i++) {
    const prev = at(out, i - 1);
    const q = at(points, i);
    out.push([prev[0] + (q[0] - prev[0]) * t, prev[1] + (q[1] - prev[1]) * t, q[2]]);
  }
  // The last point is kept where it was drawn (options.last on a complete stroke).
  out.push(at(points, points.length - 1));
  return out;
}

/** Line shape: handles in index order, straight or as a smooth curve. */
export function lineSvg(shape: Record<string, unknown>, r: V2Reader): string {
  const p = V2Reader.record(shape.props) ?? {};
  const handles = V2Reader.record(p.handles) ?? V2Reader.record(p.points);
  if (!handles) return '';
  const entries = Object.values(handles)
    .slice(0, MAX_POINTS)
    .map((h) => {
      const rec = V2Reader.record(h);
      const pt = r.point(rec, 'props.handles');
      const index = typeof rec?.index === 'string' ? rec.index : '';
      return pt ? { pt, index } : undefined;
    })
    .filter((e): e is { pt: Vec; index: string } => e !== undefined)
    .sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0));
  if (entries.length < 2) return '';
  const color = r.key(p.color, V2_COLORS, 'props.color', 'black');
  const dash = r.oneOf(p.dash, V2_DASHES, 'props.dash', 'draw');
  const size = r.oneOf(p.size, V2_SIZES, 'props.size', 'm');
  const pts = entries.map((e) => e.pt);
  const isCubic = p.spline === 'cubic';
  const d = isCubic ? smoothPath(pts) : polyline(pts);
  const length = pts
    .slice(1)
    .reduce((sum, q, i) => sum + Math.hypot(q[0] - at(pts, i)[0], q[1] - at(pts, i)[1]), 0);
  return `<path d="${d}" fill="none" ${strokeAttrs(V2_COLORS[color].solid, STROKE_SIZES[size], dash === 'draw' ? 'solid' : dash, length)}/>`;
}
