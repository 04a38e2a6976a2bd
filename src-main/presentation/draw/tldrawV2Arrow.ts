import type { DrawContext } from './context.js';
import { circleThrough, dist, strokeAttrs } from './tldrawV2Geom.js';
import { fillSvg } from './tldrawV2Geo.js';
import { n, safeId, V2Reader, type Vec } from './tldrawV2Input.js';
import {
  ARROW_LABEL_FONT_SIZES,
  STROKE_SIZES,
  V2_COLORS,
  V2_DASHES,
  V2_FILLS,
  V2_FONTS,
  V2_SIZES,
  type V2Fill,
} from './tldrawV2Style.js';
import { layoutText, textSvg } from './tldrawV2Text.js';

/**
 * tldraw v2 arrows (bigbluebutton/tldraw packages/editor/src/lib/editor/shapes/shared/arrow/):
 * a straight segment, or with a `bend` an arc through the start, the end and the point `bend`
 * units off their midpoint; heads sized min(length / 5, 3 × stroke) but at least the stroke;
 * an optional label centred on the middle, the body cut around it.
 * Terminals bound to another shape (`type: "binding"`) need that shape's geometry, which one
 * record alone does not carry: such an arrow is skipped with a warning.
 */

const HEADS = [
  'none',
  'arrow',
  'triangle',
  'square',
  'dot',
  'pipe',
  'diamond',
  'inverted',
  'bar',
] as const;
type Head = (typeof HEADS)[number];

export function arrowSvg(
  shape: Record<string, unknown>,
  id: string,
  r: V2Reader,
  ctx: DrawContext,
): string {
  const p = V2Reader.record(shape.props) ?? {};
  const startRec = V2Reader.record(p.start);
  const endRec = V2Reader.record(p.end);
  if (startRec?.type === 'binding' || endRec?.type === 'binding') {
    ctx.warn(
      `tldraw.json: arrow ${id} is attached to another shape; attached arrows are not drawn yet.`,
      `tldraw.json : la flèche ${id} est attachée à une autre forme ; ces flèches ne sont pas encore dessinées.`,
    );
    return '';
  }
  const a = r.point(startRec, 'props.start');
  const b = r.point(endRec, 'props.end');
  if (!a || !b) {
    r.problems.push('props.start/end');
    return '';
  }
  const color = r.key(p.color, V2_COLORS, 'props.color', 'black');
  const fill = r.oneOf(p.fill, V2_FILLS, 'props.fill', 'none');
  const dash = r.oneOf(p.dash, V2_DASHES, 'props.dash', 'draw');
  const size = r.oneOf(p.size, V2_SIZES, 'props.size', 'm');
  const headStart = r.oneOf(p.arrowheadStart, HEADS, 'props.arrowheadStart', 'none');
  const headEnd = r.oneOf(p.arrowheadEnd, HEADS, 'props.arrowheadEnd', 'arrow');
  const bend = r.num(p.bend, 'props.bend', 0);
  const sw = STROKE_SIZES[size];
  const solid = V2_COLORS[color].solid;
  if (dist(a, b) < 1e-6) return '';

  const m: Vec = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const u: Vec = [(b[0] - a[0]) / dist(a, b), (b[1] - a[1]) / dist(a, b)];
  const middle: Vec = [m[0] - u[1] * bend, m[1] + u[0] * bend];
  const arc = Math.abs(bend) > 0.5 ? circleThrough(a, middle, b) : undefined;

  let body: string;
  let length: number;
  // For a head: the tip and the point `len` back along the body.
  let back: (tip: Vec, towards: Vec, len: number) => Vec;
  if (arc) {
    const { c, r: radius } = arc;
    // Sweep so the arc passes through the middle point: its side of the chord decides.
    const cross = (b[0] - a[0]) * (middle[1] - a[1]) - (b[1] - a[1]) * (middle[0] - a[0]);
    const sweep = cross < 0 ? 1 : 0;
    const midSide = (c[0] - a[0]) * (b[1] - a[1]) - (c[1] - a[1]) * (b[0] - a[0]);
    const large = Math.sign(midSide) === Math.sign(cross) ? 1 : 0;
    body = `M${n(a[0])} ${n(a[1])}A${n(radius)} ${n(radius)} 0 ${large} ${sweep} ${n(b[0])} ${n(b[1])}`;
    const angA = Math.atan2(a[1] - c[1], a[0] - c[0]);
    const angB = Math.atan2(b[1] - c[1], b[0] - c[0]);
    let span = sweep ? angB - angA : angA - angB;
    while (span < 0) span += Math.PI * 2;
    if (large && span < Math.PI) span = Math.PI * 2 - span;
    length = span * radius;
    back = (tip, _towards, len) => {
      // Walk from the tip into the arc by `len` of arc length.
      const ang = Math.atan2(tip[1] - c[1], tip[0] - c[0]);
      const dir = (tip === a ? 1 : -1) * (sweep ? 1 : -1);
      const da = (dir * len) / radius;
      return [c[0] + radius * Math.cos(ang + da), c[1] + radius * Math.sin(ang + da)];
    };
  } else {
    body = `M${n(a[0])} ${n(a[1])}L${n(b[0])} ${n(b[1])}`;
    length = dist(a, b);
    back = (tip, towards, len) => {
      const d = dist(tip, towards) || 1;
      return [
        tip[0] + ((towards[0] - tip[0]) * len) / d,
        tip[1] + ((towards[1] - tip[1]) * len) / d,
      ];
    };
  }
  const headLen = Math.max(Math.min(length / 5, sw * 3), sw);
  const heads = [
    headSvg(headStart, a, back(a, b, headLen), sw, solid, fill, color, id + 's'),
    headSvg(headEnd, b, back(b, a, headLen), sw, solid, fill, color, id + 'e'),
  ].join('');

  const text = r.text(p.text, 'props.text').trim();
  let label = '';
  let mask = '';
  let maskAttr = '';
  if (text) {
    const family = V2_FONTS[r.key(p.font, V2_FONTS, 'props.font', 'draw')];
    const fontSize = ARROW_LABEL_FONT_SIZES[size];
    const laid = layoutText(text, family, fontSize, Math.max(fontSize, Math.min(length, 300)));
    const lx = middle[0] - laid.width / 2;
    const ly = (arc ? middle[1] : m[1]) - laid.height / 2;
    const cx = arc ? middle[0] : m[0];
    label = textSvg(
      {
        text,
        family,
        fontSize,
        color: V2_COLORS[r.key(p.labelColor, V2_COLORS, 'props.labelColor', 'black')].solid,
        align: 'middle',
        x: cx - laid.width / 2,
        y: ly,
        boxWidth: laid.width,
        hasOutline: true,
      },
      laid,
    );
    // The body is cut where the label sits (ARROW_LABEL_PADDING around the text).
    const pad = 4.25;
    const maskId = `tl2m-${safeId(id)}`;
    mask =
      `<defs><mask id="${maskId}" maskUnits="userSpaceOnUse" x="-1e6" y="-1e6" width="2e6" height="2e6">` +
      `<rect x="-1e6" y="-1e6" width="2e6" height="2e6" fill="white"/>` +
      `<rect x="${n(lx - pad)}" y="${n(ly - pad)}" width="${n(laid.width + pad * 2)}" height="${n(laid.height + pad * 2)}" fill="black"/></mask></defs>`;
    maskAttr = ` mask="url(#${maskId})"`;
  }
  const stroked = `<path d="${body}"${maskAttr} fill="none" ${strokeAttrs(solid, sw, dash === 'draw' ? 'solid' : dash, length)}/>`;
  return mask + stroked + heads + label;
}

