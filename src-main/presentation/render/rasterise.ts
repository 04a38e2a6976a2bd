import { renderAsync } from '@resvg/resvg-js';
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
  const wanted = Object.keys(FAMILY_FILE).filter((family) => svg.includes(family));
  const files =
    wanted.length === 0
      ? []
      : fontFiles().filter((f) => wanted.some((w) => FAMILY_FILE[w]?.test(f)));
  // renderAsync draws on libuv's thread pool: the event loop (the console's UI bridge) stays free.
  const image = await renderAsync(svg, {
    font: { loadSystemFonts: false, fontFiles: files, defaultFontFamily: FONT_FAMILY.dejavu },
    shapeRendering: 2,
    textRendering: 1,
  });
  return image.pixels;
}

/** `top` (premultiplied RGBA) over `bottom` (opaque RGBA), in place into `bottom`. */
export function compositeOver(bottom: Buffer, top: Buffer): void {
  const length = Math.min(bottom.length, top.length);
  for (let i = 0; i < length; i += 4) {
    const alpha = top[i + 3] ?? 0;
    if (alpha === 0) continue;
    const keep = 255 - alpha;
    for (let c = i; c < i + 3; c++) {
      bottom[c] = ((top[c] ?? 0) + ((bottom[c] ?? 0) * keep + 127) / 255) | 0;
    }
  }
}
