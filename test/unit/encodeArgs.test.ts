import { describe, it, expect } from 'vitest';
import {
  encodeCommand,
  encodeFilterGraph,
  parseProgress,
  progressReader,
  type Progress,
} from '../../src-main/media/encodeArgs';
import { podDefaultRenditions, selectRenditions } from '../../src-main/media/renditions';

const plan = selectRenditions(podDefaultRenditions, 1080);
const videos = plan.encodes.map((planned) => ({
  planned,
  mp4Path: `/out/${String(planned.nominalHeight)}p.mp4`,
}));

describe('encodeFilterGraph', () => {
  it('decodes the first real video stream once and splits it per height', () => {
    expect(encodeFilterGraph([360, 720])).toBe(
      '[0:V:0]split=2[s0][s1];[s0]scale=-2:360,format=yuv420p[v0];[s1]scale=-2:720,format=yuv420p[v1]',
    );
  });
  it('needs no split for one height', () => {
    expect(encodeFilterGraph([180])).toBe('[0:V:0]scale=-2:180,format=yuv420p[v0]');
  });
});

describe('encodeCommand', () => {
  const args = encodeCommand({
    input: '/in/-odd name.mp4',
    videos,
    hasAudio: true,
    mp3Path: '/out/audio_192k.mp3',
  });
  const joined = args.join(' ');

  it('has one input, read as a file, and progress on stdout', () => {
    expect(args.filter((a) => a === '-i')).toHaveLength(1);
    expect(args).toContain('file:/in/-odd name.mp4');
    expect(joined).toContain('-progress pipe:1 -nostats');
  });

  it("encodes each height once with Pod's parameters (Régie's medium preset) and its rendition's rates", () => {
    expect(joined).toContain(
      '-map [v0] -map 0:a:0 -c:v libx264 -preset medium -profile:v high -crf 20 ' +
        '-maxrate 1000k -bufsize 1000k -sc_threshold 0 -force_key_frames expr:gte(t,n_forced*1)',
    );
    expect(joined).toContain('-c:a aac -ar 48000 -b:a 96k -movflags +faststart file:/out/360p.mp4');
    expect(joined).toContain('-maxrate 4500k -bufsize 4500k');
    expect(joined).toContain('-b:a 192k -movflags +faststart file:/out/1080p.mp4');
    expect(args.filter((a) => a === 'libx264')).toHaveLength(3);
  });

  it('adds the VBR MP3 from the same decode', () => {
    expect(joined.endsWith('-map 0:a:0 -vn -c:a libmp3lame -q:a 2 file:/out/audio_192k.mp3')).toBe(
      true,
    );
  });

  it('takes the preset from the options', () => {
    const fast = encodeCommand({ input: '/a', videos, hasAudio: false, preset: 'ultrafast' });
    expect(fast).toContain('ultrafast');
    expect(fast).not.toContain('0:a:0');
  });

  it('writes MP3 with its cover and M4A for an audio-only source, with no filter', () => {
    const audio = encodeCommand({
      input: '/a.mp3',
      videos: [],
      hasAudio: true,
      mp3Path: '/o/audio_192k.mp3',
      m4aPath: '/o/audio_192k.m4a',
      coverArtStreamIndex: 1,
    }).join(' ');
    expect(audio).not.toContain('-filter_complex');
    expect(audio).toContain('-map 0:a:0 -map 0:1 -c:v copy -disposition:v:0 attached_pic');
    expect(audio).toContain(
      '-map 0:a:0 -vn -c:a aac -b:a 192k -movflags +faststart file:/o/audio_192k.m4a',
    );
  });
});

describe('parseProgress', () => {
  it('reads a -progress block', () => {
    const block = [
      'frame=48',
      'fps=24.00',
      'out_time_us=2000000',
      'out_time_ms=2000000',
      'out_time=00:00:02.000000',
      'speed=1.5x',
      'progress=continue',
    ];
    expect(parseProgress(block)).toEqual({ outTimeS: 2, speed: 1.5, isEnd: false });
  });

  it('reads N/A as unknown and sees the end', () => {
    expect(parseProgress(['out_time_us=N/A', 'speed=N/A', 'progress=end'])).toEqual({
      outTimeS: null,
      speed: null,
      isEnd: true,
    });
  });

  it('groups lines into blocks', () => {
    const seen: Progress[] = [];
    const feed = progressReader((p) => seen.push(p));
    [
      'out_time_us=500000',
      'speed=2x',
      'progress=continue',
      'out_time_us=1000000',
      'progress=end',
    ].forEach(feed);
    expect(seen).toEqual([
      { outTimeS: 0.5, speed: 2, isEnd: false },
      { outTimeS: 1, speed: null, isEnd: true },
    ]);
  });
});
