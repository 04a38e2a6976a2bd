import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderVideo } from '../../src-main/presentation/methods/render';
import { loadGray, ssim } from '../helpers/ssim';
import { beepOnset, frameAt } from '../helpers/videoFrames';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

/**
 * Issue #10 "Faithfulness against BBB's own player": each synthetic recording of
 * test/fixtures/bbb/player-frames/ (2.5, 2.7, 3.0) converted, and every frame the real player
 * showed compared with ours over the slide area: SSIM ≥ 0.9; duration within 0.5 s of
 * metadata.xml; the 1 kHz beep at 10.0 s within 100 ms.
 */
const FIXTURES = join(__dirname, '../fixtures/bbb/player-frames');
const RECORDINGS = [
  'v25-ce9b205d7895f4a843c28b580724894c1d63c5b2-1718870412345',
  'v27-2480785543ba07b826667490ebacd0653a0b2574-1726317603210',
  'v30-4168131621dbcf837e63d158dd41bd234c05e3e8-1737042007777',
];
const FPS = 10;

interface ReferenceFrames {
  imageSize: [number, number];
  frames: { time: number; file: string; slideBox: [number, number, number, number] }[];
}

/** The player fits the view in 960×530, we fit it in 1280×720: both by height for 4:3 and 16:9. */
function ourBox(
  box: [number, number, number, number],
  image: [number, number],
): [number, number, number, number] {
  const s = 720 / image[1];
  const [x, y, w, h] = box;
  const ox = 640 + (x - image[0] / 2) * s;
  const oy = 360 + (y - image[1] / 2) * s;
  return [Math.round(ox), Math.round(oy), Math.round(w * s), Math.round(h * s)];
}

describe('presentation → video against the player', () => {
  const dirs: string[] = [];
  const temp = (): string => {
    const dir = makeTempDir();
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach(removeTempDir));

  for (const name of RECORDINGS) {
    it(`${name.slice(0, 3)}: every reference frame SSIM ≥ 0.9, duration and beep in place`, async () => {
      const dir = join(FIXTURES, name);
      const work = temp();
      const out = join(work, 'out.mp4');
      const result = await renderVideo({
        dir,
        out,
        workDir: join(work, 'work'),
        ffmpeg: 'ffmpeg',
        ffprobe: 'ffprobe',
        width: 1280,
        height: 720,
        layout: 'slides',
        withChat: false,
        locale: 'en',
        fps: FPS,
      });
      const metadata = readFileSync(join(dir, 'metadata.xml'), 'utf8');
      const expected = Number(/<duration>(\d+)<\/duration>/.exec(metadata)?.[1]) / 1000;
      expect(Math.abs(result.durationS - expected)).toBeLessThanOrEqual(0.5);
      expect(result.warnings).toEqual([]);

      const reference = JSON.parse(
        readFileSync(join(dir, 'frames.json'), 'utf8'),
      ) as ReferenceFrames;
      const scores: Record<string, number> = {};
      for (const frame of reference.frames) {
        const ours = await loadGray(frameAt(out, Math.round(frame.time * FPS)), {
          crop: ourBox(frame.slideBox, reference.imageSize),
          size: [frame.slideBox[2], frame.slideBox[3]],
        });
        const theirs = await loadGray(join(dir, frame.file), { crop: frame.slideBox });
        scores[frame.time.toFixed(1)] = Number(ssim(ours, theirs).toFixed(3));
      }
      console.info(`${name.slice(0, 3)} SSIM per reference frame:`, JSON.stringify(scores));
      for (const score of Object.values(scores))
        expect(score, JSON.stringify(scores)).toBeGreaterThanOrEqual(0.9);

      expect(Math.abs(beepOnset(out) - 10)).toBeLessThanOrEqual(0.1);
    }, 120_000);
  }
});
