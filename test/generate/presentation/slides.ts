/**
 * Slide images: a coloured page with a grid, corner marks (zoom and pan are visible) and the slide
 * number in seven-segment bars (no font needed, like the fixtures' outlined text). 2.5 gets
 * `slide-N.png` (1600×1200, rendered by sharp), 2.7/3.0 get `svgs/slideN.svg`
 * (1200×900 / 1600×900), as in test/fixtures/bbb/player-frames.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { RecordingFormat } from './options.js';

export const slideSize: Record<RecordingFormat, { width: number; height: number }> = {
  svg: { width: 1600, height: 1200 },
  tldraw1: { width: 1200, height: 900 },
  tldraw2: { width: 1600, height: 900 },
};

/** Segments a–g of each digit: top, top-right, bottom-right, bottom, bottom-left, top-left, middle. */
const segmentsByDigit = [
  'abcdef',
  'bc',
  'abdeg',
  'abcdg',
  'bcfg',
  'acdfg',
  'acdefg',
  'abc',
  'abcdefg',
  'abcdfg',
];

function digitBars(digit: number, x: number, y: number, height: number): string {
  const w = height * 0.55;
  const t = height * 0.12;
  const half = height / 2;
  const bars: Record<string, [number, number, number, number]> = {
    a: [x, y, w, t],
    b: [x + w - t, y, t, half],
    c: [x + w - t, y + half, t, half],
    d: [x, y + height - t, w, t],
    e: [x, y + half, t, half],
    f: [x, y, t, half],
    g: [x, y + half - t / 2, w, t],
  };
  return [...(segmentsByDigit[digit] ?? '')]
    .map((s) => bars[s])
    .filter((bar) => bar !== undefined)
    .map(
      ([bx, by, bw, bh]) =>
        `<rect x="${bx.toFixed(1)}" y="${by.toFixed(1)}" width="${bw.toFixed(1)}" height="${bh.toFixed(1)}"/>`,
    )
    .join('');
}

export function slideSvg(slide: number, width: number, height: number): string {
  const hue = (slide * 47) % 360;
  const grid: string[] = [];
  const step = width / 12;
  for (let x = step; x < width; x += step) grid.push(`M${x.toFixed(1)} 0V${height}`);
  for (let y = step; y < height; y += step) grid.push(`M0 ${y.toFixed(1)}H${width}`);
  const corner = width * 0.075;
  const digitHeight = height * 0.4;
  const digits = String(slide).split('').map(Number);
  const advance = digitHeight * 0.75;
  const left = width / 2 - (digits.length * advance - digitHeight * 0.2) / 2;
  const number = digits
    .map((d, i) => digitBars(d, left + i * advance, height * 0.3, digitHeight))
    .join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="hsl(${hue},45%,30%)"/>`,
    `<path d="${grid.join('')}" stroke="hsl(${hue},40%,40%)" stroke-width="1.5" fill="none"/>`,
    `<rect x="0" y="0" width="${corner}" height="${corner}" fill="#ff595e"/>`,
    `<rect x="${width - corner}" y="0" width="${corner}" height="${corner}" fill="#8ac926"/>`,
    `<rect x="0" y="${height - corner}" width="${corner}" height="${corner}" fill="#1982c4"/>`,
    `<rect x="${width - corner}" y="${height - corner}" width="${corner}" height="${corner}" fill="#ffca3a"/>`,
    `<g fill="#ffffff">${number}</g>`,
    '</svg>',
    '',
  ].join('\n');
}

/** Rendered PNGs are kept across runs (same SVG → same file), so a 40-slide bench recording is quick. */
const cacheDir = join(tmpdir(), 'regie-presentation-generator');

export async function writeSlidePng(svg: string, path: string): Promise<void> {
  const key = createHash('sha1').update(svg).digest('hex');
  const cached = join(cacheDir, `${key}.png`);
  const isCached = await stat(cached).then(
    (s) => s.size > 0,
    () => false,
  );
  if (!isCached) {
    await mkdir(cacheDir, { recursive: true });
    const temporary = `${cached}.${process.pid}.tmp`;
    await sharp(Buffer.from(svg)).png({ compressionLevel: 3 }).toFile(temporary);
    await rename(temporary, cached);
  }
  await copyFile(cached, path);
}

export async function writeSlideSvg(svg: string, path: string): Promise<void> {
  await writeFile(path, svg);
}
