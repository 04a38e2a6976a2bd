/**
 * Options of the synthetic BBB presentation recording generator (issue 10, tests and
 * `bench:presentation`). Formats as in `../shared/reference/bbb.md` §2 and the three player
 * fixtures (`test/fixtures/bbb/player-frames/README.md`).
 */
export type RecordingFormat = 'svg' | 'tldraw1' | 'tldraw2';

export interface GenerateOptions {
  /** 'svg' = BBB 2.5 (drawings in shapes.svg), 'tldraw1' = 2.7, 'tldraw2' = 3.0. */
  format: RecordingFormat;
  /** Written as BBB publishes it: `<dir>/metadata.xml`, `shapes.svg`, … */
  dir: string;
  durationS: number;
  slides: number;
  /** Distinct whiteboard changes: new shape, shape update or undo. */
  annotationStates: number;
  /** Spread over the duration, with hidden stretches (plus one at each slide/zoom change). */
  cursorEvents: number;
  /** Pan/zoom changes (besides the reset at each slide change). Default: one per 4 slides. */
  zooms?: number;
  /** Screen-share intervals (s): deskshare.xml + deskshare/deskshare.webm over the whole timeline. */
  deskshare?: { start: number; end: number }[];
  /** 'video' (default): video/webcams.webm; 'audio-only': audio/audio.webm; 'none': no media. */
  webcams?: 'video' | 'audio-only' | 'none';
  /** slides_new.xml messages. Default: one per 20 s, at least 3. */
  chatMessages?: number;
  /** Text shapes (and tldraw v2 notes). Default true. */
  textAnnotations?: boolean;
  /** Default: derived from the seed, matching `^[a-z0-9]{40}-[0-9]{13}$`. */
  recordId?: string;
  seed?: number;
}

export type Resolved = Required<Omit<GenerateOptions, 'recordId'>> & { recordId: string };

/** The one place for option defaults, so `options.json` (the cache key) records real values. */
export function resolveOptions(options: GenerateOptions): Resolved {
  const seed = options.seed ?? 1;
  return {
    format: options.format,
    dir: options.dir,
    durationS: options.durationS,
    slides: Math.max(1, Math.round(options.slides)),
    annotationStates: Math.max(0, Math.round(options.annotationStates)),
    cursorEvents: Math.max(0, Math.round(options.cursorEvents)),
    zooms: options.zooms ?? Math.floor(options.slides / 4),
    deskshare: options.deskshare ?? [],
    webcams: options.webcams ?? 'video',
    chatMessages: options.chatMessages ?? Math.max(3, Math.round(options.durationS / 20)),
    textAnnotations: options.textAnnotations ?? true,
    seed,
    recordId: options.recordId ?? idFromSeed(seed, 'record'),
  };
}

/** A BBB-shaped id: 40 hex digits (sha1 of the meeting id) and the 13-digit start time in ms. */
export function idFromSeed(seed: number, salt: string): string {
  const random = createRandom(hashString(`${salt}:${seed}`));
  let hex = '';
  while (hex.length < 40) hex += Math.floor(random() * 16).toString(16);
  // 2024-06-20 … 2025-06-20: a plausible, fixed range (tests never depend on today's date).
  const startMs = 1_718_870_400_000 + Math.floor(random() * 31_536_000_000);
  return `${hex}-${startMs}`;
}

export const recordIdPattern = /^[a-z0-9]{40}-[0-9]{13}$/;

export type Random = () => number;

/** mulberry32: small, fast and deterministic for a given seed. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function hashString(text: string): number {
  let hash = 2_166_136_261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16_777_619);
  return hash >>> 0;
}

export const between = (random: Random, low: number, high: number): number =>
  low + random() * (high - low);

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Seconds as BBB writes them in XML: one decimal at least (`13.0`), at most three. */
export function seconds(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded);
}
