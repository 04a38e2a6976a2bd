/** Thumbnails, cover art and the overview sprite (reference/pod-behaviour.md §2.9). */

/** Pod's FFMPEG_NB_THUMBNAIL. */
export const thumbnailCount = 3;

/**
 * Where the thumbnails are taken: 0, d/3, 2d/3 (Pod's `fps=1/(d/3)` frames), without Pod's
 * division by zero at duration 0 (§8.2.5): a zero or unknown duration gives the first frame only.
 */
export function thumbnailTimes(durationS: number): number[] {
  if (!(durationS > 0)) return [0];
  return Array.from({ length: thumbnailCount }, (_, i) => (durationS * i) / thumbnailCount);
}

// Pod: ffmpeg -i 360p.mp4 -vf "fps=1/(<d>/3)" -vsync vfr thumbnail_%04d.png. Ours seeks to each
// time on the input (fast, and works on a clip shorter than a second):
//   ffmpeg -hide_banner -nostdin -y -ss 1.333 -i file:360p.mp4 -map 0:v:0 -frames:v 1 file:thumbnail_0002.png
export function thumbnailCommand(options: {
  input: string;
  timeS: number;
  output: string;
}): string[] {
  return [
    ...['-hide_banner', '-nostdin', '-y', '-ss', options.timeS.toFixed(3)],
    ...['-i', `file:${options.input}`, '-map', '0:v:0', '-frames:v', '1', `file:${options.output}`],
  ];
}

// Pod: ffmpeg -i <in> -map 0:<idx> -an -c:v copy thumbnail_<idx>.png, which stores JPEG bytes under
// a .png name. Ours decodes the picture and writes a real PNG:
//   ffmpeg -hide_banner -nostdin -y -i file:<in> -map 0:<idx> -frames:v 1 -c:v png file:thumbnail_<idx>.png
export function coverArtCommand(options: {
  input: string;
  streamIndex: number;
  output: string;
}): string[] {
  return [
    ...['-hide_banner', '-nostdin', '-y', '-i', `file:${options.input}`],
    ...['-map', `0:${String(options.streamIndex)}`, '-frames:v', '1', '-c:v', 'png'],
    `file:${options.output}`,
  ];
}

export interface OverviewPlan {
  /** Tiles: 100 from 100 s on, else 10 (Pod). */
  count: number;
  tileWidth: number;
  /** Pod's 90 px. */
  tileHeight: number;
  columns: number;
  rows: number;
}

const TILE_HEIGHT = 90;
const COLUMNS = 10;

/**
 * The sprite for a video of `durationS` whose displayed picture is `width`×`height`; null below
 * 10 s as in Pod. A grid of 10 columns instead of Pod's single 16,000-px row (§8.2.6).
 */
export function overviewPlan(
  durationS: number,
  width: number,
  height: number,
): OverviewPlan | null {
  if (!(durationS >= 10) || width <= 0 || height <= 0) return null;
  const count = durationS >= 100 ? 100 : 10;
  const tileWidth = Math.max(2, Math.trunc(width / (height / TILE_HEIGHT)));
  const columns = Math.min(COLUMNS, count);
  return { count, tileWidth, tileHeight: TILE_HEIGHT, columns, rows: Math.ceil(count / columns) };
}

// Pod: ffmpeg -i <in> -vf "fps=fps=(N/d), scale=<w>x90, tile=<N>x1" -frames:v 1 overview.png
//   ffmpeg -hide_banner -nostdin -y -i file:360p.mp4 -map 0:v:0 \
//     -vf "fps=fps=10/12.5,scale=160:90,tile=10x1" -frames:v 1 file:overview.png
export function overviewCommand(options: {
  input: string;
  plan: OverviewPlan;
  durationS: number;
  output: string;
}): string[] {
  const { plan } = options;
  const filter = [
    `fps=fps=${String(plan.count)}/${String(options.durationS)}`,
    `scale=${String(plan.tileWidth)}:${String(plan.tileHeight)}`,
    `tile=${String(plan.columns)}x${String(plan.rows)}`,
  ].join(',');
  return [
    ...['-hide_banner', '-nostdin', '-y', '-i', `file:${options.input}`, '-map', '0:v:0'],
    ...['-vf', filter, '-frames:v', '1', `file:${options.output}`],
  ];
}

/** `HH:MM:SS.mmm`. */
export function vttTimestamp(seconds: number): string {
  const ms = Math.round(Math.max(0, seconds) * 1000);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** `overview.vtt`: cue i covers d·i/N to d·(i+1)/N and points at its tile with `#xywh=`. Pure. */
export function overviewVtt(
  plan: OverviewPlan,
  durationS: number,
  imageName = 'overview.png',
): string {
  const cues = Array.from({ length: plan.count }, (_, i) => {
    const x = (i % plan.columns) * plan.tileWidth;
    const y = Math.floor(i / plan.columns) * plan.tileHeight;
    const start = vttTimestamp((durationS * i) / plan.count);
    const end = vttTimestamp((durationS * (i + 1)) / plan.count);
    const xywh = `${String(x)},${String(y)},${String(plan.tileWidth)},${String(plan.tileHeight)}`;
    return `${start} --> ${end}\n${imageName}#xywh=${xywh}`;
  });
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}
