import type { DrawContext } from './context.js';
import { arrowSvg } from './tldrawV2Arrow.js';
import { frameSvg, noteSvg, textShapeSvg } from './tldrawV2Boxes.js';
import { drawSvg, highlightSvg, lineSvg } from './tldrawV2Freehand.js';
import { geoSvg } from './tldrawV2Geo.js';
import { n, V2Reader } from './tldrawV2Input.js';

/**
 * One tldraw v2 shape record (BBB 3.0 tldraw.json `shape_data`) as an SVG fragment in tldraw page
 * units, drawn as BBB's web player (bbb-playback tldraw_v2 → @bigbluebutton/tldraw 2.0 alpha)
 * shows it. The fragment is placed at the shape's (x, y), rotated about that point, with the
 * shape's opacity. Everything read from the record is validated; bad data gives '' or defaults,
 * plus a warning, never an exception. `isModerator` and `meta` are ignored.
 */
export function tldrawV2Shape(shape: unknown, ctx: DrawContext): string {
  try {
    return drawShape(shape, ctx);
  } catch (error) {
    // A drawing bug must cost one shape, not the whole video.
    ctx.warn(
      `tldraw.json: a shape could not be drawn (${String(error).slice(0, 120)}); it is left out.`,
      `tldraw.json : une forme n'a pas pu être dessinée (${String(error).slice(0, 120)}) ; elle est omise.`,
    );
    return '';
  }
}

function drawShape(shape: unknown, ctx: DrawContext): string {
  const raw = V2Reader.record(shape);
  if (!raw) {
    ctx.warn(
      'tldraw.json: a shape record is not an object; skipped.',
      "tldraw.json : un enregistrement de forme n'est pas un objet ; ignoré.",
    );
    return '';
  }
  const r = new V2Reader(raw);
  const id = typeof raw.id === 'string' ? raw.id.slice(0, 100) : 'shape:?';
  const type = typeof raw.type === 'string' ? raw.type : '';
  let body: string;
  switch (type) {
    case 'geo':
      body = geoSvg(raw, id, r, ctx);
      break;
    case 'draw':
      body = drawSvg(raw, id, r);
      break;
    case 'highlight':
      body = highlightSvg(raw, id, r);
      break;
    case 'arrow':
      body = arrowSvg(raw, id, r, ctx);
      break;
    case 'text':
      body = textShapeSvg(raw, r);
      break;
    case 'note':
      body = noteSvg(raw, id, r);
      break;
    case 'line':
      body = lineSvg(raw, r);
      break;
    case 'frame':
      body = frameSvg(raw, r);
      break;
    default:
      ctx.warn(
        `tldraw.json: shape ${id} has a type this converter does not draw (${type.slice(0, 40)}); skipped.`,
        `tldraw.json : la forme ${id} est d'un type que ce convertisseur ne dessine pas (${type.slice(0, 40)}) ; ignorée.`,
      );
      return '';
  }
  const x = r.num(raw.x, 'x', 0);
  const y = r.num(raw.y, 'y', 0);
  const rotation = r.num(raw.rotation, 'rotation', 0, [-1e4, 1e4]);
  const opacity = r.num(raw.opacity, 'opacity', 1, [0, 1]);
  r.warnIfAny(ctx, id, type);
  if (body === '' || opacity === 0) return '';
  const rotate = rotation ? ` rotate(${n((rotation * 180) / Math.PI)})` : '';
  const alpha = opacity < 1 ? ` opacity="${n(opacity)}"` : '';
  return `<g transform="translate(${n(x)} ${n(y)})${rotate}"${alpha}>${body}</g>`;
}

/**
 * The shape's paint order: its fractional `index` ("a1", "a1V", …), which sorts by plain string
 * comparison as tldraw sorts siblings. Anything else sorts first ('').
 */
export function tldrawV2PaintOrder(shape: unknown): string {
  const index = V2Reader.record(shape)?.index;
  return typeof index === 'string' && /^[A-Za-z0-9]{1,64}$/.test(index) ? index : '';
}
