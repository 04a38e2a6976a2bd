/**
 * Reads the horizontal advance of each character from a TrueType/OpenType font file: the `cmap`
 * table (format 4 or 12) maps code points to glyphs, `hmtx` gives each glyph's advance, `head`
 * the units per em. That is all text layout here needs (kerning is ignored: a few tenths of a
 * pixel per pair). Spec: https://learn.microsoft.com/typography/opentype/spec/ (cmap, hmtx, hhea,
 * head). Written by hand so no font-parsing package is needed.
 */
export interface FontAdvances {
  /** Advance of a code point in em (0 when the font has no glyph: the caller falls back). */
  advance(codePoint: number): number | undefined;
  /** Above and below the baseline, in em, as Chrome on Linux places a line's glyphs (hhea, or
   * OS/2 typo metrics when the font sets USE_TYPO_METRICS). */
  ascent: number;
  descent: number;
}

export function readFontAdvances(data: Uint8Array): FontAdvances | undefined {
  try {
    return parse(new DataView(data.buffer, data.byteOffset, data.byteLength));
  } catch {
    return undefined; // truncated or not a font: the caller estimates widths instead
  }
}

function parse(view: DataView): FontAdvances | undefined {
  const tables = new Map<string, number>();
  const numTables = view.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(
      view.getUint8(rec),
      view.getUint8(rec + 1),
      view.getUint8(rec + 2),
      view.getUint8(rec + 3),
    );
    tables.set(tag, view.getUint32(rec + 8));
  }
  const head = tables.get('head');
  const hhea = tables.get('hhea');
  const hmtx = tables.get('hmtx');
  const cmap = tables.get('cmap');
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined)
    return undefined;
  const unitsPerEm = view.getUint16(head + 18) || 1000;
  const numberOfHMetrics = view.getUint16(hhea + 34);
  const glyphOf = readCmap(view, cmap);
  if (!glyphOf) return undefined;
  const os2 = tables.get('OS/2');
  const useTypo = os2 !== undefined && (view.getUint16(os2 + 62) & 0x80) !== 0;
  const ascentUnits = useTypo ? view.getInt16(os2 + 68) : view.getInt16(hhea + 4);
  const descentUnits = useTypo ? view.getInt16(os2 + 70) : view.getInt16(hhea + 6);
  const lastAdvance = numberOfHMetrics > 0 ? view.getUint16(hmtx + (numberOfHMetrics - 1) * 4) : 0;
  return {
    ascent: ascentUnits / unitsPerEm,
    descent: Math.abs(descentUnits) / unitsPerEm,
    advance(codePoint) {
      const glyph = glyphOf(codePoint);
      if (!glyph) return undefined;
      // Glyphs past numberOfHMetrics share the last advance (hmtx spec).
      const units = glyph < numberOfHMetrics ? view.getUint16(hmtx + glyph * 4) : lastAdvance;
      return units / unitsPerEm;
    },
  };
}

/** The best Unicode subtable: format 12 (full range) before format 4 (BMP). */
function readCmap(view: DataView, cmap: number): ((cp: number) => number) | undefined {
  const count = view.getUint16(cmap + 2);
  let format4: number | undefined;
  let format12: number | undefined;
  for (let i = 0; i < count; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = view.getUint16(rec);
    const encoding = view.getUint16(rec + 2);
    const offset = cmap + view.getUint32(rec + 4);
    const isUnicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!isUnicode) continue;
    const format = view.getUint16(offset);
    if (format === 12) format12 ??= offset;
    else if (format === 4) format4 ??= offset;
  }
  if (format12 !== undefined) return format12Lookup(view, format12);
  if (format4 !== undefined) return format4Lookup(view, format4);
  return undefined;
}

function format12Lookup(view: DataView, table: number): (cp: number) => number {
  const groups = view.getUint32(table + 12);
  return (cp) => {
    let lo = 0;
    let hi = groups - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const g = table + 16 + mid * 12;
      const start = view.getUint32(g);
      const end = view.getUint32(g + 4);
      if (cp < start) hi = mid - 1;
      else if (cp > end) lo = mid + 1;
      else return view.getUint32(g + 8) + (cp - start);
    }
    return 0;
  };
}

function format4Lookup(view: DataView, table: number): (cp: number) => number {
  const segCount = view.getUint16(table + 6) / 2;
  const ends = table + 14;
  const starts = ends + segCount * 2 + 2;
  const deltas = starts + segCount * 2;
  const rangeOffsets = deltas + segCount * 2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let i = 0; i < segCount; i++) {
      if (cp > view.getUint16(ends + i * 2)) continue;
      const start = view.getUint16(starts + i * 2);
      if (cp < start) return 0;
      const delta = view.getUint16(deltas + i * 2);
      const rangeOffset = view.getUint16(rangeOffsets + i * 2);
      if (rangeOffset === 0) return (cp + delta) & 0xffff;
      // idRangeOffset is relative to its own slot in the array (cmap format 4 spec).
      const glyph = view.getUint16(rangeOffsets + i * 2 + rangeOffset + (cp - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}
