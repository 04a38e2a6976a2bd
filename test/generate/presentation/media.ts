/**
 * Media of a synthetic recording with ffmpeg (spawned with an argument array):
 * - audio: a quiet 330 Hz sine with a 1 kHz beep at 10.0–10.2 s (like the player fixtures), Opus mono;
 * - video/webcams.webm: VP8 320×240 10 fps test pattern, all white at 10.0–10.2 s, + that audio;
 * - deskshare/deskshare.webm: VP8 1280×720 5 fps over the whole timeline, black outside the intervals.
 * Long videos are short clips stream-copied end to end by the concat demuxer (each list entry has
 * an exact `duration`), so 30 minutes cost a few clip encodes, not 30 minutes of VP8 (libvpx at
 * `-cpu-used 16`, its fastest realtime setting: ~12 ms a 720p frame here against ~68 at 8).
 */
import { spawn } from 'node:child_process';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

async function ffmpeg(args: string[]): Promise<void> {
  const child = spawn('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => {
    stderr = (stderr + data.toString()).slice(-4000);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed (${code}): ${stderr}`);
}

/** Writes `path` through a temporary name, so an interrupted run leaves no half file behind. */
async function atomically(
  path: string,
  write: (temporary: string) => Promise<void>,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.tmp-${process.pid}-${path.split('/').pop() ?? 'out'}`);
  await write(temporary);
  await rename(temporary, path);
}

const beep = { start: 10, end: 10.2 };

export async function writeAudio(path: string, durationS: number): Promise<void> {
  // 480-sample frames (10 ms) make the beep's volume switch land exactly on 10.000 s. The sine
  // source's amplitude is 1/8 (ffmpeg-filters "sine"): ×0.4 gives 0.05, ×4.8 gives 0.6.
  const sine = (frequency: number, duration: number) =>
    `sine=f=${frequency}:r=48000:samples_per_frame=480:d=${duration}`;
  await atomically(path, (temporary) =>
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      sine(330, durationS),
      '-f',
      'lavfi',
      '-i',
      sine(1000, Math.min(durationS, beep.end)),
      '-filter_complex',
      `[0]volume=0.4[a];[1]volume='4.8*gte(t,${beep.start - 0.0005})':eval=frame[b];[a][b]amix=inputs=2:duration=first:normalize=0`,
      '-ac',
      '1',
      '-c:a',
      'libopus',
      '-b:a',
      '32k',
      '-compression_level',
      '0',
      '-f',
      'webm',
      temporary,
    ]),
  );
}

interface Piece {
  /** Clip cache key: clips with the same key and length are encoded once. */
  key: string;
  frames: number;
  /** Frames per clip; the remainder is the start of one more clip (concat `outpoint`): one encode a piece. */
  chunk: number;
  /** lavfi graph of the clip (its own time starts at 0). */
  source: string;
}

interface Track {
  fps: number;
  bitrate: string;
  pieces: Piece[];
}

/** Encodes each distinct clip once, then concatenates them with stream copy. */
async function tiledVideo(
  track: Track,
  work: string,
  extraInputs: string[],
  output: string,
): Promise<void> {
  await mkdir(work, { recursive: true });
  const clips = new Map<string, string>();
  const entries: string[] = [];
  const clip = async (piece: Piece, frames: number, used: number) => {
    const name = `${piece.key}-${frames}`;
    let path = clips.get(name);
    if (!path) {
      path = join(work, `${name}.webm`);
      clips.set(name, path);
      await ffmpeg([
        '-f',
        'lavfi',
        '-i',
        piece.source,
        '-frames:v',
        String(frames),
        '-c:v',
        'libvpx',
        '-deadline',
        'realtime',
        '-cpu-used',
        '16',
        '-b:v',
        track.bitrate,
        '-g',
        String(frames),
        '-an',
        path,
      ]);
    }
    const seconds = (used / track.fps).toFixed(6);
    entries.push(
      `file '${path}'\n${used < frames ? `outpoint ${seconds}\n` : ''}duration ${seconds}\n`,
    );
  };
  for (const piece of track.pieces) {
    const whole = Math.floor(piece.frames / piece.chunk);
    for (let i = 0; i < whole; i++) await clip(piece, piece.chunk, piece.chunk);
    const rest = piece.frames - whole * piece.chunk;
    if (rest > 0) await clip(piece, piece.chunk, rest);
  }
  const list = join(work, 'list.txt');
  await writeFile(list, `ffconcat version 1.0\n${entries.join('')}`);
  const hasAudio = extraInputs.length > 0;
  await atomically(output, (temporary) =>
    ffmpeg([
      '-f',
      'concat',
      '-safe',
      '0',
      '-i',
      list,
      ...extraInputs,
      '-map',
      '0:v',
      ...(hasAudio ? ['-map', '1:a'] : []),
      '-c',
      'copy',
      '-f',
      'webm',
      temporary,
    ]),
  );
}

export async function writeWebcams(
  dir: string,
  durationS: number,
  mode: 'video' | 'audio-only',
): Promise<void> {
  const work = join(dir, '.generate-tmp');
  try {
    const audio = mode === 'video' ? join(work, 'audio.webm') : join(dir, 'audio', 'audio.webm');
    await mkdir(work, { recursive: true });
    await writeAudio(audio, durationS);
    if (mode === 'audio-only') return;
    const fps = 10;
    const total = Math.round(durationS * fps);
    const pattern = `testsrc=size=320x240:rate=${fps}`;
    // The first 20 s carry the white flash at 10.0–10.2 s (frames 100 and 101), the rest repeats a plain clip.
    const head = Math.min(total, 20 * fps);
    const flash = `drawbox=c=white:t=fill:enable='between(n,${beep.start * fps},${beep.end * fps - 1})'`;
    const pieces: Piece[] = [
      { key: 'cam-head', frames: head, chunk: head, source: `${pattern},${flash}` },
    ];
    if (total > head)
      pieces.push({ key: 'cam', frames: total - head, chunk: 10 * fps, source: pattern });
    await tiledVideo(
      { fps, bitrate: '150k', pieces },
      work,
      ['-i', audio],
      join(dir, 'video', 'webcams.webm'),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export async function writeDeskshare(
  dir: string,
  durationS: number,
  intervals: { start: number; end: number }[],
): Promise<void> {
  const work = join(dir, '.generate-tmp-deskshare');
  const fps = 5;
  const total = Math.round(durationS * fps);
  const pieces: Piece[] = [];
  let at = 0;
  const add = (key: string, source: string, until: number) => {
    const end = Math.min(total, Math.max(at, Math.round(until * fps)));
    // 2 s clips: deskshare clips are 720p, where each encoded frame counts.
    if (end > at) pieces.push({ key, frames: end - at, chunk: 2 * fps, source });
    at = end;
  };
  const black = `color=c=black:size=1280x720:rate=${fps},format=yuv420p`;
  for (const { start, end } of [...intervals].sort((a, b) => a.start - b.start)) {
    add('desk-black', black, start);
    add('desk-content', `testsrc=size=1280x720:rate=${fps}`, end);
  }
  add('desk-black', black, durationS);
  try {
    await tiledVideo(
      { fps, bitrate: '400k', pieces },
      work,
      [],
      join(dir, 'deskshare', 'deskshare.webm'),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
