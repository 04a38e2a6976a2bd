import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { FONT_FAMILY, fontFiles } from './fonts.js';
import { readFontAdvances, type FontAdvances } from './ttfAdvances.js';

/**
 * Text width and line wrapping for the whiteboard fonts, so text laid out here breaks where the
 * player's browser breaks it (tldraw sizes text boxes from the browser's measurements; resvg has
 * no layout of its own). Widths come from the same TTF files resvg draws with (fonts.ts).
 */

/** Which file (by name prefix, as fonts.ts lists them) holds each family. */
const FILE_OF_FAMILY: Readonly<Record<string, string>> = {
  [FONT_FAMILY.dejavu]: 'DejaVuSans.ttf',
  [FONT_FAMILY.sourceSans]: 'SourceSansPro_',
  [FONT_FAMILY.caveatBrush]: 'CaveatBrush_',
  [FONT_FAMILY.crimson]: 'CrimsonPro_',
  [FONT_FAMILY.sourceCode]: 'SourceCodePro_',
  [FONT_FAMILY.plexSans]: 'IBMPlexSans_',
  [FONT_FAMILY.plexSerif]: 'IBMPlexSerif_',
  [FONT_FAMILY.plexMono]: 'IBMPlexMono_',
  [FONT_FAMILY.shantell]: 'ShantellSans_',
};

/** Width of a character, in em, when neither the family nor a fallback font has it. */
const ESTIMATE_EM = 0.55;

const loaded = new Map<string, FontAdvances | undefined>();

function fontFor(family: string): FontAdvances | undefined {
  if (loaded.has(family)) return loaded.get(family);
  const prefix = FILE_OF_FAMILY[family];
  const file = prefix ? fontFiles().find((f) => basename(f).startsWith(prefix)) : undefined;
  let font: FontAdvances | undefined;
  if (file) {
    try {
      font = readFontAdvances(readFileSync(file));
    } catch {
      font = undefined; // unreadable file: widths are estimated
    }
  }
  loaded.set(family, font);
  return font;
}

function charWidthEm(cp: number, font: FontAdvances | undefined): number {
  if (!font) return ESTIMATE_EM; // unknown family: resvg's pick is unknown too
  const own = font.advance(cp);
  if (own !== undefined) return own;
  // resvg falls back to DejaVu Sans for a missing glyph (render options' defaultFontFamily).
  return fontFor(FONT_FAMILY.dejavu)?.advance(cp) ?? ESTIMATE_EM;
}

/** Ascent and descent in em of a family (typical sans values when the family is unknown). */
export function fontVerticalMetrics(family: string): { ascent: number; descent: number } {
  const font = fontFor(family);
  return font ? { ascent: font.ascent, descent: font.descent } : { ascent: 0.9, descent: 0.25 };
}

/** Width in px of one line of text (no wrapping; a newline counts as nothing). */
export function measureText(text: string, family: string, sizePx: number): number {
  if (!Number.isFinite(sizePx) || sizePx <= 0) return 0;
  const font = fontFor(family);
  let em = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 10 || cp === 13) continue;
    em += charWidthEm(cp, font);
  }
  return em * sizePx;
}

/**
 * Lines as a browser lays out `white-space: pre-wrap; overflow-wrap: break-word` text in a box
 * maxWidth px wide: explicit newlines kept, breaks after spaces, a word wider than the box split
 * between characters. Spaces at a break hang past the edge (they do not push a word down).
 */
export function wrapText(text: string, family: string, sizePx: number, maxWidth: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (!(maxWidth > 0) || !Number.isFinite(maxWidth)) {
      out.push(paragraph);
      continue;
    }
    out.push(...wrapParagraph(paragraph, family, sizePx, maxWidth));
  }
  return out;
}

function wrapParagraph(
  paragraph: string,
  family: string,
  sizePx: number,
  maxWidth: number,
): string[] {
  const lines: string[] = [];
  // Words keep their trailing spaces: "a b " → ["a ", "b "].
  const words = paragraph.match(/[^ ]+ *| +/g) ?? [''];
  let line = '';
  for (const word of words) {
    const candidate = line + word;
    if (measureText(candidate.trimEnd(), family, sizePx) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line.trimEnd());
    line = '';
    let rest = word;
    // A word that does not fit on a line of its own is broken between characters.
    while (
      [...rest.trimEnd()].length > 1 &&
      measureText(rest.trimEnd(), family, sizePx) > maxWidth
    ) {
      const chars = [...rest];
      let cut = 1;
      while (
        cut < chars.length &&
        measureText(chars.slice(0, cut + 1).join(''), family, sizePx) <= maxWidth
      )
        cut++;
      lines.push(chars.slice(0, cut).join(''));
      rest = chars.slice(cut).join('');
    }
    line = rest;
  }
  lines.push(line.trimEnd());
  return lines;
}
