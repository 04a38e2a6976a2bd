import { FONT_FAMILY } from '../render/fonts.js';

/**
 * tldraw v2's styles as BBB 3.0's player draws them. BBB 3.0.x bundles @bigbluebutton/tldraw
 * 2.0.0-alpha (a fork of tldraw 2.0 alpha): its light palette is the one below, older than
 * tldraw 2.0.0's (e.g. light-blue #4dabf7, not #4ba1f1). Checked against the player's frames
 * (test/fixtures/bbb/player-frames/v30-…): rectangle stroke #4dabf7, draw stroke #ffc078, ellipse
 * "solid" fill #f8e2d4. Sources: bigbluebutton/tldraw packages/tlschema/src/styles/TLColorStyle.ts,
 * packages/tldraw/src/lib/shapes/shared/default-shape-constants.ts.
 */

export interface V2Color {
  solid: string;
  semi: string;
  pattern: string;
  highlight: string;
}

export const V2_COLORS = {
  black: { solid: '#1d1d1d', semi: '#e8e8e8', pattern: '#494949', highlight: '#fddd00' },
  grey: { solid: '#adb5bd', semi: '#eceef0', pattern: '#bcc3c9', highlight: '#cbe7f1' },
  'light-violet': { solid: '#e599f7', semi: '#f5eafa', pattern: '#e9acf8', highlight: '#ff88ff' },
  violet: { solid: '#ae3ec9', semi: '#ecdcf2', pattern: '#bd63d3', highlight: '#c77cff' },
  blue: { solid: '#4263eb', semi: '#dce1f8', pattern: '#6681ee', highlight: '#10acff' },
  'light-blue': { solid: '#4dabf7', semi: '#ddedfa', pattern: '#6fbbf8', highlight: '#00f4ff' },
  yellow: { solid: '#ffc078', semi: '#f9f0e6', pattern: '#fecb92', highlight: '#fddd00' },
  orange: { solid: '#f76707', semi: '#f8e2d4', pattern: '#f78438', highlight: '#ffa500' },
  green: { solid: '#099268', semi: '#d3e9e3', pattern: '#39a785', highlight: '#00ffc8' },
  'light-green': { solid: '#40c057', semi: '#dbf0e0', pattern: '#65cb78', highlight: '#65f641' },
  'light-red': { solid: '#ff8787', semi: '#f4dadb', pattern: '#fe9e9e', highlight: '#ff7fa3' },
  red: { solid: '#e03131', semi: '#f4dadb', pattern: '#e55959', highlight: '#ff636e' },
  // Not in BBB's fork; tldraw 2.0.0 added it. Kept so a later BBB's white shapes still draw.
  white: { solid: '#ffffff', semi: '#f5f5f5', pattern: '#f9f9f9', highlight: '#ffffff' },
} as const satisfies Record<string, V2Color>;
export type V2ColorName = keyof typeof V2_COLORS;

/** Light theme: page background (also the text outline colour) and the "semi" fill. */
export const THEME = {
  background: 'rgb(249, 250, 251)',
  solid: '#fcfffe',
  text: '#000000',
} as const;

export const V2_SIZES = ['s', 'm', 'l', 'xl'] as const;
export type V2Size = (typeof V2_SIZES)[number];
export const STROKE_SIZES: Record<V2Size, number> = { s: 2, m: 3.5, l: 5, xl: 10 };
export const FONT_SIZES: Record<V2Size, number> = { s: 18, m: 24, l: 36, xl: 44 };
export const LABEL_FONT_SIZES: Record<V2Size, number> = { s: 18, m: 22, l: 26, xl: 32 };
export const ARROW_LABEL_FONT_SIZES: Record<V2Size, number> = { s: 18, m: 20, l: 24, xl: 28 };
/** CSS line-height of every tldraw v2 text (TEXT_PROPS.lineHeight). */
export const LINE_HEIGHT = 1.35;

export const V2_FONTS = {
  draw: FONT_FAMILY.shantell,
  sans: FONT_FAMILY.plexSans,
  serif: FONT_FAMILY.plexSerif,
  mono: FONT_FAMILY.plexMono,
} as const;
export type V2Font = keyof typeof V2_FONTS;

export const V2_FILLS = ['none', 'semi', 'solid', 'pattern'] as const;
export type V2Fill = (typeof V2_FILLS)[number];
export const V2_DASHES = ['draw', 'solid', 'dashed', 'dotted'] as const;
export type V2Dash = (typeof V2_DASHES)[number];
export const V2_ALIGNS = ['start', 'middle', 'end'] as const;
export type V2Align = (typeof V2_ALIGNS)[number];

/** Legacy alignments tldraw v2 still accepts on labels (migrations map them to the same sides). */
export function normaliseAlign(value: string): V2Align | undefined {
  if (value === 'start' || value === 'start-legacy') return 'start';
  if (value === 'middle' || value === 'middle-legacy') return 'middle';
  if (value === 'end' || value === 'end-legacy') return 'end';
  return undefined;
}
