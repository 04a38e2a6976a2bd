import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { liveChildren } from '../../src-main/media/children';
import { renderVideo } from '../../src-main/presentation/methods/render';
import { rejectionOf } from '../helpers/errors';
import { playerFrameRecording } from '../helpers/presentationServer';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

/** Issue #10 §6: a conversion is cancellable; nothing of it keeps running or stays behind. */
const dir = makeTempDir();
afterAll(() => removeTempDir(dir));

describe('cancelling a conversion', () => {
  it('stops its ffmpeg at once and leaves no output', async () => {
    const controller = new AbortController();
    const out = join(dir, 'out.mp4');
    const error = await rejectionOf(
      renderVideo({
        dir: playerFrameRecording('v30').folder,
        out,
        workDir: join(dir, 'work'),
        ffmpeg: 'ffmpeg',
        ffprobe: 'ffprobe',
        width: 640,
        height: 360,
        layout: 'slides',
        withChat: false,
        locale: 'en',
        fps: 10,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'compose') controller.abort();
        },
      }),
    );
    expect(error).toMatchObject({ code: 'cancelled' });
    expect(liveChildren()).toEqual([]);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.mp4') || f.includes('.part'))).toEqual([]);
  }, 60_000);
});
