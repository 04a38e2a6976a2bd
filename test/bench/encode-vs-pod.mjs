// Issue #4 numbers: Régie's one-pass pipeline against Pod's command sequence, on the same clip.
// Pod's commands are reproduced from ../shared/reference/pod-behaviour.md §2.6–2.8 (HEAD):
// an MP4 pass (360p, 720p), an HLS pass (360p, 720p, 1080p; single_file) and an MP3 pass, each
// decoding the source again. Régie: `regie encode` (one decode, each height encoded once, HLS
// repackaged without re-encoding). Reports wall times, their ratio, Régie's speed as a multiple
// of real time, and the SSIM of every rendition against the source (both pipelines).
// Run: npm run build && node test/bench/encode-vs-pod.mjs   (SECONDS=60 by default)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const seconds = Number(process.env.SECONDS_OF_CLIP ?? 60);
// Pod always runs its default `slow`; Régie runs its default (medium) unless REGIE_PRESET is set.
const regiePreset = process.env.REGIE_PRESET;
const dir = mkdtempSync(join(tmpdir(), 'regie-bench-encode-'));
const source = join(dir, 'source.mp4');
const ffmpeg = (args) => {
  const result = spawnSync('ffmpeg', ['-hide_banner', '-nostdin', '-y', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (result.status !== 0)
    throw new Error(`ffmpeg ${args.join(' ')}\n${result.stderr.slice(-2000)}`);
  return result.stderr;
};
const timed = (fn) => {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
};

// A lecture-like 1080p source with motion and detail (testsrc2 + noise), with audio.
ffmpeg([
  '-f',
  'lavfi',
  '-i',
  `testsrc2=size=1920x1080:rate=25:duration=${seconds}`,
  '-f',
  'lavfi',
  '-i',
  `sine=frequency=440:duration=${seconds}`,
  '-vf',
  'noise=alls=8:allf=t',
  '-c:v',
  'libx264',
  '-preset',
  'veryfast',
  '-crf',
  '16',
  '-pix_fmt',
  'yuv420p',
  '-c:a',
  'aac',
  '-shortest',
  source,
]);

// Pod §2.6–2.8, literally (level 3, bufsize = maxrate, keyframe every second, CRF 20, slow).
const common = [
  '-c:v',
  'libx264',
  '-preset',
  'slow',
  '-profile:v',
  'high',
  '-pix_fmt',
  'yuv420p',
  '-level',
  '3',
  '-crf',
  '20',
  '-sc_threshold',
  '0',
  '-force_key_frames',
  'expr:gte(t,n_forced*1)',
  '-max_muxing_queue_size',
  '4000',
  '-c:a',
  'aac',
  '-ar',
  '48000',
];
const pod = join(dir, 'pod');
mkdirSync(pod);
const podTime = timed(() => {
  ffmpeg([
    '-threads',
    '0',
    '-i',
    source,
    '-map',
    '0:v:0',
    '-map',
    '0:a:0',
    ...common,
    '-vf',
    'scale=-2:360',
    '-maxrate',
    '1000k',
    '-bufsize',
    '1000k',
    '-b:a',
    '96k',
    '-movflags',
    'faststart',
    '-vsync',
    '0',
    join(pod, '360p.mp4'),
    '-map',
    '0:v:0',
    '-map',
    '0:a:0',
    ...common,
    '-vf',
    'scale=-2:720',
    '-maxrate',
    '3000k',
    '-bufsize',
    '3000k',
    '-b:a',
    '128k',
    '-movflags',
    'faststart',
    '-vsync',
    '0',
    join(pod, '720p.mp4'),
  ]);
  const hls = (h, max, audio) => [
    ...common,
    '-vf',
    `scale=-2:${h}`,
    '-maxrate',
    max,
    '-bufsize',
    max,
    '-b:a:0',
    audio,
    '-hls_playlist_type',
    'vod',
    '-hls_time',
    '2',
    '-hls_flags',
    'single_file',
    '-master_pl_name',
    `livestream${h}.m3u8`,
    join(pod, `${h}p.m3u8`),
  ];
  ffmpeg([
    '-threads',
    '0',
    '-i',
    source,
    ...hls(360, '1000k', '96k'),
    ...hls(720, '3000k', '128k'),
    ...hls(1080, '4500k', '192k'),
  ]);
  ffmpeg([
    '-threads',
    '0',
    '-i',
    source,
    '-vn',
    '-codec:a',
    'libmp3lame',
    '-qscale:a',
    '2',
    join(pod, 'audio_192k.mp3'),
  ]);
});

const regie = join(dir, 'regie');
const regieTime = timed(() =>
  execFileSync(
    process.execPath,
    [
      'bin/regie.js',
      'encode',
      source,
      '--out',
      regie,
      ...(regiePreset ? ['--preset', regiePreset] : []),
    ],
    { stdio: 'ignore' },
  ),
);

const ssim = (file, height) => {
  const log = ffmpeg([
    '-i',
    file,
    '-i',
    source,
    '-lavfi',
    `[1:v]scale=-2:${height}:flags=bicubic[ref];[0:v][ref]ssim`,
    '-f',
    'null',
    '-',
  ]);
  return Number(/All:([\d.]+)/.exec(log)?.[1] ?? NaN);
};
const rows = [
  ['360p.mp4', 360],
  ['720p.mp4', 720],
  ['360p.m3u8', 360],
  ['720p.m3u8', 720],
  ['1080p.m3u8', 1080],
].map(([file, height]) => ({
  file,
  pod: ssim(join(pod, file), height),
  regie: ssim(join(regie, file), height),
}));

console.log(
  `Encode benchmark: ${seconds} s 1080p25 source; Pod preset slow, Régie preset ${regiePreset ?? 'default (medium)'}; ${process.env.CI ? 'CI' : 'dev'} machine (2 shared cores)`,
);
console.log(
  `  Pod's sequence: ${podTime.toFixed(1)} s; Régie: ${regieTime.toFixed(1)} s; ratio ${(regieTime / podTime).toFixed(2)} (goal ≤ 0.60)`,
);
console.log(
  `  load average at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(`  Régie's speed: ${(seconds / regieTime).toFixed(2)}× real time`);
for (const r of rows)
  console.log(
    `  SSIM ${r.file.padEnd(11)} Pod ${r.pod.toFixed(4)}  Régie ${r.regie.toFixed(4)}  Δ ${(r.regie - r.pod).toFixed(4)}`,
  );
rmSync(dir, { recursive: true, force: true });