function rot(p: Vec, c: Vec, ang: number): Vec {
  const s = Math.sin(ang);
  const k = Math.cos(ang);
  const x = p[0] - c[0];
  const y = p[1] - c[1];
  return [c[0] + x * k - y * s, c[1] + x * s + y * k];
}

function headSvg(
  head: Head,
  tip: Vec,
  int: Vec,
  sw: number,
  solid: string,
  fill: V2Fill,
  color: keyof typeof V2_COLORS,
  id: string,
): string {
  const attrs = `fill="none" stroke="${solid}" stroke-width="${n(sw)}" stroke-linecap="round" stroke-linejoin="round"`;
  const pt = (v: Vec): string => `${n(v[0])} ${n(v[1])}`;
  const lerp = (t: number): Vec => [tip[0] + (int[0] - tip[0]) * t, tip[1] + (int[1] - tip[1]) * t];
  const half: Vec = [(int[0] - tip[0]) / 2, (int[1] - tip[1]) / 2];
  const perp = (v: Vec): Vec => [-v[1], v[0]];
  let d: string;
  switch (head) {
    case 'none':
    case 'pipe':
      return '';
    case 'arrow':
      return `<path d="M${pt(rot(int, tip, Math.PI / 6))}L${pt(tip)}L${pt(rot(int, tip, -Math.PI / 6))}" ${attrs}/>`;
    case 'triangle':
      d = `M${pt(rot(int, tip, Math.PI / 6))}L${pt(tip)}L${pt(rot(int, tip, -Math.PI / 6))}Z`;
      break;
    case 'inverted': {
      const q = perp(half);
      d = `M${pt([tip[0] + q[0], tip[1] + q[1]])}L${pt(int)}L${pt([tip[0] - q[0], tip[1] - q[1]])}Z`;
      break;
    }
    case 'dot': {
      const radius = dist(lerp(0.45), tip);
      const c = lerp(0.45);
      d = `M${n(c[0] - radius)} ${n(c[1])}a${n(radius)} ${n(radius)} 0 1 0 ${n(radius * 2)} 0a${n(radius)} ${n(radius)} 0 1 0 ${n(-radius * 2)} 0Z`;
      break;
    }
    case 'diamond': {
      const pb = lerp(0.75);
      const pl = rot(pb, tip, Math.PI / 4);
      const pr = rot(pb, tip, -Math.PI / 4);
      const pq: Vec = [pl[0] + pr[0] - tip[0], pl[1] + pr[1] - tip[1]];
      d = `M${pt(pq)}L${pt(pl)}L${pt(tip)}L${pt(pr)}Z`;
      break;
    }
    case 'square': {
      const pb = lerp(0.85);
      const q = perp([(pb[0] - tip[0]) / 2, (pb[1] - tip[1]) / 2]);
      d = `M${pt([tip[0] + q[0], tip[1] + q[1]])}L${pt([pb[0] + q[0], pb[1] + q[1]])}L${pt([pb[0] - q[0], pb[1] - q[1]])}L${pt([tip[0] - q[0], tip[1] - q[1]])}Z`;
      break;
    }
    case 'bar': {
      const q = perp(half);
      return `<path d="M${pt([tip[0] + q[0], tip[1] + q[1]])}L${pt([tip[0] - q[0], tip[1] - q[1]])}" ${attrs}/>`;
    }
  }
  return fillSvg(d, fill, { id: safeId(id), color }) + `<path d="${d}" ${attrs}/>`;
}
