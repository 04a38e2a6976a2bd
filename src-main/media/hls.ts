/**
 * HLS from the encoded MP4s without re-encoding, and the master playlist written directly
 * (reference/pod-behaviour.md §2.7, §8.2.4: Pod stitches partial masters and loses variants).
 */

// Pod encodes HLS a second time from the source (§2.7). We repackage the MP4 of the same height:
//   ffmpeg -hide_banner -nostdin -y -i file:360p.mp4 -map 0 -c copy -f hls -hls_playlist_type vod \
//     -hls_time 2 -hls_flags single_file -hls_segment_filename file:360p.ts file:360p.m3u8
/** Packages one MP4 as a VOD playlist with one `.ts` and byte-range segments. Pure. */
export function hlsPackageCommand(options: {
  mp4Path: string;
  m3u8Path: string;
  tsPath: string;
  segmentS?: number;
}): string[] {
  return [
    ...[
      '-hide_banner',
      '-nostdin',
      '-y',
      '-i',
      `file:${options.mp4Path}`,
      '-map',
      '0',
      '-c',
      'copy',
    ],
    ...['-f', 'hls', '-hls_playlist_type', 'vod', '-hls_time', String(options.segmentS ?? 2)],
    ...['-hls_flags', 'single_file', '-hls_segment_filename', `file:${options.tsPath}`],
    `file:${options.m3u8Path}`,
  ];
}

export interface Segment {
  durationS: number;
  /** From `#EXT-X-BYTERANGE`; null in a playlist of whole files. */
  bytes: number | null;
}

/** The segments of a media playlist: `#EXTINF` durations and `#EXT-X-BYTERANGE` lengths. Pure. */
export function parseMediaPlaylist(text: string): Segment[] {
  const segments: Segment[] = [];
  let duration: number | null = null;
  let bytes: number | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#EXTINF:')) duration = Number.parseFloat(line.slice(8));
    else if (line.startsWith('#EXT-X-BYTERANGE:')) bytes = Number.parseInt(line.slice(17), 10);
    else if (line !== '' && !line.startsWith('#') && duration !== null) {
      segments.push({ durationS: duration, bytes: Number.isFinite(bytes) ? bytes : null });
      duration = null;
      bytes = null;
    }
  }
  return segments;
}

/**
 * BANDWIDTH (the peak segment bit rate) and AVERAGE-BANDWIDTH (the whole stream) in bits per
 * second, as RFC 8216 §4.3.4.2 defines them. `totalBytes` is used when segments have no byte range.
 */
export function playlistBandwidth(
  segments: readonly Segment[],
  totalBytes: number,
): { peak: number; average: number } {
  const durationS = segments.reduce((sum, s) => sum + s.durationS, 0);
  const average = durationS > 0 ? Math.ceil((totalBytes * 8) / durationS) : 0;
  const rates = segments
    .filter((s) => s.bytes !== null && s.durationS > 0)
    .map((s) => Math.ceil(((s.bytes ?? 0) * 8) / s.durationS));
  return { peak: Math.max(average, ...rates), average };
}

/** `avc1.PPCCLL`: profile_idc, constraint flags, level_idc in hex (RFC 6381 §3.3). */
export function avcCodecString(profile: string | null, level: number | null): string {
  const profiles: Record<string, number> = {
    baseline: 0x42,
    'constrained baseline': 0x42,
    main: 0x4d,
    high: 0x64,
    'high 10': 0x6e,
  };
  const idc = profiles[(profile ?? '').toLowerCase()] ?? 0x64;
  const constraints = (profile ?? '').toLowerCase() === 'constrained baseline' ? 0xc0 : 0;
  const hex = (n: number): string => n.toString(16).padStart(2, '0');
  return `avc1.${hex(idc)}${hex(constraints)}${hex(level !== null && level > 0 ? level : 0x28)}`;
}

export interface MasterVariant {
  /** Relative to the master, e.g. `720p.m3u8`. */
  uri: string;
  bandwidth: number;
  averageBandwidth: number;
  width: number;
  height: number;
  /** e.g. `avc1.64001f,mp4a.40.2`. */
  codecs: string;
  frameRate?: number | null;
}

/** `livestream.m3u8`: every variant, lowest first (RFC 8216 §4.3.4.2). Pure. */
export function masterPlaylist(variants: readonly MasterVariant[]): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const v of [...variants].sort((a, b) => a.height - b.height)) {
    const attributes = [
      `BANDWIDTH=${String(Math.round(v.bandwidth))}`,
      `AVERAGE-BANDWIDTH=${String(Math.round(v.averageBandwidth))}`,
      `RESOLUTION=${String(v.width)}x${String(v.height)}`,
    ];
    if (v.frameRate != null && v.frameRate > 0) {
      attributes.push(`FRAME-RATE=${v.frameRate.toFixed(3)}`);
    }
    attributes.push(`CODECS="${v.codecs}"`);
    lines.push(`#EXT-X-STREAM-INF:${attributes.join(',')}`, v.uri);
  }
  return `${lines.join('\n')}\n`;
}
