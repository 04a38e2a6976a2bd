import { measureText, wrapText } from '../render/textMetrics.js';
import { n, type Vec } from './tldrawV1Geom.js';
import type { ShapeReader, V1Base, V1Style } from './tldrawV1Input.js';
import type { Drawn } from './tldrawV1Shapes.js';
import {
  baselineEm,
  fontFamily,
  fontSize,
  LETTER_SPACING_EM,
  stickyColors,
  stickyFontSize,
  strokeColor,
} from './tldrawV1Style.js';

/**
 * Text, shape labels and sticky notes. tldraw v1 lays them out as HTML (@tldraw/tldraw 1.29
 * `TextUtil`, `shared/TextLabel.tsx`, `StickyUtil`): `font: <size>px/1 <family>`, 4 px padding,
 * letter-spacing −0.03em, the box sized from a measuring <pre> (padding 4 + 1 px border). Here the
 * same boxes are computed from the TTF advances (render/textMetrics.ts) and drawn as SVG <text>.
 */

const MAX_STICKY_TEXT = 2000;

interface Font {
  family: string;
  size: number;
  baseline: number;
}

function fontOf(style: V1Style, size: number): Font {
  return { family: fontFamily(style.font), size, baseline: baselineEm(style.font) * size };
}

/** Width of one line as the browser lays it out, letter-spacing included. */
function lineWidth(line: string, font: Font): number {
  const chars = [...line].length;
  return measureText(line, font.family, font.size) + chars * LETTER_SPACING_EM * font.size;
}

function splitLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

/** The size tldraw's measuring <pre> reports: widest line + padding 4 + border 1, on each side. */
function measuredBox(lines: readonly string[], font: Font): Vec {
  const width = Math.max(0, ...lines.map((l) => lineWidth(l, font)));
  return [width + 10, lines.length * font.size + 10];
}

/**
 * One <text> with a <tspan> per line. `x` is the anchor of every line, `top` the top of the first
 * line box; `anchor` is SVG's text-anchor.
 */
function textElement(o: {
  lines: readonly string[];
  font: Font;
  fill: string;
  x: number;
  top: number;
  anchor: 'start' | 'middle' | 'end';
}): string {
  const { font } = o;
  const spans = o.lines
    .map((line, i) =>
      line.trim() === ''
        ? ''
        : `<tspan x="${n(o.x)}" y="${n(o.top + i * font.size + font.baseline)}">${escapeXml(line)}</tspan>`,
    )
    .join('');
  if (spans === '') return '';
  return (
    `<text xml:space="preserve" font-family="${font.family}" font-size="${n(font.size)}" ` +
    `letter-spacing="${n(LETTER_SPACING_EM * font.size)}" text-anchor="${o.anchor}" fill="${o.fill}">${spans}</text>`
  );
}

function anchorOf(style: V1Style): 'start' | 'middle' | 'end' {
  return style.textAlign === 'middle' ? 'middle' : style.textAlign === 'end' ? 'end' : 'start';
}

export function drawText(base: V1Base, r: ShapeReader): Drawn {
  const { style } = base;
  const lines = splitLines(r.text('text'));
  const font = fontOf(style, fontSize(style.size, style.scale));
  const size = measuredBox(lines, font);
  const anchor = anchorOf(style);
  // The text box is exactly as wide as the widest line, so alignment only moves shorter lines.
  const x = anchor === 'start' ? 4 : anchor === 'middle' ? size[0] / 2 : size[0] - 4;
  const body = textElement({ lines, font, fill: strokeColor(style.color), x, top: 4, anchor });
  return { origin: base.point, size, body };
}

/**
 * A shape's label, centred on the shape's box (size) and moved by `offset` (both in the shape's
 * frame); `scale` shrinks labels on short arrows. Returns the label and its box for masking.
 */
