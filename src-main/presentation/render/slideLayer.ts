import sharp from 'sharp';
import type { Rect } from '../model';
import { fit, type FrameLayout } from './geometry';
import { rasterise } from './rasterise';
import type { SlideImages } from './slideImages';
import { BACKGROUND, backgroundSvg, inlineSlide, neutralSlide } from './stateSvg';
import type { PictureState } from './timeline';

/**
 * The opaque RGBA layer of a picture state: page background and the slide inside the view box.
 * Vector slides are drawn inline by resvg; raster slides (2.5's PNGs) are cropped and scaled by
 * sharp, ~10× faster than resvg decoding a 1600×1200 PNG inside an SVG.
 */
export async function slideLayer(
  state: PictureState,
  layout: FrameLayout,
  images: SlideImages,
): Promise<Buffer> {
  const source = state.show ? await images.get(state.show.href) : null;
  if (!state.show || !state.space || !state.view) return solid(layout);
  const image = state.space.image;
  if (source?.kind === 'raster') {
    const layer = solid(layout);
    await drawRaster(layer, layout, source.bytes, image, state.view);
    return layer;
  }
  const inner = source?.kind === 'svg' ? inlineSlide(source.svg, image) : null;
  const neutral = neutralSlide(image, state.show.slideId);
  let layer: Buffer;
  try {
    layer = await rasterise(backgroundSvg(state, layout, inner ?? neutral));
  } catch {
    // resvg refused the zoomed view (a layer of the slide wholly outside the frame makes it
    // panic): the whole slide drawn at the zoom's scale, then cut by sharp like a raster slide.
    const whole =
      inner === null
        ? null
        : await wholeSlide(inner, image, fit(state.view, layout.slideBox).w / state.view.w);
    if (whole) {
      const raster = solid(layout);
      await drawRaster(raster, layout, whole, image, state.view);
      return raster;
    }
    layer = await rasterise(backgroundSvg(state, layout, neutral));
  }
  fillOutside(layer, layout, fit(state.view, layout.slideBox));
  return layer;
}

/** The slide alone as a PNG of its size at `scale` (at most 8192 px a side), or null. */
async function wholeSlide(inner: string, image: Rect, scale: number): Promise<Buffer | null> {
  const w = Math.min(8192, Math.max(1, Math.round(image.w * scale)));
  const h = Math.min(8192, Math.max(1, Math.round(image.h * scale)));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${h}" viewBox="${image.x} ${image.y} ${image.w} ${image.h}">${inner}</svg>`;
  try {
    const pixels = await rasterise(svg);
    return await sharp(pixels, { raw: { width: w, height: h, channels: 4, premultiplied: true } })
      .png({ compressionLevel: 1 })
      .toBuffer();
  } catch {
    return null; // drawn as a neutral frame by the caller
  }
}

/** Page background outside the view box (the slide layer is drawn unclipped). */
function fillOutside(layer: Buffer, layout: FrameLayout, box: Rect): void {
  const background = solid(layout);
  const x0 = Math.max(0, Math.round(box.x));
  const x1 = Math.min(layout.width, Math.round(box.x + box.w));
  const y0 = Math.max(0, Math.round(box.y));
  const y1 = Math.min(layout.height, Math.round(box.y + box.h));
  for (let y = 0; y < layout.height; y++) {
    const row = y * layout.width * 4;
    if (y < y0 || y >= y1) {
      background.copy(layer, row, row, row + layout.width * 4);
      continue;
    }
    background.copy(layer, row, row, row + x0 * 4);
    background.copy(layer, row + x1 * 4, row + x1 * 4, row + layout.width * 4);
  }
}

function solid(layout: FrameLayout): Buffer {
  const pixels = Buffer.alloc(layout.width * layout.height * 4);
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(BACKGROUND.slice(i, i + 2), 16));
  for (let i = 0; i < pixels.length; i += 4) {
    pixels[i] = r ?? 0;
    pixels[i + 1] = g ?? 0;
    pixels[i + 2] = b ?? 0;
    pixels[i + 3] = 255;
  }
  return pixels;
}

/** The part of the raster slide inside the view, scaled into its place in the frame. */
async function drawRaster(
  layer: Buffer,
  layout: FrameLayout,
  bytes: Buffer,
  image: Rect,
  view: Rect,
): Promise<void> {
  const box = fit(view, layout.slideBox);
  const scale = box.w / view.w;
  const x0 = Math.max(view.x, image.x);
  const y0 = Math.max(view.y, image.y);
  const x1 = Math.min(view.x + view.w, image.x + image.w);
  const y1 = Math.min(view.y + view.h, image.y + image.h);
  if (x1 <= x0 || y1 <= y0) return;
  const meta = await sharp(bytes).metadata();
  const pw = meta.width ?? 0;
  const ph = meta.height ?? 0;
  if (pw === 0 || ph === 0) return;
  const sx = pw / image.w;
  const sy = ph / image.h;
  const left = clamp(Math.floor((x0 - image.x) * sx), 0, pw - 1);
  const top = clamp(Math.floor((y0 - image.y) * sy), 0, ph - 1);
  const right = clamp(Math.ceil((x1 - image.x) * sx), left + 1, pw);
  const bottom = clamp(Math.ceil((y1 - image.y) * sy), top + 1, ph);
  const dx = Math.round(box.x + (x0 - view.x) * scale);
  const dy = Math.round(box.y + (y0 - view.y) * scale);
  const dw = clamp(Math.round((x1 - x0) * scale), 1, layout.width - dx);
  const dh = clamp(Math.round((y1 - y0) * scale), 1, layout.height - dy);
  if (dw <= 0 || dh <= 0) return;
  const { data } = await sharp(bytes)
    .extract({ left, top, width: right - left, height: bottom - top })
    .resize(dw, dh, { fit: 'fill', kernel: 'lanczos3' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  for (let row = 0; row < dh; row++) {
    const from = row * dw * 4;
    // Slide PNGs are opaque; a transparent pixel keeps the page background under it.
    const target = ((dy + row) * layout.width + dx) * 4;
    for (let i = 0; i < dw * 4; i += 4) {
      const alpha = data[from + i + 3] ?? 255;
      if (alpha === 0) continue;
      for (let c = 0; c < 3; c++) {
        const top_ = data[from + i + c] ?? 0;
        layer[target + i + c] =
          alpha === 255
            ? top_
            : (top_ * alpha + (layer[target + i + c] ?? 0) * (255 - alpha) + 127) / 255;
      }
    }
  }
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
