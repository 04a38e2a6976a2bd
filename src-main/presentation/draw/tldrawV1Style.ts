import { FONT_FAMILY } from '../render/fonts.js';

/**
 * tldraw v1's style tables (light theme, which bbb-playback uses), as @tldraw/tldraw 1.29
 * `packages/tldraw/src/state/shapes/shared/shape-styles.ts` defines them; bbb-playback 5.1.3 pins
 * that version (package-lock `tldraw-v1` → @tldraw/tldraw 1.29.2).
 */

export const V1_COLORS = [
  'white',
  'lightGray',
  'gray',
  'black',
  'green',
  'cyan',
  'blue',
  'indigo',
  'violet',
  'red',
  'orange',
  'yellow',
] as const;
export type V1Color = (typeof V1_COLORS)[number];

export const V1_SIZES = ['small', 'medium', 'large'] as const;
export type V1Size = (typeof V1_SIZES)[number];

export const V1_DASHES = ['draw', 'solid', 'dashed', 'dotted'] as const;
export type V1Dash = (typeof V1_DASHES)[number];

export const V1_FONTS = ['script', 'sans', 'serif', 'mono'] as const;
export type V1Font = (typeof V1_FONTS)[number];

export const V1_ALIGNS = ['start', 'middle', 'end', 'justify'] as const;
export type V1Align = (typeof V1_ALIGNS)[number];

const BASE: Record<V1Color, string> = {
  white: '#f0f1f3',
  lightGray: '#c6cbd1',
  gray: '#788492',
  black: '#1d1d1d',
  green: '#36b24d',
  cyan: '#0e98ad',
  blue: '#1c7ed6',
  indigo: '#4263eb',
  violet: '#7746f1',
  red: '#ff2133',
  orange: '#ff9433',
  yellow: '#ffc936',
};

/** The light canvas colour tldraw blends fills towards. */
const CANVAS = '#fafafa';

/** Channel-wise blend of two #rrggbb colours, rounded like tldraw's `Utils.lerpColor`. */
function lerpColor(from: string, to: string, t: number): string {
  const channel = (hex: string, i: number): number => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  let out = '#';
  for (let i = 0; i < 3; i++) {
    const v = Math.round(channel(from, i) + t * (channel(to, i) - channel(from, i)));
    out += v.toString(16).padStart(2, '0');
  }
  return out;
}

/** Stroke colour. The player quirk: `white` strokes are near-black so they show on the canvas. */
export function strokeColor(color: V1Color): string {
  return color === 'white' ? '#1d1d1d' : BASE[color];
}

/** Fill of a filled shape: the colour 82 % of the way to the canvas (a pale tint). */
export function fillColor(color: V1Color): string {
  return color === 'white' ? '#fefefe' : lerpColor(BASE[color], CANVAS, 0.82);
}

/** Sticky notes: white and black notes are drawn yellow; the paper is the colour 45 % to canvas. */
export function stickyColors(color: V1Color): { fill: string; stroke: string; text: string } {
  const c: V1Color = color === 'white' || color === 'black' ? 'yellow' : color;
  return { fill: lerpColor(BASE[c], CANVAS, 0.45), stroke: strokeColor(c), text: '#0d0d0d' };
}

const STROKE_WIDTH: Record<V1Size, number> = { small: 2, medium: 3.5, large: 5 };
const FONT_SIZE: Record<V1Size, number> = { small: 28, medium: 48, large: 96 };
const STICKY_FONT_SIZE: Record<V1Size, number> = { small: 24, medium: 36, large: 48 };

export function strokeWidth(size: V1Size): number {
  return STROKE_WIDTH[size];
}

export function fontSize(size: V1Size, scale: number): number {
  return FONT_SIZE[size] * scale;
}

export function stickyFontSize(size: V1Size, scale: number): number {
  return STICKY_FONT_SIZE[size] * scale;
}

/** The families tldraw v1 asks for, as fonts.ts loads them for resvg. */
export function fontFamily(font: V1Font): string {
  switch (font) {
    case 'script':
      return FONT_FAMILY.caveatBrush;
    case 'sans':
      return FONT_FAMILY.sourceSans;
    case 'serif':
      return FONT_FAMILY.crimson;
    case 'mono':
      return FONT_FAMILY.sourceCode;
  }
}

/**
 * Where the baseline of a line sits, in em from the top of its line box: tldraw sets
 * `line-height: 1`, and the browser centres the font's ascent + descent in that box, so the
 * baseline is at (1 + ascent − descent) / 2. Ascent/descent: the hhea (or typo, when
 * USE_TYPO_METRICS is set) values of the TTF files fonts.ts loads.
 */
export function baselineEm(font: V1Font): number {
  switch (font) {
    case 'script':
      return (1 + 0.96 - 0.3) / 2; // Caveat Brush 960 / 300 per 1000
    case 'sans':
    case 'mono':
      return (1 + 0.984 - 0.273) / 2; // Source Sans/Code Pro 984 / 273 per 1000
    case 'serif':
      return (1 + (918 - 220) / 1024) / 2; // Crimson Pro 918 / 220 per 1024
  }
}

/** tldraw v1's `LETTER_SPACING` for every text. */
export const LETTER_SPACING_EM = -0.03;