export function drawLabel(o: {
  style: V1Style;
  text: string;
  size: Vec;
  offset: Vec;
  scale?: number;
}): { svg: string; box: Vec } {
  const { style } = o;
  const scale = o.scale ?? 1;
  const lines = splitLines(o.text);
  const font = fontOf(style, fontSize(style.size, style.scale));
  const box = measuredBox(lines, font);
  const cx = Math.floor(o.size[0]) / 2 + o.offset[0] * scale;
  const cy = Math.floor(o.size[1]) / 2 + o.offset[1] * scale;
  // The label's wrapper is the measured box + 1 px, text centred, 4 px padding at the top.
  const top = -(box[1] + 1) / 2 + 4;
  const text = textElement({
    lines,
    font,
    fill: strokeColor(style.color),
    x: 0,
    top,
    anchor: 'middle',
  });
  if (text === '') return { svg: '', box };
  const transform =
    scale === 1
      ? `translate(${n(cx)} ${n(cy)})`
      : `translate(${n(cx)} ${n(cy)}) scale(${n(scale)})`;
  return { svg: `<g transform="${transform}">${text}</g>`, box };
}

/** Sticky notes: a rounded paper rectangle with a soft shadow, text wrapped inside 16 px padding. */
export function drawSticky(base: V1Base, r: ShapeReader, _filterId: string): Drawn | undefined {
  const raw = r.vec('size', [200, 200]);
  if (!raw) return undefined;
  const size: Vec = [Math.max(0, raw[0]), Math.max(0, raw[1])];
  const { style } = base;
  const colors = stickyColors(style.color);
  const font = fontOf(style, stickyFontSize(style.size, style.scale));
  const inner = Math.max(1, size[0] - 32);
  // Wrapping costs grow with the square of a word's length: a note shows far less than this.
  const text = r.text('text').slice(0, MAX_STICKY_TEXT);
  const lines = splitLines(text).flatMap((p) => wrapText(p, font.family, font.size, inner));
  const anchor = anchorOf(style);
  const x = anchor === 'start' ? 16 : anchor === 'middle' ? 16 + inner / 2 : size[0] - 16;
  const [w, h] = [n(size[0]), n(size[1])];
  const body =
    softShadow({ x: 2, y: 3, w: size[0], h: size[1], rx: 3, blur: 4, opacity: 0.2 }) +
    `<rect width="${w}" height="${h}" rx="3" fill="${colors.fill}"/>` +
    textElement({ lines, font, fill: colors.text, x, top: 16, anchor });
  return { origin: base.point, size, body };
}

/** Text for an SVG text node: XML-escaped, characters XML cannot hold removed. */
export function escapeXml(text: string): string {
  return [...text]
    .filter((ch) => isXmlChar(ch.codePointAt(0) ?? 0))
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** XML 1.0 `Char`: tab, newline, carriage return, and the rest minus surrogates and U+FFFE/F. */
function isXmlChar(cp: number): boolean {
  if (cp < 0x20) return cp === 0x09 || cp === 0x0a || cp === 0x0d;
  if (cp >= 0xd800 && cp <= 0xdfff) return false; // a lone surrogate (pairs arrive as one)
  return cp !== 0xfffe && cp !== 0xffff;
}

/**
 * A blurred drop shadow drawn as a few growing, faint rounded rectangles instead of an SVG
 * filter: resvg-js 2.6 aborts the whole process on a filtered element lying outside the
 * rendered area (thx/resvg-js #413, fixed upstream in resvg 4a08e340 but not released in
 * resvg-js), and a drawing past the view's edge is routine once zoomed.
 */
export function softShadow(o: {
  x: number;
  y: number;
  w: number;
  h: number;
  rx: number;
  blur: number;
  opacity: number;
}): string {
  const steps = 4;
  let out = '';
  for (let i = steps; i >= 1; i--) {
    const grow = (o.blur * i) / steps;
    out += `<rect x="${n(o.x - grow)}" y="${n(o.y - grow)}" width="${n(o.w + 2 * grow)}" height="${n(o.h + 2 * grow)}" rx="${n(o.rx + grow)}" fill="#000" fill-opacity="${(o.opacity / steps).toFixed(3)}"/>`;
  }
  return out;
}
