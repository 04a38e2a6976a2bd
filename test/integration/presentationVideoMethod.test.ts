import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertRecording } from '../../src-main/presentation/convert';
import { startBbbSimulator, type BbbSimulator } from '../helpers/bbbSimulator';
import { makeClip } from '../helpers/clips';
import { playerFrameRecording } from '../helpers/presentationServer';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

/**
 * Issue #10 §2, method `video`: when the server published BBB's own `video` format, `auto`
 * downloads it (verified) and draws nothing; `render` asked for explicitly draws anyway.
 */
let dir: string;
let sim: BbbSimulator;
const v25 = playerFrameRecording('v25');

beforeAll(async () => {
  dir = makeTempDir();
  sim = await startBbbSimulator({ flavour: 'bbb-2.7' });
  const clip = await makeClip(dir, 'video-0', {
    seconds: 3,
    width: 320,
    height: 240,
    audio: true,
    video: true,
    container: 'mp4',
  });
  sim.videoFiles.set(v25.recordId, clip);
  sim.presentation.recordings.set(v25.recordId, v25.folder);
}, 60_000);
afterAll(async () => {
  await sim.close();
  removeTempDir(dir);
});

const request = (method: 'auto' | 'render', out: string) => ({
  source: {
    playbackUrl: `${sim.host}/playback/presentation/2.3/${v25.recordId}`,
    videoUrl: `${sim.host}/playback/video/${v25.recordId}/`,
  },
  method,
  out,
  workRoot: join(dir, 'work'),
  ffmpeg: 'ffmpeg',
  ffprobe: 'ffprobe',
  width: 640,
  height: 360,
  layout: 'slides' as const,
  withChat: false,
  locale: 'en' as const,
  fps: 10,
});

describe('method video', () => {
  it('auto takes BBB’s own video format when there is one', async () => {
    const result = await convertRecording(request('auto', join(dir, 'auto.mp4')));
    expect(result).toMatchObject({ method: 'video', width: 320, height: 240, pictures: 0 });
    expect(Math.abs(result.durationS - 3)).toBeLessThan(0.2);
  });

  it('render draws the presentation even then', async () => {
    const result = await convertRecording(request('render', join(dir, 'render.mp4')));
    expect(result).toMatchObject({ method: 'render', width: 640, height: 360 });
    expect(Math.abs(result.durationS - 40)).toBeLessThan(0.5);
  }, 60_000);
});
