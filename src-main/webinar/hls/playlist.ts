/**
 * HLS playlists as the health probe needs them (RFC 8216 §4): a master playlist's variants with
 * their RESOLUTION and BANDWIDTH, a media playlist's target duration and segments. Tags the probe
 * does not use are skipped; a body that does not start with `#EXTM3U` is not a playlist.
 */

export interface HlsVariant {
  /** As written: relative to the master playlist's URL. */
  uri: string;
  /** Bits per second (peak), from BANDWIDTH. */
  bandwidth: number | null;
  width: number | null;
  height: number | null;
}

export interface HlsSegment {
  uri: string;
  /** EXTINF, seconds. */
  durationSeconds: number;
  /** EXT-X-MEDIA-SEQUENCE + its position: names may repeat after a publisher restarts. */
  sequence: number;
}

export type HlsPlaylist =
  | { kind: 'master'; variants: HlsVariant[] }
  | {
      kind: 'media';
      targetDurationSeconds: number | null;
      segments: HlsSegment[];
      /** #EXT-X-ENDLIST: the broadcast is over (nginx-rtmp never writes it: reference/bbb.md §5). */
      hasEnded: boolean;
    };

/** Thrown for a body that is not an HLS playlist (an HTML error page, a proxy's JSON…). */
export class PlaylistSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlaylistSyntaxError';
  }
}

/** `BANDWIDTH=800000,RESOLUTION=640x360,CODECS="avc1.42c01e,mp4a.40.2"` → a map (RFC 8216 §4.2). */
export function parseAttributes(list: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const pattern = /([A-Z0-9-]+)=("[^"]*"|[^,]*)(?:,|$)/g;
  for (const match of list.matchAll(pattern)) {
    const [, name = '', raw = ''] = match;
    attributes.set(name, raw.startsWith('"') ? raw.slice(1, -1) : raw.trim());
  }
  return attributes;
}

const positive = (text: string | undefined): number | null => {
  const n = Number(text);
  return text !== undefined && text !== '' && Number.isFinite(n) && n > 0 ? n : null;
};

/** `640x360` → width and height; anything else → nulls. */
export function parseResolution(text: string | undefined): {
  width: number | null;
  height: number | null;
} {
  const match = /^(\d+)x(\d+)$/i.exec(text?.trim() ?? '');
  return match
    ? { width: Number(match[1]), height: Number(match[2]) }
    : { width: null, height: null };
}

/**
 * Parses a playlist. An empty body is an empty media playlist (what a server that has nothing yet
 * may answer); anything else not starting with `#EXTM3U` throws PlaylistSyntaxError.
 */
export function parsePlaylist(body: string): HlsPlaylist {
  const lines = body
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length === 0)
    return { kind: 'media', targetDurationSeconds: null, segments: [], hasEnded: false };
  if (lines[0] !== '#EXTM3U') {
    throw new PlaylistSyntaxError(`starts with "${(lines[0] ?? '').slice(0, 40)}", not #EXTM3U`);
  }
  const variants: HlsVariant[] = [];
  const segments: HlsSegment[] = [];
  let targetDurationSeconds: number | null = null;
  let mediaSequence = 0;
  let hasEnded = false;
  let pendingVariant: Omit<HlsVariant, 'uri'> | null = null;
  let pendingDuration: number | null = null;
  for (const line of lines.slice(1)) {
    if (line.startsWith('#')) {
      const colon = line.indexOf(':');
      const tag = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1);
      if (tag === '#EXT-X-STREAM-INF') {
        const attributes = parseAttributes(value);
        pendingVariant = {
          bandwidth: positive(attributes.get('BANDWIDTH')),
          ...parseResolution(attributes.get('RESOLUTION')),
        };
      } else if (tag === '#EXTINF') {
        // `#EXTINF:1.000,` or `#EXTINF:1.000,title`
        pendingDuration = Number(value.split(',')[0]);
        if (!Number.isFinite(pendingDuration) || pendingDuration < 0) {
          throw new PlaylistSyntaxError(`#EXTINF "${value}" is not a duration`);
        }
      } else if (tag === '#EXT-X-TARGETDURATION') {
        targetDurationSeconds = positive(value);
      } else if (tag === '#EXT-X-MEDIA-SEQUENCE') {
        mediaSequence = Number.parseInt(value, 10) || 0;
      } else if (tag === '#EXT-X-ENDLIST') {
        hasEnded = true;
      }
      continue;
    }
    // A URI line: it belongs to the tag before it.
    if (pendingVariant) {
      variants.push({ uri: line, ...pendingVariant });
      pendingVariant = null;
    } else if (pendingDuration !== null) {
      segments.push({
        uri: line,
        durationSeconds: pendingDuration,
        sequence: mediaSequence + segments.length,
      });
      pendingDuration = null;
    }
  }
  if (variants.length > 0) return { kind: 'master', variants };
  return { kind: 'media', targetDurationSeconds, segments, hasEnded };
}
