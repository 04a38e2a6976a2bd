import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkMediaIntegrity, type IntegrityResult } from '../../src-main/media/integrity';
import { probeArgs } from '../../src-main/media/probe';
import { run } from '../../src-main/media/run';
import { makeClip, type ClipOptions } from '../helpers/clips';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

// The second stage of checkMediaIntegrity (src-main/media/tailCheck.ts) on real files made by
// Debian's ffmpeg 5.1 and read by its ffprobe: an upload cut short must not pass, a whole file of
// any common kind must.
const ffprobe = '/usr/bin/ffprobe';
const small = { width: 64, height: 48 };
const av = { ...small, audio: true, video: true } as const;
const audioOnly = { ...small, audio: true, video: false } as const;

const END_MISSING =
  'the end of the file is missing or damaged: the upload may have been interrupted';
const END_MISSING_FR =
  'la fin du fichier est absente ou abîmée : le transfert a peut-être été interrompu';

function failed(result: IntegrityResult) {
  if (result.ok) throw new Error(`expected the check to fail, got ${JSON.stringify(result.info)}`);
  return result;
}

describe('checkMediaIntegrity reads the end of the file', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir();
  });
  afterAll(() => removeTempDir(dir));

  const clip = (name: string, options: ClipOptions) => makeClip(dir, name, options);

  /** The first `bytes` bytes of `source`, as an interrupted upload leaves them. */
  function cut(source: string, name: string, bytes: (size: number) => number): string {
    const data = readFileSync(source);
    const path = join(dir, name);
    writeFileSync(path, data.subarray(0, bytes(data.length)));
    return path;
  }
  const percent = (p: number) => (size: number) => Math.floor((size * p) / 100);

  async function expectOk(path: string) {
    const result = await checkMediaIntegrity(path, { ffprobe });
    if (!result.ok) throw new Error(`expected ${path} to pass: ${result.reason.en}`);
    return result.info;
  }

  async function expectCut(path: string) {
    const result = failed(await checkMediaIntegrity(path, { ffprobe }));
    expect(result.problem).toBe('incomplete');
    return result;
  }

  describe('passes whole files', () => {
    it.each([
      ['an MP4 with its index last', 'plain', { container: 'mp4' }],
      [
        'an MP4 with its index first (faststart)',
        'faststart',
        { container: 'mp4', faststart: true },
      ],
      ['a Matroska file', 'matroska', { container: 'mkv' }],
      ['a WebM file', 'web', { container: 'webm' }],
      ['an MPEG-TS file', 'transport', { container: 'ts' }],
    ] as const)('%s', async (_label, name, extra) => {
      const info = await expectOk(await clip(name, { ...av, seconds: 6, ...extra }));
      expect(info.durationS).toBeGreaterThan(5.9);
    });

    it.each([
      ['an MP3', 'song', { container: 'mp3' }],
      ['an MP3 with a cover picture', 'covered', { container: 'mp3', coverArt: true }],
      ['an M4A with a cover picture', 'album', { container: 'm4a', coverArt: true }],
      ['a faststart M4A', 'fast-audio', { container: 'm4a', faststart: true }],
      ['a WAV', 'wave', { container: 'wav' }],
    ] as const)('%s (audio only)', async (_label, name, extra) => {
      await expectOk(await clip(name, { ...audioOnly, seconds: 6, ...extra }));
    });

    it('a video-only MP4', async () => {
      const path = await clip('mute', {
        ...small,
        audio: false,
        video: true,
        seconds: 6,
        container: 'mp4',
      });
      expect((await expectOk(path)).audioStreams).toEqual([]);
    });

    it('clips shorter than the 3 s it reads', async () => {
      for (const container of ['mp4', 'mkv', 'ts'] as const) {
        await expectOk(await clip(`short-${container}`, { ...av, seconds: 0.5, container }));
      }
      await expectOk(await clip('short-mp3', { ...audioOnly, seconds: 0.5, container: 'mp3' }));
      const fast = await clip('short-fast', {
        ...av,
        seconds: 0.5,
        container: 'mp4',
        faststart: true,
      });
      await expectOk(fast);
    });

    it('a file whose name starts with "-"', async () => {
      const source = await clip('dash', { ...av, seconds: 6, container: 'mp4', faststart: true });
      const awkward = join(dir, '-vf Cours été.mp4');
      copyFileSync(source, awkward);
      await expectOk(awkward);
      // And the tail run opens the right file when it is cut.
      await expectCut(cut(source, '-i coupé.mp4', percent(50)));
    });

    it('an MPEG-TS recording that starts mid-stream, which ffmpeg complains about at its start', async () => {
      // A recorder that joins a live stream: the first frames refer to a picture parameter set
      // sent before the file began. Both ffprobe runs print the same errors about them; only
      // errors the header read did not print count against the end.
      const whole = await clip('live', {
        ...av,
        seconds: 6,
        container: 'ts',
        outputArgs: ['-g', '20'],
      });
      const data = readFileSync(whole);
      const packets = Math.floor(data.length / 188);
      const path = join(dir, 'joined-late.ts');
      writeFileSync(path, data.subarray(Math.floor(packets / 6) * 188));
      const { stderrTail } = await run(ffprobe, probeArgs(path));
      expect(stderrTail).toContain('non-existing PPS');
      await expectOk(path);
    });
  });

  describe('fails uploads cut short', () => {
    let faststart: string;
    beforeAll(async () => {
      faststart = await clip('lecture', { ...av, seconds: 60, container: 'mp4', faststart: true });
    });

    it('a faststart MP4 cut at 50%, whose index is intact', async () => {
      const result = await expectCut(cut(faststart, 'lecture-50.mp4', percent(50)));
      expect(result.reason.en).toContain(`"lecture-50.mp4": ${END_MISSING}`);
      expect(result.reason.fr).toContain(`« lecture-50.mp4 » : ${END_MISSING_FR}`);
      expect(result.reason.en).toContain('1:00');
    });

    it('a faststart MP4 cut at 95%', async () => {
      const result = await expectCut(cut(faststart, 'lecture-95.mp4', percent(95)));
      expect(result.reason.en).toContain(END_MISSING);
    });

    it('a faststart MP4 cut at 95% of a short clip, caught by ffmpeg reading a partial sample', async () => {
      // 0.3 s missing is under the 2 s tolerance: here the demuxer's own error decides.
      const shortClip = await clip('brief', {
        ...av,
        seconds: 6,
        container: 'mp4',
        faststart: true,
      });
      const result = await expectCut(cut(shortClip, 'brief-95.mp4', percent(95)));
      expect(result.reason.en).toContain('ffprobe: ');
      expect(result.reason.en).toContain('partial file');
    });

    it('a Matroska file cut at 50%', async () => {
      const whole = await clip('talk', { ...av, seconds: 60, container: 'mkv' });
      const result = await expectCut(cut(whole, 'talk-50.mkv', percent(50)));
      expect(result.reason.en).toMatch(/the media stops at \d+\.\d s of the 1:00 its header/);
      expect(result.reason.en).toContain('File ended prematurely');
      expect(result.reason.fr).toContain("le média s'arrête à");
    });

    it('a WebM file cut at 50%', async () => {
      const whole = await clip('webcast', { ...av, seconds: 6, container: 'webm' });
      await expectCut(cut(whole, 'webcast-50.webm', percent(50)));
    });

    it('an MP3 with a Xing header (ffmpeg, LAME) cut at 50%', async () => {
      const whole = await clip('podcast', { ...audioOnly, seconds: 60, container: 'mp3' });
      const result = await expectCut(cut(whole, 'podcast-50.mp3', percent(50)));
      expect(result.reason.en).toMatch(/the media stops at \d+\.\d s of the 1:00 its header/);
    });

    it('an MPEG-TS file that ends in the middle of a transport packet', async () => {
      const whole = await clip('broadcast', { ...av, seconds: 60, container: 'ts' });
      let end = Math.floor(readFileSync(whole).length / 2 / 188) * 188 + 100;
      // Not a whole number of M2TS (192) or DVB (204) packets either.
      while (end % 192 === 0 || end % 204 === 0) end++;
      const result = await expectCut(cut(whole, 'broadcast-cut.ts', () => end));
      expect(result.reason.en).toContain('188-byte packets');
      expect(result.reason.fr).toContain('paquets entiers de 188 octets');
    });
  });

  describe('cannot see some cuts (the quiet period before the check is then the only guard)', () => {
    // These assertions document limits, not wishes: if ffmpeg learns to tell, they will fail and
    // the comments in tailCheck.ts must change with them.

    it('an MPEG-TS file cut on a transport packet boundary reads as a shorter valid one', async () => {
      // TS has no index and no stated duration: ffmpeg takes it from the last timestamps found.
      const whole = await clip('relay', { ...av, seconds: 60, container: 'ts' });
      const half = Math.floor(readFileSync(whole).length / 2 / 188) * 188;
      const info = await expectOk(cut(whole, 'relay-cut.ts', () => half));
      expect(info.durationS).toBeLessThan(40);
    });

    it('an MP3 without a Xing header cut at 50% reads as a shorter valid one', async () => {
      // Its duration is estimated from its size; a cut mid-frame only loses that frame.
      const whole = await clip('stream', {
        ...audioOnly,
        seconds: 60,
        container: 'mp3',
        outputArgs: ['-write_xing', '0'],
      });
      const info = await expectOk(cut(whole, 'stream-50.mp3', percent(50)));
      expect(info.durationS).toBeLessThan(40);
    });

    it('a WAV cut at 50% reads as a shorter valid one', async () => {
      // ffmpeg trusts the bytes present over the size the header promises.
      const whole = await clip('voice', { ...audioOnly, seconds: 60, container: 'wav' });
      const info = await expectOk(cut(whole, 'voice-50.wav', percent(50)));
      expect(info.durationS).toBeLessThan(40);
    });
  });

  it('reports a tail read that takes too long as a timeout, not a cut', async () => {
    const path = await clip('slow', { ...av, seconds: 6, container: 'mp4' });
    const result = failed(await checkMediaIntegrity(path, { ffprobe, tailTimeoutMs: 1 }));
    expect(result.problem).toBe('timeout');
    expect(result.reason.en).toContain('did not finish reading the end of it in time');
    expect(result.reason.fr).toContain("n'a pas fini d'en lire la fin à temps");
  });
});
