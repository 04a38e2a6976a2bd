import { describe, expect, it } from 'vitest';
import { FONT_FAMILY } from '../../src-main/presentation/render/fonts.js';
import {
  fontVerticalMetrics,
  measureText,
  wrapText,
} from '../../src-main/presentation/render/textMetrics.js';

describe('measureText', () => {
  it('reads advances from the bundled TTF files', () => {
    // IBM Plex Mono is monospaced at 600/1000 em per glyph.
    expect(measureText('MMMM', FONT_FAMILY.plexMono, 10)).toBeCloseTo(24, 5);
    expect(measureText('iiii', FONT_FAMILY.plexMono, 10)).toBeCloseTo(24, 5);
    // Proportional fonts: an i is narrower than an M.
    const i = measureText('i', FONT_FAMILY.plexSans, 100);
    const m = measureText('M', FONT_FAMILY.plexSans, 100);
    expect(i).toBeGreaterThan(10);
    expect(m).toBeGreaterThan(2 * i);
    expect(measureText('Hello world', FONT_FAMILY.shantell, 24)).toBeGreaterThan(100);
  });

  it('scales with the size and ignores newlines', () => {
    const a = measureText('abc', FONT_FAMILY.plexSerif, 10);
    expect(measureText('abc', FONT_FAMILY.plexSerif, 20)).toBeCloseTo(2 * a, 5);
    expect(measureText('a\nbc', FONT_FAMILY.plexSerif, 10)).toBeCloseTo(a, 5);
  });

  it('estimates 0.55 em per character for an unknown family, 0 for a bad size', () => {
    expect(measureText('abcd', 'No Such Font', 10)).toBeCloseTo(22, 5);
    expect(measureText('abcd', FONT_FAMILY.plexSans, Number.NaN)).toBe(0);
    expect(measureText('abcd', FONT_FAMILY.plexSans, -3)).toBe(0);
  });
});

describe('wrapText', () => {
  const mono = FONT_FAMILY.plexMono; // 6 px per character at size 10

  it('breaks at spaces when a line would be wider than the box', () => {
    expect(wrapText('aaa bbb ccc', mono, 10, 45)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('aaa bbb ccc', mono, 10, 1000)).toEqual(['aaa bbb ccc']);
  });

  it('keeps explicit newlines and empty lines', () => {
    expect(wrapText('a\n\nb', mono, 10, 1000)).toEqual(['a', '', 'b']);
    expect(wrapText('a\r\nb', mono, 10, 1000)).toEqual(['a', 'b']);
  });

  it('hard-breaks a word longer than the box', () => {
    expect(wrapText('abcdefghij xy', mono, 10, 25)).toEqual(['abcd', 'efgh', 'ij', 'xy']);
  });

  it('always makes progress, even when one character is wider than the box', () => {
    expect(wrapText('abc', mono, 10, 1)).toEqual(['a', 'b', 'c']);
  });

  it('does not wrap when the width is not a positive number', () => {
    expect(wrapText('aaa bbb', mono, 10, Number.NaN)).toEqual(['aaa bbb']);
    expect(wrapText('aaa bbb', mono, 10, 0)).toEqual(['aaa bbb']);
  });
});

describe('fontVerticalMetrics', () => {
  it('reads ascent and descent from the font, with a typical fallback', () => {
    expect(fontVerticalMetrics(FONT_FAMILY.plexSans)).toEqual({ ascent: 1.025, descent: 0.275 });
    expect(fontVerticalMetrics('No Such Font')).toEqual({ ascent: 0.9, descent: 0.25 });
  });
});
