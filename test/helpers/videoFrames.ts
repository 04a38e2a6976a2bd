import { execFileSync } from 'node:child_process';

/** Frame `index` of `video` as PNG (selected by number: no seek rounding). */
export function frameAt(video: string, index: number): Buffer {
  return execFileSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-i',
      video,
      '-vf',
      `select=eq(n\\,${index})`,
      '-frames:v',
      '1',
      '-f',
      'image2pipe',
      '-c:v',
      'png',
      '-',
    ],
    { maxBuffer: 64 << 20 },
  );
}

/**
 * Seconds at which a 1 kHz tone first rises in `video`'s audio (mono 8 kHz PCM, 2.5 ms steps):
 * the beep the player-frame fixtures put at 10 s (test/fixtures/bbb/player-frames/README.md).
 */
export function beepOnset(video: string): number {
  const pcm = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', video, '-map', '0:a:0', '-ac', '1', '-ar', '8000', '-f', 's16le', '-'],
    { maxBuffer: 64 << 20 },
  );
  const samples = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length >> 1);
  // Goertzel at 1 kHz over 5 ms windows: the sine at 330 Hz stays far below the beep.
  const window = 40;
  const coefficient = 2 * Math.cos((2 * Math.PI * 1000) / 8000);
  for (let start = 0; start + window <= samples.length; start += window / 2) {
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < window; i++) {
      const s0 = (samples[start + i] ?? 0) / 32768 + coefficient * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    const power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    if (power > 20) return start / 8000;
  }
  return Number.NaN;
}
