import sharp from 'sharp';

/**
 * Structural similarity (Wang et al. 2004) of two same-sized images, on luma (BT.601), with the
 * usual 11×11 Gaussian window (σ = 1.5), K1 = 0.01, K2 = 0.03, L = 255. 1 = identical.
 */
export function ssim(a: Gray, b: Gray): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`ssim: sizes differ (${a.width}×${a.height} vs ${b.width}×${b.height})`);
  }
  const { width: w, height: h } = a;
  const x = toFloat(a.data);
  const y = toFloat(b.data);
  const muX = blur(x, w, h);
  const muY = blur(y, w, h);
  const xx = blur(mul(x, x), w, h);
  const yy = blur(mul(y, y), w, h);
  const xy = blur(mul(x, y), w, h);
  const c1 = (0.01 * 255) ** 2;
  const c2 = (0.03 * 255) ** 2;
  let total = 0;
  for (let i = 0; i < w * h; i++) {
    const mx = muX[i] ?? 0;
    const my = muY[i] ?? 0;
    const sx = (xx[i] ?? 0) - mx * mx;
    const sy = (yy[i] ?? 0) - my * my;
    const sxy = (xy[i] ?? 0) - mx * my;
    total += ((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx * mx + my * my + c1) * (sx + sy + c2));
  }
  return total / (w * h);
}

export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

/** An image file (or buffer), optionally cropped to [x, y, w, h], resized, as 8-bit luma. */
export async function loadGray(
  input: string | Buffer,
  options: {
    crop?: readonly [number, number, number, number];
    size?: readonly [number, number];
  } = {},
): Promise<Gray> {
  let image = sharp(input).removeAlpha();
  if (options.crop) {
    const [left, top, width, height] = options.crop;
    image = image.extract({ left, top, width, height });
  }
  if (options.size) image = image.resize(options.size[0], options.size[1], { fit: 'fill' });
  const { data, info } = await image.grayscale().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

function toFloat(data: Uint8Array): Float64Array {
  return Float64Array.from(data);
}

function mul(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) * (b[i] ?? 0);
  return out;
}

const KERNEL = (() => {
  const k: number[] = [];
  for (let i = -5; i <= 5; i++) k.push(Math.exp(-(i * i) / (2 * 1.5 * 1.5)));
  const sum = k.reduce((s, v) => s + v, 0);
  return k.map((v) => v / sum);
})();

/** Separable Gaussian blur with clamped edges. */
function blur(src: Float64Array, w: number, h: number): Float64Array {
  const tmp = new Float64Array(src.length);
  const out = new Float64Array(src.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = -5; k <= 5; k++) {
        const xx = Math.min(w - 1, Math.max(0, x + k));
        s += (src[y * w + xx] ?? 0) * (KERNEL[k + 5] ?? 0);
      }
      tmp[y * w + x] = s;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = -5; k <= 5; k++) {
        const yy = Math.min(h - 1, Math.max(0, y + k));
        s += (tmp[yy * w + x] ?? 0) * (KERNEL[k + 5] ?? 0);
      }
      out[y * w + x] = s;
    }
  }
  return out;
}
