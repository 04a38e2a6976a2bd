import type { Bilingual } from '../../src-preload/contract';
import { bi } from '../ground/errors';
import type { VideoRendition } from './renditions';

export type RenditionsChecked =
  { ok: true; value: VideoRendition[] } | { ok: false; why: Bilingual };

const bitrate = /^\d+(?:\.\d+)?[kKmM]?$/;
const resolution = /^\s*(\d+)\s*[xX×]\s*(\d+)\s*$/;
const fields = [
  'resolution',
  'minrate',
  'video_bitrate',
  'maxrate',
  'audio_bitrate',
  'encode_mp4',
  'encoding_resolution_threshold',
] as const;

/**
 * A rendition list typed by an admin (Settings, `regie settings set VIDEO_RENDITIONS '[…]'`) →
 * Pod's `VideoRendition` rows, or the first thing wrong with it, naming the row (1-based) and the
 * field. Rows are returned sorted by height, as Pod reads them (§2.4).
 */
export function checkRenditions(key: string, value: unknown): RenditionsChecked {
  const fail = (en: string, fr: string): RenditionsChecked => ({
    ok: false,
    why: bi(`${key}: ${en}`, `${key} : ${fr}`),
  });
  if (!Array.isArray(value) || value.length === 0) {
    return fail('expects a non-empty list of renditions', 'attend une liste non vide de rendus');
  }
  const rows: VideoRendition[] = [];
  const heights = new Map<number, number>();
  for (const [index, entry] of (value as unknown[]).entries()) {
    const n = String(index + 1);
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      return fail(`rendition ${n} is not an object`, `le rendu ${n} n'est pas un objet`);
    }
    const row = entry as Record<string, unknown>;
    const unknownField = Object.keys(row).find((k) => !(fields as readonly string[]).includes(k));
    if (unknownField !== undefined) {
      return fail(
        `rendition ${n}: unknown field "${unknownField}" (expected ${fields.join(', ')})`,
        `rendu ${n} : champ inconnu « ${unknownField} » (attendus : ${fields.join(', ')})`,
      );
    }
    const size = typeof row.resolution === 'string' ? resolution.exec(row.resolution) : null;
    const height = size ? Number(size[2]) : NaN;
    if (!size || !(Number(size[1]) > 0) || !(height >= 2) || height > 4320) {
      return fail(
        `rendition ${n}: resolution ${JSON.stringify(row.resolution)} is not WIDTHxHEIGHT (e.g. 1280x720, height 2 to 4320)`,
        `rendu ${n} : la résolution ${JSON.stringify(row.resolution)} n'est pas LARGEURxHAUTEUR (ex. 1280x720, hauteur de 2 à 4320)`,
      );
    }
    const twin = heights.get(height);
    if (twin !== undefined) {
      return fail(
        `renditions ${String(twin)} and ${n} have the same height ${String(height)}`,
        `les rendus ${String(twin)} et ${n} ont la même hauteur ${String(height)}`,
      );
    }
    heights.set(height, index + 1);
    for (const field of ['minrate', 'video_bitrate', 'maxrate', 'audio_bitrate'] as const) {
      const text = row[field];
      if (typeof text !== 'string' || !bitrate.test(text) || Number.parseFloat(text) <= 0) {
        return fail(
          `rendition ${n}: ${field} ${JSON.stringify(text)} is not a bitrate such as 3000k`,
          `rendu ${n} : ${field} ${JSON.stringify(text)} n'est pas un débit comme 3000k`,
        );
      }
    }
    if (typeof row.encode_mp4 !== 'boolean') {
      return fail(
        `rendition ${n}: encode_mp4 must be true or false`,
        `rendu ${n} : encode_mp4 doit valoir true ou false`,
      );
    }
    const threshold = row.encoding_resolution_threshold;
    if (
      typeof threshold !== 'number' ||
      !Number.isInteger(threshold) ||
      threshold < 0 ||
      threshold > 100
    ) {
      return fail(
        `rendition ${n}: encoding_resolution_threshold must be a whole percentage from 0 to 100`,
        `rendu ${n} : encoding_resolution_threshold doit être un pourcentage entier de 0 à 100`,
      );
    }
    rows.push({
      resolution: `${size[1] ?? ''}x${size[2] ?? ''}`,
      minrate: row.minrate as string,
      video_bitrate: row.video_bitrate as string,
      maxrate: row.maxrate as string,
      audio_bitrate: row.audio_bitrate as string,
      encode_mp4: row.encode_mp4,
      encoding_resolution_threshold: threshold,
    });
  }
  if (!rows.some((r) => r.encode_mp4)) {
    return fail(
      'at least one rendition needs encode_mp4 (the MP4 the player falls back to)',
      'au moins un rendu doit avoir encode_mp4 (le MP4 de repli du lecteur)',
    );
  }
  rows.sort((a, b) => Number(a.resolution.split('x')[1]) - Number(b.resolution.split('x')[1]));
  return { ok: true, value: rows };
}
