import { execFileSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderVideo } from '../../src-main/presentation/methods/render';
import { playerFrameRecording } from '../helpers/presentationServer';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

/**
 * captions.json + caption_<locale>.vtt (bbb.md §2) become the video's subtitle tracks, which
 * the encoding pipeline turns into Pod's WebVTT tracks; a caption file ffmpeg cannot read costs
 * the subtitles, with a warning, not the video.
 */
const dir = makeTempDir();
afterAll(() => removeTempDir(dir));
const SYNTHETIC_VTT = join(
  __dirname,
  '../fixtures/bbb/derived/presentation-synthetic/0123456789abcdef0123456789abcdef01234567-1700000000000/caption_fr.vtt',
);

async function convert(name: string, vtt: string | null) {
  const recording = join(dir, name);
  cpSync(playerFrameRecording('v25').folder, recording, { recursive: true });
  writeFileSync(join(recording, 'captions.json'), '[{"locale":"fr","localeName":"Français"}]');
  if (vtt === null) cpSync(SYNTHETIC_VTT, join(recording, 'caption_fr.vtt'));
  else writeFileSync(join(recording, 'caption_fr.vtt'), vtt);
  const out = join(dir, `${name}.mp4`);
  const result = await renderVideo({
    dir: recording,
    out,
    workDir: join(dir, `${name}-work`),
    ffmpeg: 'ffmpeg',
    ffprobe: 'ffprobe',
    width: 640,
    height: 360,
    layout: 'slides',
    withChat: false,
    locale: 'fr',
    fps: 10,
  });
  const probe = JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', out], {
      encoding: 'utf8',
    }),
  ) as { streams: { codec_type: string; codec_name: string; tags?: { language?: string } }[] };
  return { result, subtitles: probe.streams.filter((s) => s.codec_type === 'subtitle') };
}

describe('captions', () => {
  it('caption_fr.vtt becomes a French mov_text subtitle track', async () => {
    const { result, subtitles } = await convert('good', null);
    expect(result.warnings).toEqual([]);
    expect(subtitles.map((s) => [s.codec_name, s.tags?.language])).toEqual([['mov_text', 'fre']]);
  }, 60_000);

  it('an unreadable caption file: the video without subtitles, and a warning naming the file', async () => {
    const { result, subtitles } = await convert('bad', 'not a subtitle file at all\n\u0000\u0001');
    expect(subtitles).toEqual([]);
    expect(result.warnings.map((w) => w.file)).toEqual(['caption_fr.vtt']);
    expect(Math.abs(result.durationS - 40)).toBeLessThan(0.5);
  }, 60_000);
});
