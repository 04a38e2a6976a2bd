import type { DrawContext } from './context.js';
import { drawArrow } from './tldrawV1Arrow.js';
import { n, round2, sub, type Vec } from './tldrawV1Geom.js';
import { isRecord, MAX_COORD, ShapeReader, type V1Base } from './tldrawV1Input.js';
import {
  drawEllipse,
  drawFreehand,
  drawRectangle,
  drawTriangle,
  type Drawn,
} from './tldrawV1Shapes.js';
import { drawLabel, drawSticky, drawText } from './tldrawV1Text.js';

/**
 * One tldraw v1 shape record (BBB 2.6/2.7 tldraw.json `shape_data`) → an SVG fragment in tldraw
 * page units, drawn as bbb-playback 5.1.3's embedded @tldraw/tldraw 1.29 draws it. Each shape is
 * drawn in its own frame whose origin is the top-left of its bounds (tldraw's positioned
 * container), rotated about the centre of those bounds.
 * Checked against test/fixtures/bbb/player-frames/v27-* (test/unit/presentationTldrawV1.test.ts).
 */
export function tldrawV1Shape(shape: unknown, ctx: DrawContext): string {
  try {
    return render(shape, ctx);
  } catch (error) {
    // Defensive: the readers bound every input, but a drawing must never stop a conversion.
    ctx.warn(
      `tldraw.json: a tldraw v1 shape could not be drawn (${String(error).slice(0, 200)}); it is left out.`,
      `tldraw.json : une forme tldraw v1 n'a pas pu être dessinée (${String(error).slice(0, 200)}) ; elle est omise.`,
    );
    return '';
  }
}

/**
 * Sort key for the paint order of a page's shapes: tldraw draws them by ascending `childIndex`
 * (fractional after reordering). Zero-padded so plain string order is numeric order; a shape
 * without a usable index sorts as index 0.
 */
export function tldrawV1PaintOrder(shape: unknown): string {
  const raw = isRecord(shape) ? shape.childIndex : undefined;
  const index =
    typeof raw === 'number' && Number.isFinite(raw) && Math.abs(raw) <= MAX_COORD ? raw : 0;
  return String(Math.round((index + MAX_COORD) * 1e6)).padStart(13, '0');
}

function render(shape: unknown, ctx: DrawContext): string {
  if (!isRecord(shape)) {
    ctx.warn(
      'tldraw.json: a shape_data entry is not an object; it is left out.',
      "tldraw.json : une entrée shape_data n'est pas un objet ; elle est omise.",
    );
    return '';
  }
  const r = new ShapeReader(shape);
  const base = r.base();
  const name = describe(shape);
  if (base?.type === 'group') return ''; // a group draws nothing; its children are shapes of their own
  const drawn = base ? drawBody(base, r, ctx, name) : undefined;
  if (r.problems.length > 0) {
    const fields = [...new Set(r.problems)].join(', ');
    const isDropped = drawn === undefined;
    ctx.warn(
      `tldraw.json: shape ${name} has invalid ${fields}; ${isDropped ? 'it is left out' : 'defaults are used'}. Check that the recording's tldraw.json is intact.`,
      `tldraw.json : la forme ${name} a des valeurs invalides (${fields}) ; ${isDropped ? 'elle est omise' : 'des valeurs par défaut sont utilisées'}. Vérifiez que le tldraw.json de l'enregistrement est intact.`,
    );
  }
  if (!drawn || !base) return '';
  const content = withLabel(base, drawn);
  if (content === '') return '';
  let transform = `translate(${n(drawn.origin[0])} ${n(drawn.origin[1])})`;
  if (base.rotation !== 0) {
    const deg = (base.rotation * 180) / Math.PI;
    transform += ` rotate(${n(deg)} ${n(Math.floor(drawn.size[0]) / 2)} ${n(Math.floor(drawn.size[1]) / 2)})`;
  }
  return `<g transform="${transform}">${content}</g>`;
}

type Body = Drawn & { bendPoint?: Vec; length?: number };

