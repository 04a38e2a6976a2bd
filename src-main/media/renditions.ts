/**
 * Pod's rendition set as data (reference/pod-behaviour.md §2.4) and the choice of heights to encode
 * for a source (§2.6, §2.7), minus Pod's upscaling of small sources (§8.2.2).
 */

/** Pod's `VideoRendition` model, field for field, so a Pod configuration can be imported as is. */
export interface VideoRendition {
  /** `WxH`, e.g. `1280x720`; only the height is used. */
  resolution: string;
  /** Stored by Pod but never on its command line (§2.4). */
  minrate: string;
  /** Stored by Pod but never on its command line (§2.4). */
  video_bitrate: string;
  /** `-maxrate` and `-bufsize` (Pod sets bufsize equal to maxrate). */
  maxrate: string;
  audio_bitrate: string;
  encode_mp4: boolean;
  /** Percent: the rendition applies when `sourceHeight >= height * (1 - threshold / 100)`. */
  encoding_resolution_threshold: number;
}

/** Pod's defaults (VIDEO_RENDITIONS and the `initial_data.json` fixture, §2.4). */
export const podDefaultRenditions: readonly VideoRendition[] = [
  {
    resolution: '640x360',
    minrate: '500k',
    video_bitrate: '750k',
    maxrate: '1000k',
    audio_bitrate: '96k',
    encode_mp4: true,
    encoding_resolution_threshold: 0,
  },
  {
    resolution: '1280x720',
    minrate: '1000k',
    video_bitrate: '2000k',
    maxrate: '3000k',
    audio_bitrate: '128k',
    encode_mp4: true,
    encoding_resolution_threshold: 0,
  },
  {
    resolution: '1920x1080',
    minrate: '2000k',
    video_bitrate: '3000k',
    maxrate: '4500k',
    audio_bitrate: '192k',
    encode_mp4: false,
    encoding_resolution_threshold: 0,
  },
];

/** `1280x720` → 720. Throws on anything else: a rendition without a height cannot be encoded. */
export function parseRenditionHeight(resolution: string): number {
  const match = /^\s*(\d+)\s*[xX×]\s*(\d+)\s*$/.exec(resolution);
  const height = match ? Number(match[2]) : NaN;
  if (!Number.isInteger(height) || height <= 0) {
    throw new Error(`Rendition resolution "${resolution}" is not of the form WIDTHxHEIGHT`);
  }
  return height;
}

/** One height to encode, and the rendition (nominal height, bitrates, file names) it serves. */
export interface PlannedRendition {
  rendition: VideoRendition;
  /** From `resolution`; names the files (`360p.mp4`, `360p.m3u8`) as Pod does (§2.6). */
  nominalHeight: number;
  /** What is really encoded: `min(nominal, source)`, rounded down to even for 4:2:0. */
  height: number;
}

export interface RenditionPlan {
  /** Renditions written as `<nominal>p.mp4`, ascending. */
  mp4: PlannedRendition[];
  /** Renditions packaged as `<nominal>p.m3u8` + `<nominal>p.ts` and listed in the master. */
  hls: PlannedRendition[];
  /** Every distinct rendition to encode once (the union of the two lists), ascending. */
  encodes: PlannedRendition[];
}

const even = (n: number): number => Math.max(2, n - (n % 2));

/** Pod's "applies" rule (§2.4): with the default threshold 0, `sourceHeight >= height`. */
export const renditionApplies = (rendition: VideoRendition, sourceHeight: number): boolean => {
  const height = parseRenditionHeight(rendition.resolution);
  return sourceHeight >= height - (height * rendition.encoding_resolution_threshold) / 100;
};

function pick(sorted: readonly VideoRendition[], sourceHeight: number): PlannedRendition[] {
  const chosen: PlannedRendition[] = [];
  sorted.forEach((rendition, index) => {
    // The first (lowest) rendition is always produced (§2.6, §2.7), but never upscaled (§8.2.2).
    if (index > 0 && !renditionApplies(rendition, sourceHeight)) return;
    const nominalHeight = parseRenditionHeight(rendition.resolution);
    const height = even(Math.min(nominalHeight, sourceHeight));
    // With a large threshold two renditions can land on one height: encode it once.
    if (chosen.some((c) => c.height === height)) return;
    chosen.push({ rendition, nominalHeight, height });
  });
  return chosen;
}

const byHeight = (a: VideoRendition, b: VideoRendition): number =>
  parseRenditionHeight(a.resolution) - parseRenditionHeight(b.resolution);

/**
 * The heights to encode for a source whose displayed picture is `sourceHeight` high. MP4 uses the
 * renditions with `encode_mp4`, HLS all of them; in each list the lowest is always there, the others
 * when they apply. Unlike Pod, a source below the lowest rendition is not upscaled: a 180p source
 * gets one 180p variant for both (§8.2.2).
 */
export function selectRenditions(
  renditions: readonly VideoRendition[],
  sourceHeight: number,
): RenditionPlan {
  if (!(sourceHeight > 0)) throw new Error(`Source height ${String(sourceHeight)} is not positive`);
  const sorted = [...renditions].sort(byHeight);
  const mp4 = pick(
    sorted.filter((r) => r.encode_mp4),
    sourceHeight,
  );
  const hls = pick(sorted, sourceHeight);
  const encodes: PlannedRendition[] = [];
  for (const planned of [...mp4, ...hls]) {
    if (!encodes.some((e) => e.nominalHeight === planned.nominalHeight)) encodes.push(planned);
  }
  encodes.sort((a, b) => a.nominalHeight - b.nominalHeight);
  return { mp4, hls, encodes };
}
