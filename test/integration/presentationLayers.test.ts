import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderVideo } from '../../src-main/presentation/methods/render';
import type { ConvertResult } from '../../src-main/presentation/methods/types';
import { generatePresentation } from '../generate/presentation';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

/**
 * Issue #10 §3, everything over the slides: a screen share in its interval, the webcam strip
 * in sync with the sound (the generator's webcams turn white during the 1 kHz beep at 10.0 s),
 * and the chat side panel; on a generated 2.7 recording, 640×360, layout slides+webcams.
 */
const W = 640;
const H = 360;
let dir: string;
let out: string;
let result: ConvertResult;

beforeAll(async () => {
  dir = makeTempDir();
  const recording = await generatePresentation({
    format: 'tldraw1',
    dir: join(dir, 'recording'),
    durationS: 40,
    slides: 3,
    annotationStates: 12,
    cursorEvents: 300,
    deskshare: [{ start: 20, end: 30 }],
    webcams: 'video',
    chatMessages: 6,
    seed: 7,
  });
  out = join(dir, 'out.mp4');
  result = await renderVideo({
    dir: recording.dir,
    out,
    workDir: join(dir, 'work'),
    ffmpeg: 'ffmpeg',
    ffprobe: 'ffprobe',
    width: W,
    height: H,
    layout: 'slides+webcams',
    withChat: true,
    locale: 'fr',
    fps: 10,
  });
}, 120_000);
afterAll(() => removeTempDir(dir));

/** Mean luma of a region of frame `n` (selected by number), 0–255. */
function meanLuma(n: number, region: { x: number; y: number; w: number; h: number }): number {
  const raw = grey(n, region);
  return raw.reduce((s, v) => s + v, 0) / raw.length;
}

/** Mean absolute difference of a region between two frames, 0–255. */
function difference(
  a: number,
  b: number,
  region: { x: number; y: number; w: number; h: number },
): number {
  const x = grey(a, region);
  const y = grey(b, region);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs((x[i] ?? 0) - (y[i] ?? 0));
  return sum / x.length;
}

function grey(n: number, region: { x: number; y: number; w: number; h: number }): Buffer {
  return execFileSync('ffmpeg', [
    '-v',
    'error',
    '-i',
    out,
    '-vf',
    `select=eq(n\\,${n}),crop=${region.w}:${region.h}:${region.x}:${region.y},format=gray`,
    '-frames:v',
    '1',
    '-f',
    'rawvideo',
    '-',
  ]);
}

const slideBox = { x: 0, y: 0, w: W - W / 4, h: H };
const camBox = { x: W - W / 4, y: 0, w: W / 4, h: 120 };
const chatBox = { x: W - W / 4, y: 120, w: W / 4, h: H - 120 };

describe('presentation layers', () => {
  it('keeps the duration, the layout asked for and no warning', () => {
    expect(Math.abs(result.durationS - 40)).toBeLessThan(0.5);
    expect(result.warnings).toEqual([]);
  });

  it('shows the screen share over the slides only inside its interval', () => {
    // testsrc's colour bars against a slide: far apart; two slide frames a second apart: close.
    expect(difference(195, 250, slideBox)).toBeGreaterThan(40);
    expect(difference(250, 305, slideBox)).toBeGreaterThan(40);
    expect(difference(185, 195, slideBox)).toBeLessThan(15);
  });

  it('turns the webcam strip white with the beep, not before (picture in sync with the sound)', () => {
    expect(meanLuma(101, camBox)).toBeGreaterThan(200);
    expect(meanLuma(97, camBox)).toBeLessThan(meanLuma(101, camBox) - 40);
  });

  it('draws the chat panel beside the webcams', () => {
    // White panel with dark text: bright, but not uniformly white once messages are shown.
    const luma = meanLuma(390, chatBox);
    expect(luma).toBeGreaterThan(180);
    expect(luma).toBeLessThan(254);
  });
});