function drawBody(base: V1Base, r: ShapeReader, ctx: DrawContext, name: string): Body | undefined {
  switch (base.type) {
    case 'draw':
      return drawFreehand(base, r);
    case 'rectangle':
      return drawRectangle(base, r);
    case 'ellipse':
      return drawEllipse(base, r);
    case 'triangle':
      return drawTriangle(base, r);
    case 'arrow':
    case 'line':
      return drawArrow(base, r);
    case 'text':
      return drawText(base, r);
    case 'sticky':
      return drawSticky(base, r, `v1f-${idHash(base.id)}`);
    default:
      ctx.warn(
        `tldraw.json: shape ${name} has a type the player does not draw (${safe(base.type)}); it is left out.`,
        `tldraw.json : la forme ${name} a un type que le lecteur ne dessine pas (${safe(base.type)}) ; elle est omise.`,
      );
      return { origin: base.point, size: [0, 0], body: '' };
  }
}

/** The body plus the label of a rectangle, ellipse, triangle or arrow (tldraw's TextLabel). */
function withLabel(base: V1Base, drawn: Body): string {
  if (base.label.trim() === '') return drawn.body;
  if (base.type === 'arrow' || base.type === 'line') return arrowWithLabel(base, drawn);
  return drawn.body + labelFor(base, drawn);
}

function labelFor(base: V1Base, drawn: Body): string {
  const { size } = drawn;
  const [lx, ly] = base.labelPoint;
  switch (base.type) {
    case 'rectangle':
    case 'ellipse':
      return drawLabel({
        style: base.style,
        text: base.label,
        size,
        offset: [(lx - 0.5) * size[0], (ly - 0.5) * size[1]],
      }).svg;
    case 'triangle': {
      // The label sits lower, towards the centroid: (2h/3 − h/2) × 0.72.
      const centroidShift = (size[1] / 6) * 0.72;
      return drawLabel({
        style: base.style,
        text: base.label,
        size,
        offset: [(lx - 0.5) * size[0], centroidShift + (ly - 0.5) * size[1]],
      }).svg;
    }
    default:
      return '';
  }
}

/** An arrow's label sits on the bend handle and cuts the shaft under it (an SVG mask). */
function arrowWithLabel(base: V1Base, drawn: Body): string {
  if (!drawn.bendPoint || drawn.body === '') return drawn.body;
  const { size } = drawn;
  const offset = sub(drawn.bendPoint, round2([size[0] / 2, size[1] / 2]));
  const probe = drawLabel({ style: base.style, text: base.label, size, offset });
  const length = drawn.length ?? 0;
  const scale = Math.max(
    0.5,
    Math.min(1, Math.max(length / (probe.box[1] + 128), length / (probe.box[0] + 128))),
  );
  const label = drawLabel({ style: base.style, text: base.label, size, offset, scale });
  const id = `v1m-${idHash(base.id + base.label)}`;
  const [bw, bh] = [probe.box[0] * scale, probe.box[1] * scale];
  const mask =
    `<mask id="${id}" maskUnits="userSpaceOnUse" x="-100" y="-100" width="${n(size[0] + 200)}" height="${n(size[1] + 200)}">` +
    `<rect x="-100" y="-100" width="${n(size[0] + 200)}" height="${n(size[1] + 200)}" fill="white"/>` +
    `<rect x="${n(size[0] / 2 - bw / 2 + offset[0])}" y="${n(size[1] / 2 - bh / 2 + offset[1])}" width="${n(bw)}" height="${n(bh)}" rx="${n(4 * scale)}" fill="black"/></mask>`;
  return `${mask}<g mask="url(#${id})">${drawn.body}</g>${label.svg}`;
}

/** A short hex digest (FNV-1a) so ids made from untrusted strings are safe and stable. */
function idHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function describe(shape: Record<string, unknown>): string {
  const id = typeof shape.id === 'string' ? safe(shape.id) : '?';
  return typeof shape.type === 'string' ? `${id} (${safe(shape.type)})` : id;
}

/** A string from the file as it may appear in a log line: printable ASCII, short. */
function safe(text: string): string {
  return text.replace(/[^\w.:-]/g, '?').slice(0, 60);
}
