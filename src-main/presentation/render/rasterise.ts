import { renderAsync, Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import type { Rect } from '../model';
import { FONT_FAMILY, fontFiles } from './fonts';

const FAMILY_FILE: Readonly<Record<string, RegExp>> = {
  [FONT_FAMILY.dejavu]: /DejaVuSans(-Bold)?\.ttf$/,
  [FONT_FAMILY.sourceSans]: /SourceSansPro_/,
  [FONT_FAMILY.caveatBrush]: /CaveatBrush_/,
  [FONT_FAMILY.crimson]: /CrimsonPro_/,
  [FONT_FAMILY.sourceCode]: /SourceCodePro_/,
  [FONT_FAMILY.plexSans]: /IBMPlexSans_/,
  [FONT_FAMILY.plexSerif]: /IBMPlexSerif_/,
  [FONT_FAMILY.plexMono]: /IBMPlexMono_/,
  [FONT_FAMILY.shantell]: /ShantellSans_/,
};

/**
 * Rasterises one SVG document with resvg to premultiplied RGBA. Fonts are loaded only for the
 * families the document names: resvg parses every font file it is given, per document, and
 * loading all of them for a drawing without text would cost more than drawing it.
 */
export async function rasterise(svg: string): Promise<Buffer> {
  // renderAsync draws on libuv's thread pool: the event loop (the console's UI bridge) stays free.
  const image = await renderAsync(svg, optionsFor(svg));
  return image.pixels;
}

function optionsFor(svg: string): ResvgRenderOptions {
  const wanted = Object.keys(FAMILY_FILE).filter((family) => svg.includes(family));
  const files =
    wanted.length === 0
      ? []
      : fontFiles().filter((f) => wanted.some((w) => FAMILY_FILE[w]?.test(f)));
  return {
    font: { loadSystemFonts: false, fontFiles: files, defaultFontFamily: FONT_FAMILY.dejavu },
    shapeRendering: 2,
    textRendering: 1,
  };
}

/** A rasterised part of the frame: premultiplied RGBA of `w`×`h` pixels at (`x`, `y`). */
export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
  pixels: Buffer;
}

/**
 * Rasterises `content` (frame coordinates) over only the part of the frame it covers: resvg
 * spends ~20 ms on an empty 1280×720 canvas and ~1 ms on a 320×180 one, and a new drawing
 * usually covers a small part of the slide. The bounding box resvg reports leaves out strokes
 * and filters, hence the margin.
 */
export async function rasteriseRegion(
  content: string,
  width: number,
  height: number,
): Promise<Region | null> {
  const whole = document(content, { x: 0, y: 0, w: width, h: height });
  const options = optionsFor(whole);
  const box = new Resvg(whole, options).getBBox();
  if (!box || !(box.width > 0) || !(box.height > 0)) return null;
  const margin = 24 + Math.max(box.width, box.height) * 0.05;
  const around = {
    x: Math.floor(box.x - margin),
    y: Math.floor(box.y - margin),
    w: Math.ceil(box.width + 2 * margin),
    h: Math.ceil(box.height + 2 * margin),
  };
  const x = Math.max(0, around.x);
  const y = Math.max(0, around.y);
  const w = Math.min(width, around.x + around.w) - x;
  const h = Math.min(height, around.y + around.h) - y;
  if (w <= 0 || h <= 0) return null;
  try {
    const image = await renderAsync(document(content, { x, y, w, h }), options);
    return { x, y, w, h, pixels: image.pixels };
  } catch (error) {
    // resvg panics (caught as an Error since resvg-js 2.7) on a layer — opacity, mask, filter —
    // lying wholly outside the drawn area: a drawing off the frame once zoomed. Drawing the
    // whole extent of the content keeps every element inside; it is cut to the frame later.
    if (around.w * around.h > MAX_FALLBACK_PIXELS) throw error;
    const image = await renderAsync(document(content, around), options);
    return { ...around, pixels: image.pixels };
  }
}

/** 4096×4096: a drawing spread further than this off the frame is not drawn (its error shows). */
const MAX_FALLBACK_PIXELS = 4096 * 4096;

function document(content: string, area: Rect): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${area.w}" height="${area.h}" viewBox="${area.x} ${area.y} ${area.w} ${area.h}">${content}</svg>`;
}

/**
 * `top` (premultiplied RGBA) over `bottom` (opaque RGBA, `width` wide), in place, only inside
 * `clip` (frame pixels): drawings past the view box's edge are cut, as the player's SVG cuts them.
 */
export function compositeOver(bottom: Buffer, width: number, top: Region, clip?: Rect): void {
  const cx0 = clip ? Math.max(0, Math.round(clip.x) - top.x) : 0;
  const cy0 = clip ? Math.max(0, Math.round(clip.y) - top.y) : 0;
  const cx1 = clip ? Math.min(top.w, Math.round(clip.x + clip.w) - top.x) : top.w;
  const cy1 = clip ? Math.min(top.h, Math.round(clip.y + clip.h) - top.y) : top.h;
  for (let row = cy0; row < cy1; row++) {
    let j = ((top.y + row) * width + top.x + cx0) * 4;
    let i = (row * top.w + cx0) * 4;
    for (let col = cx0; col < cx1; col++, i += 4, j += 4) {
      const alpha = top.pixels[i + 3] ?? 0;
      if (alpha === 0) continue;
      const keep = 255 - alpha;
      for (let c = 0; c < 3; c++) {
        bottom[j + c] = ((top.pixels[i + c] ?? 0) + ((bottom[j + c] ?? 0) * keep + 127) / 255) | 0;
      }
    }
  }
}
