import type { DrawContext } from '../draw/context';
import { tldrawV1PaintOrder, tldrawV1Shape } from '../draw/tldrawV1';
import { tldrawV2PaintOrder, tldrawV2Shape } from '../draw/tldrawV2';
import type { Annotation, Warning } from '../model';
import { damagedFile, LIMITS } from './files';

export interface TldrawData {
  /** `bbb_version` of tldraw.json: ≥ 3.0.0 → tldraw v2 (player-frames README). */
  version: string;
  isV2: boolean;
  annotations: Annotation[];
}

const FILE = 'tldraw.json';

/**
 * 2.6+ drawings: `{"bbb_version", "<slide number>": {timestamp, shapes: [{id, timestamp, undo,
 * shape_data}]}}`. As bbb-playback shows them: every entry with timestamp ≤ t that is not undone
 * is applied in order, a later version of the same shape id replacing the earlier one.
 */
export function readTldraw(source: string, warnings: Warning[]): TldrawData {
  let json: unknown;
  try {
    json = parseLenient(source, warnings);
  } catch (error) {
    throw damagedFile(FILE, 'JSON', error);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    // 3.0 migrations put `[]` placeholders in old recordings (bbb.md §2): no drawings.
    return { version: '', isV2: false, annotations: [] };
  }
  const record = json as Record<string, unknown>;
  const version = typeof record['bbb_version'] === 'string' ? record['bbb_version'] : '';
  const isV2 = Number.parseInt(version, 10) >= 3;
  const seen = new Set<string>();
  const ctx: DrawContext = {
    warn(en, fr) {
      if (seen.has(en) || seen.size > 50) return;
      seen.add(en);
      warnings.push({ file: FILE, en, fr });
    },
  };
  const draw = isV2 ? tldrawV2Shape : tldrawV1Shape;
  const paintOrder = isV2 ? tldrawV2PaintOrder : tldrawV1PaintOrder;
  const collected: { annotation: Annotation; paint: string; id: string }[] = [];
  for (const [page, value] of Object.entries(record)) {
    if (page === 'bbb_version' || !/^\d{1,6}$/.test(page)) continue;
    const shapes = (value as { shapes?: unknown } | null)?.shapes;
    if (!Array.isArray(shapes)) {
      ctx.warn(
        `page ${page} has no shape list; skipped.`,
        `la page ${page} n’a pas de liste de formes ; ignorée.`,
      );
      continue;
    }
    const versions: { id: string; start: number; undo: number; data: unknown; index: number }[] =
      [];
    shapes.forEach((entry: unknown, index) => {
      if (typeof entry !== 'object' || entry === null) return;
      const { timestamp, undo, shape_data: data } = entry as Record<string, unknown>;
      const id = (data as { id?: unknown } | null)?.id;
      if (typeof timestamp !== 'number' || !Number.isFinite(timestamp) || typeof id !== 'string') {
        ctx.warn(
          'a drawing without a time or an id is skipped.',
          'une annotation sans heure ni identifiant est ignorée.',
        );
        return;
      }
      const undoAt =
        typeof undo === 'number' && Number.isFinite(undo) && undo >= 0 ? undo : Infinity;
      versions.push({ id: id.slice(0, 200), start: timestamp, undo: undoAt, data, index });
    });
    versions.sort((a, b) => a.start - b.start || a.index - b.index);
    const byId = new Map<string, typeof versions>();
    for (const v of versions) {
      const list = byId.get(v.id);
      if (list) list.push(v);
      else byId.set(v.id, [v]);
    }
    for (const [id, list] of byId) {
      list.forEach((v, i) => {
        const end = Math.min(v.undo, list[i + 1]?.start ?? Infinity);
        if (end <= v.start) return;
        const svg = draw(v.data, ctx);
        if (svg === '') return;
        collected.push({
          annotation: { slideId: Number(page), key: id, start: v.start, end, order: 0, svg },
          paint: paintOrder(v.data),
          id,
        });
      });
      if (collected.length > LIMITS.annotations) break;
    }
  }
  // Paint order is tldraw's (childIndex / fractional index), not the time order.
  collected.sort((a, b) =>
    a.paint < b.paint ? -1 : a.paint > b.paint ? 1 : a.annotation.start - b.annotation.start,
  );
  collected.forEach((c, i) => (c.annotation.order = i));
  return { version, isV2, annotations: collected.map((c) => c.annotation) };
}

/** A bare NaN or ±Infinity token (JSON has none), or a string, which is kept as it is. */
const NON_FINITE = /"(?:[^"\\]|\\.)*"|-?\b(?:NaN|Infinity)\b/g;

/**
 * JSON.parse, except that NaN and ±Infinity written as numbers (JSON has no such values; some
 * serialisers write them) become null, with one warning: the shape readers then skip or default
 * those fields (draw/tldrawV*Input.ts) instead of the whole recording being refused.
 */
function parseLenient(source: string, warnings: Warning[]): unknown {
  try {
    return JSON.parse(source);
  } catch (error) {
    let replaced = 0;
    const repaired = source.replace(NON_FINITE, (token) => {
      if (token.startsWith('"')) return token;
      replaced++;
      return 'null';
    });
    if (replaced === 0) throw error;
    const json = JSON.parse(repaired) as unknown;
    warnings.push({
      file: FILE,
      en: `holds ${replaced} NaN or Infinity number(s), which JSON does not allow; the drawings using them are drawn without those values.`,
      fr: `contient ${replaced} nombre(s) NaN ou Infinity, interdits en JSON ; les annotations concernées sont dessinées sans ces valeurs.`,
    });
    return json;
  }
}
