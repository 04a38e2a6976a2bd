import { fontVerticalMetrics, measureText, wrapText } from '../render/textMetrics.js';
import { FONT_FAMILY } from '../render/fonts.js';
import { esc, n } from './tldrawV2Input.js';
import { LINE_HEIGHT, THEME, type V2Align } from './tldrawV2Style.js';

/**
 * Text as tldraw v2 lays it out in HTML (white-space: pre-wrap, line-height 1.35, lines placed
 * by text-align) drawn as SVG <text>: one <tspan> per line, wrapped with the same font files
 * resvg draws with. The player outlines text and labels with six text-shadows in the page
 * background colour, 1 page unit each way (--tl-text-outline); here a 2-unit stroke in that
 * colour under the fill, as tldraw's own SVG export does.
 */

export interface TextBlock {
  text: string;
  family: string;
  fontSize: number;
  color: string;
  align: V2Align;
  /** Top-left of the block. */
  x: number;
  y: number;
  /** Wrap width; undefined = explicit newlines only (auto-sized text). */
  wrapWidth?: number;
  /** Width the lines are aligned in; defaults to the widest line. */
  boxWidth?: number;
  hasOutline: boolean;
}

export interface LaidOut {
  lines: string[];
  width: number;
  height: number;
}

export function layoutText(
  text: string,
  family: string,
  fontSize: number,
  wrapWidth?: number,
): LaidOut {
  const lines =
    wrapWidth === undefined
      ? text.replace(/\r\n?/g, '\n').split('\n')
      : wrapText(text, family, fontSize, wrapWidth);
  const width = Math.max(0, ...lines.map((l) => measureText(l, family, fontSize)));
  return { lines, width, height: lines.length * fontSize * LINE_HEIGHT };
}

export function textSvg(
  block: TextBlock,
  laid = layoutText(block.text, block.family, block.fontSize, block.wrapWidth),
): string {
  if (laid.lines.every((l) => l.trim() === '')) return '';
  const { fontSize, family } = block;
  const lineHeight = fontSize * LINE_HEIGHT;
  const { ascent, descent } = fontVerticalMetrics(family);
  // CSS puts a line's glyph box (ascent + descent) in the middle of its line box.
  // The player's lines sit a little higher than these TTF metrics put them (its fonts come from
  // @tldraw/assets, not these files): measured on the v30 frames, 0.05 em for Plex Sans and
  // Shantell Sans (sizes 22–36), 0.02 em for Plex Serif (44).
  const lift = family === FONT_FAMILY.plexSerif ? 0.02 : 0.05;
  const baseline = (lineHeight - (ascent + descent) * fontSize) / 2 + (ascent - lift) * fontSize;
  const boxWidth = block.boxWidth ?? laid.width;
  const anchor = block.align === 'start' ? 'start' : block.align === 'end' ? 'end' : 'middle';
  const ax =
    block.x + (block.align === 'start' ? 0 : block.align === 'end' ? boxWidth : boxWidth / 2);
  const spans = laid.lines
    .map(
      (line, i) =>
        `<tspan x="${n(ax)}" y="${n(block.y + i * lineHeight + baseline)}">${esc(line)}</tspan>`,
    )
    .join('');
  const font = `font-family="${esc(family)}" font-size="${n(fontSize)}" text-anchor="${anchor}" xml:space="preserve"`;
  const outline = block.hasOutline
    ? `<text ${font} fill="${THEME.background}" stroke="${THEME.background}" stroke-width="2" stroke-linejoin="round">${spans}</text>`
    : '';
  return `${outline}<text ${font} fill="${block.color}">${spans}</text>`;
}

/** Label padding inside geo shapes and notes (.tl-text-label__inner > .tl-text padding: 16px). */
export const LABEL_PADDING = 16;

/**
 * A label centred (or aligned) in a box, as TextLabel does for geo shapes and notes: wrapped at
 * the box width less the padding, placed by align / verticalAlign.
 */
export function labelSvg(opts: {
  text: string;
  family: string;
  fontSize: number;
  color: string;
  align: V2Align;
  verticalAlign: V2Align;
  box: { x: number; y: number; w: number; h: number };
  hasOutline: boolean;
}): string {
  const { box, fontSize, family } = opts;
  const text = opts.text.trimEnd();
  if (text === '') return '';
  const wrapWidth = Math.max(fontSize, box.w - LABEL_PADDING * 2);
  const laid = layoutText(text, family, fontSize, wrapWidth);
  const y =
    opts.verticalAlign === 'start'
      ? box.y + LABEL_PADDING
      : opts.verticalAlign === 'end'
        ? box.y + box.h - LABEL_PADDING - laid.height
        : box.y + (box.h - laid.height) / 2;
  // The text block is as wide as its widest line and sits by justify-content in the box.
  const x =
    opts.align === 'start'
      ? box.x + LABEL_PADDING
      : opts.align === 'end'
        ? box.x + box.w - LABEL_PADDING - laid.width
        : box.x + (box.w - laid.width) / 2;
  return textSvg({ ...opts, text, x, y, boxWidth: laid.width, wrapWidth }, laid);
}
