import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { safeRelativePath } from './safePath';

/** What a recording is made of (bbb.md §2): read first, then media, then slide images. */
export const REQUIRED_FILES = ['metadata.xml', 'shapes.svg'] as const;

/** A 404 on any of these means the feature is absent (3.0's player asks for all of them). */
export const OPTIONAL_FILES = [
  'panzooms.xml',
  'cursor.xml',
  'deskshare.xml',
  'slides_new.xml',
  'tldraw.json',
  'layout.xml',
  'captions.json',
  'polls.json',
  'external_videos.json',
  'presentation_text.json',
  'notes.html',
] as const;

/** The first of each group that exists is the one; webcams carry the meeting audio (bbb.md §2). */
export const WEBCAM_CANDIDATES = [
  'video/webcams.webm',
  'video/webcams.mp4',
  'audio/audio.webm',
  'audio/audio.ogg',
] as const;
export const DESKSHARE_CANDIDATES = [
  'deskshare/deskshare.webm',
  'deskshare/deskshare.mp4',
] as const;

export type AssetKind = 'text' | 'media' | 'image';

/** Media may be hours of video; text files are parsed in memory or by line, images decoded. */
export function kindOf(path: string): AssetKind {
  if (/\.(webm|mp4|ogg)$/.test(path)) return 'media';
  if (/\.(xml|json|svg|html|vtt)$/.test(path) && !path.startsWith('presentation/')) return 'text';
  return 'image';
}

export interface ImageRefs {
  /** Safe relative paths of every `<image>` in shapes.svg, in order of appearance, once each. */
  paths: string[];
  /** Hrefs refused by `safeRelativePath`, as written (cut to 120 characters). */
  refused: string[];
}

/** An `<image …>` start tag longer than this is not BBB's (its are ~300 characters). */
const MAX_TAG = 64 * 1024;
const HREF = /(?:^|\s)(?:xlink:)?href\s*=\s*(?:"([^"]*)"|'([^']*)')/;

const unescapeXml = (s: string): string =>
  s.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : "'",
  );

/**
 * Lists the images shapes.svg draws — slides (`<image class="slide">`) and those inside canvases
 * (poll results) — scanning the file in chunks: shapes.svg of a long ≤ 2.5 meeting is tens of MB
 * of strokes, and only these tags matter here. Memory stays at one chunk plus one tag.
 */
export async function scanShapesImages(shapesPath: string): Promise<ImageRefs> {
  const seen = new Set<string>();
  const refs: ImageRefs = { paths: [], refused: [] };
  const take = (tag: string) => {
    const m = HREF.exec(tag);
    if (!m) return;
    const raw = unescapeXml(m[1] ?? m[2] ?? '');
    const safe = safeRelativePath(raw);
    // BBB's images live in folders (`presentation/…`); a top-level name could only overwrite
    // metadata.xml or our manifest.json, and `.part` is the downloader's own suffix.
    if (safe === null || !safe.includes('/') || safe.endsWith('.part'))
      refs.refused.push(raw.slice(0, 120));
    else if (!seen.has(safe)) {
      seen.add(safe);
      refs.paths.push(safe);
    }
  };
  let carry = '';
  for await (const chunk of createReadStream(shapesPath, { encoding: 'utf8' })) {
    let text = carry + (chunk as string);
    let from = 0;
    for (;;) {
      const start = text.indexOf('<image', from);
      if (start < 0) {
        // Keep a possible `<imag` cut at the chunk's end.
        from = Math.max(from, text.length - 6);
        break;
      }
      const end = text.indexOf('>', start);
      if (end < 0) {
        from = start;
        break;
      }
      if (/[\s/]/.test(text.charAt(start + 6))) take(text.slice(start + 6, end));
      from = end + 1;
    }
    text = text.slice(from);
    // A tag that never closes is dropped rather than held: bounded memory on hostile input.
    carry = text.length > MAX_TAG ? '' : text;
  }
  return refs;
}

/**
 * deskshare.xml lists `<event start_timestamp=…>` per screen share; empty = none (bbb.md §2).
 * Its first MB is enough to tell, whatever the file's size.
 */
export async function hasDeskshareEvents(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(1024 * 1024);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return /<event[\s/>]/.test(buffer.toString('utf8', 0, bytesRead));
  } finally {
    await file.close();
  }
}

/**
 * captions.json is `[{"locale":"fr","localeName":"Français"}]`, one `caption_<locale>.vtt` each
 * (bbb.md §2). A locale that would not make a plain file name is skipped.
 */
export async function captionFiles(captionsPath: string): Promise<string[]> {
  let list: unknown;
  try {
    list = JSON.parse(await readFile(captionsPath, 'utf8'));
  } catch {
    // Not JSON: no captions, as when the file is absent.
    return [];
  }
  if (!Array.isArray(list)) return [];
  const files = new Set<string>();
  for (const item of list as unknown[]) {
    const locale = (item as { locale?: unknown } | null)?.locale;
    if (typeof locale !== 'string' || !/^[A-Za-z0-9_-]{1,35}$/.test(locale)) continue;
    const path = safeRelativePath(`caption_${locale}.vtt`);
    if (path !== null) files.add(path);
  }
  return [...files];
}
