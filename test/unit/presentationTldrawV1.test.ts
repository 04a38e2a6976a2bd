import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { DrawContext } from '../../src-main/presentation/draw/context.js';
import { tldrawV1PaintOrder, tldrawV1Shape } from '../../src-main/presentation/draw/tldrawV1.js';
import { fontFiles } from '../../src-main/presentation/render/fonts.js';
import { loadGray, ssim } from '../helpers/ssim.js';

const V27 = join(
  import.meta.dirname,
  '../fixtures/bbb/player-frames/v27-2480785543ba07b826667490ebacd0653a0b2574-1726317603210',
);

function collect(): DrawContext & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (en, fr) => warnings.push(`${en} | ${fr}`) };
}

const style = (over: Record<string, unknown> = {}) => ({
  color: 'black',
  size: 'medium',
  isFilled: false,
  dash: 'draw',
  scale: 1,
  font: 'script',
  textAlign: 'start',
  ...over,
});

const base = (type: string, over: Record<string, unknown> = {}) => ({
  id: `shape-${type}`,
  type,
  name: type,
  parentId: '1',
  childIndex: 1,
  point: [100, 200],
  rotation: 0,
  style: style(),
  ...over,
});

/** Draws one shape and checks the fragment is well-formed XML with no warning. */
function draw(shape: unknown): string {
  const ctx = collect();
  const svg = tldrawV1Shape(shape, ctx);
  expect(ctx.warnings).toEqual([]);
  expect(() => new XMLParser({ ignoreAttributes: false }).parse(`<svg>${svg}</svg>`)).not.toThrow();
  return svg;
}

describe('tldrawV1Shape: each shape type', () => {
  it('draws a freehand stroke as a filled outline (draw dash) or a stroked line (solid)', () => {
    const points = [
      [0, 0, 0.5],
      [40, 30, 0.5],
      [80, 10, 0.5],
      [120, 40, 0.5],
    ];
    const sketchy = draw(
      base('draw', { points, isComplete: true, style: style({ color: 'orange' }) }),
    );
    expect(sketchy).toMatch(
      /^<g transform="translate\(100 200\)"><path d="M[^"]+Z" fill="#ff9433"/,
    );
    const solid = draw(
      base('draw', { points, isComplete: true, style: style({ color: 'blue', dash: 'dashed' }) }),
    );
    expect(solid).toContain('fill="none" stroke="#1c7ed6" stroke-width="6.25"');
    expect(solid).toContain('stroke-dasharray="14 14"');
  });

  it('draws a tap as a dot', () => {
    expect(draw(base('draw', { points: [[0, 0, 0.5]], isComplete: true }))).toContain(
      '<circle r="4.5"',
    );
  });

  it('draws rectangles hand-drawn, or with four dashed sides and a pale fill', () => {
    const sketchy = draw(base('rectangle', { size: [200, 100], style: style({ color: 'cyan' }) }));
    expect(sketchy).toMatch(/<path d="M[^"]+Z" fill="#0e98ad" stroke="#0e98ad"/);
    const dotted = draw(
      base('rectangle', {
        size: [200, 100],
        style: style({ color: 'red', dash: 'dotted', isFilled: true }),
      }),
    );
    expect(dotted).toContain(
      '<rect x="3.33" y="3.33" width="196.67" height="96.67" fill="#fbd3d6"/>',
    );
    expect(dotted.match(/<line /g)).toHaveLength(4);
    expect(dotted).toMatch(/stroke-dasharray="0\.0566 [\d.]+"/);
  });

  it('draws ellipses as <ellipse> with a dash pattern, or as a hand-drawn outline', () => {
    const dashed = draw(
      base('ellipse', {
        radius: [160, 110],
        style: style({ color: 'green', dash: 'dashed', isFilled: true }),
      }),
    );
    expect(dashed).toMatch(
      /<ellipse cx="160" cy="110" rx="156.67" ry="106.67" fill="#d7eddb" stroke="#36b24d"/,
    );
    expect(dashed).toContain('stroke-dasharray=');
    expect(draw(base('ellipse', { radius: [50, 30] }))).toMatch(/<path d="M[^"]+Z" fill="#1d1d1d"/);
  });

  it('draws triangles, with their label lowered towards the centroid', () => {
    const svg = draw(
      base('triangle', {
        size: [120, 90],
        label: 'Δ',
        style: style({ dash: 'solid', isFilled: true }),
      }),
    );
    expect(svg.match(/<line /g)).toHaveLength(3);
    expect(svg).toContain('<polygon points="60,0 120,90 0,90" fill="#d2d2d2"/>');
    expect(svg).toContain('<g transform="translate(60 55.8)"><text');
  });

  it('draws arrows: white is near-black, straight or bent, heads where decorated', () => {
    const handles = (bend: number[]) => ({
      start: { id: 'start', index: 0, point: [0, 300] },
      end: { id: 'end', index: 1, point: [250, 0] },
      bend: { id: 'bend', index: 2, point: bend },
    });
    const straight = draw(
      base('arrow', {
        handles: handles([125, 150]),
        decorations: { end: 'arrow' },
        style: style({ color: 'white', dash: 'solid', size: 'large' }),
      }),
    );
    expect(straight).toContain(
      '<path d="M0,300L250,0" fill="#1d1d1d" stroke="#1d1d1d" stroke-width="9.09"',
    );
    expect(straight.match(/<path /g)).toHaveLength(2);
    const bent = draw(
      base('arrow', {
        handles: handles([60, 60]),
        bend: -0.4,
        decorations: { start: 'arrow', end: 'arrow' },
        style: style({ dash: 'solid' }),
      }),
    );
    expect(bent).toMatch(/<path d="M 0 300 A [\d.]+ [\d.]+ 0 0 0 250 0"/);
    expect(bent.match(/<path /g)).toHaveLength(3);
  });

  it('cuts the shaft under an arrow label with a mask', () => {
    const svg = draw(
      base('arrow', {
        handles: {
          start: { id: 'start', index: 0, point: [0, 0] },
          end: { id: 'end', index: 1, point: [400, 0] },
          bend: { id: 'bend', index: 2, point: [200, 0] },
        },
        label: 'go',
        style: style({ dash: 'solid' }),
      }),
    );
    expect(svg).toMatch(/<mask id="v1m-[0-9a-f]{8}"/);
    expect(svg).toMatch(/<g mask="url\(#v1m-[0-9a-f]{8}\)"><path d="M0,0L400,0"/);
    expect(svg).toContain('>go</tspan>');
  });

  it('draws BBB line-tool shapes as arrows without heads', () => {
    const svg = draw(
      base('line', {
        handles: {
          start: { id: 'start', index: 0, point: [0, 0] },
          end: { id: 'end', index: 1, point: [100, 50] },
        },
        style: style({ dash: 'solid' }),
      }),
    );
    expect(svg.match(/<path /g)).toHaveLength(1);
  });

  it('draws text line by line in the tldraw font, top-left at the point + 4 px padding', () => {
    const svg = draw(
      base('text', {
        text: 'Hello\nfrom 2.7',
        style: style({ color: 'lightGray', size: 'large', font: 'sans' }),
      }),
    );
    expect(svg).toContain('font-family="Source Sans Pro" font-size="96" letter-spacing="-2.88"');
    expect(svg).toContain('fill="#c6cbd1"');
    expect(svg).toContain(
      '<tspan x="4" y="86.13">Hello</tspan><tspan x="4" y="182.13">from 2.7</tspan>',
    );
    expect(draw(base('text', { text: 'x', style: style({ font: 'serif' }) }))).toContain(
      '"Crimson Pro"',
    );
    expect(draw(base('text', { text: 'x', style: style({ font: 'mono' }) }))).toContain(
      '"Source Code Pro"',
    );
    expect(draw(base('text', { text: 'x' }))).toContain('"Caveat Brush"');
  });

  it('draws sticky notes as a tinted card with wrapped text', () => {
    const svg = draw(
      base('sticky', {
        size: [200, 200],
        text: 'a note that wraps over lines',
        style: style({ color: 'red' }),
      }),
    );
    expect(svg).toContain('<rect width="200" height="200" rx="3" fill="#fd838d"/>');
    expect(svg.match(/<tspan /g)?.length).toBeGreaterThan(1);
  });

  it('rotates about the centre of the shape bounds', () => {
    const svg = draw(base('rectangle', { size: [200, 100], rotation: Math.PI / 2 }));
    expect(svg).toMatch(/^<g transform="translate\(100 200\) rotate\(90 100 50\)">/);
  });

  it('draws nothing for a group, without a warning', () => {
    expect(draw(base('group', { children: ['a'] }))).toBe('');
  });
});

describe('tldrawV1Shape: hostile input', () => {
  it('leaves out a shape whose point is not a finite number, with a warning', () => {
    const ctx = collect();
    expect(tldrawV1Shape(base('rectangle', { point: [Number.NaN, 0], size: [10, 10] }), ctx)).toBe(
      '',
    );
    expect(ctx.warnings.join()).toMatch(/invalid point.*left out.*\|.*omise/);
    expect(tldrawV1Shape(base('rectangle', { point: [1e9, 0], size: [10, 10] }), ctx)).toBe('');
  });

  it('refuses a freehand stroke with too many points', () => {
    const ctx = collect();
    const points = Array.from({ length: 100_001 }, (_, i) => [i % 100, 0, 0.5]);
    expect(tldrawV1Shape(base('draw', { points, isComplete: true }), ctx)).toBe('');
    expect(ctx.warnings).toHaveLength(1);
  });

  it('escapes text and never lets a style value into the SVG', () => {
    const ctx = collect();
    const svg = tldrawV1Shape(
      base('text', {
        text: '</text><script>alert("x")</script>&\u0001',
        style: style({ color: '"/><script>', font: 'url(javascript:1)', size: 'huge' }),
      }),
      ctx,
    );
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('javascript');
    expect(svg).toContain(
      '&lt;/text&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;</tspan>',
    );
    expect(svg).toContain('fill="#1d1d1d"'); // unknown colour → black
    expect(ctx.warnings).toHaveLength(1);
    expect(ctx.warnings[0]).toMatch(/style\.color, style\.size, style\.font.*defaults are used/);
  });

  it('warns about unknown types and non-objects and draws nothing', () => {
    const ctx = collect();
    expect(tldrawV1Shape(base('<svg onload=1>'), ctx)).toBe('');
    expect(tldrawV1Shape(base('image', { assetId: 'a' }), ctx)).toBe('');
    expect(tldrawV1Shape(null, ctx)).toBe('');
    expect(tldrawV1Shape([1, 2], ctx)).toBe('');
    expect(ctx.warnings).toHaveLength(4);
    expect(ctx.warnings[0]).not.toContain('<svg');
  });

  it('does not throw on malformed handles, radii or sizes', () => {
    const ctx = collect();
    for (const shape of [
      base('arrow', { handles: 'x' }),
      base('arrow', { handles: { start: { point: [0, 0] }, end: { point: [0, 0] } } }),
      base('ellipse', { radius: [Number.POSITIVE_INFINITY, 1] }),
      base('rectangle', { size: [-5, 'a'] }),
      base('sticky', { size: [1e7, 1e7] }),
      base('draw', { points: [[0, 0], 'x'] }),
      base('text', { text: 42 }),
    ]) {
      expect(() => tldrawV1Shape(shape, ctx)).not.toThrow();
    }
    expect(ctx.warnings.length).toBeGreaterThanOrEqual(6);
  });
});

describe('tldrawV1Shape: hostile sizes stay small', () => {
  it('caps the points of huge hand-drawn shapes and the text of huge notes', () => {
    const ctx = collect();
    for (const shape of [
      base('ellipse', { radius: [1e6, 1e6] }),
      base('rectangle', { size: [1e6, 1e6] }),
      base('sticky', { size: [40, 200], text: 'x'.repeat(10_000) }),
    ]) {
      const svg = tldrawV1Shape(shape, ctx);
      expect(svg.length).toBeGreaterThan(0);
      expect(svg.length).toBeLessThan(400_000);
    }
  });
});

describe('tldrawV1PaintOrder', () => {
  it('sorts by childIndex as strings, fractions included', () => {
    const keys = [3, 1.5, -1, 10, 2].map((childIndex) => tldrawV1PaintOrder({ childIndex }));
    expect([...keys].sort()).toEqual(
      [-1, 1.5, 2, 3, 10].map((childIndex) => tldrawV1PaintOrder({ childIndex })),
    );
    expect(tldrawV1PaintOrder({ childIndex: Number.NaN })).toBe(
      tldrawV1PaintOrder({ childIndex: 0 }),
    );
    expect(tldrawV1PaintOrder('x')).toBe(tldrawV1PaintOrder({}));
  });
});

describe('tldrawV1Shape against the player (v27 reference frame t10.5)', () => {
  it('looks like bbb-playback’s picture of slide 1 with its shapes', async () => {
    const time = 10.5;
    const tldraw = JSON.parse(readFileSync(join(V27, 'tldraw.json'), 'utf8')) as Record<
      string,
      { shapes: { timestamp: number; undo: number; shape_data: { id: string } }[] }
    >;
    // The shapes visible at t: drawn, not yet undone; the latest version of each id.
    const latest = new Map<string, unknown>();
    for (const e of tldraw['1']?.shapes ?? []) {
      if (e.timestamp <= time && (e.undo === -1 || e.undo > time))
        latest.set(e.shape_data.id, e.shape_data);
    }
    const shapes = [...latest.values()].sort((a, b) =>
      tldrawV1PaintOrder(a).localeCompare(tldrawV1PaintOrder(b)),
    );
    const ctx = collect();
    const fragments = shapes.map((s) => tldrawV1Shape(s, ctx)).join('');
    expect(ctx.warnings).toEqual([]);
    // The slide (1200×900) is fitted into the 1440×1080 page at (0, 0); the page into 706×530.
    const slide = readFileSync(
      join(
        V27,
        'presentation/43dc908da2dbc0c228bf1f4b9d8809074e1a1da4-1726317607531/svgs/slide1.svg',
      ),
    ).toString('base64');
    const page =
      `<svg xmlns="http://www.w3.org/2000/svg" width="706" height="530" viewBox="0 0 1440 1080">` +
      `<image href="data:image/svg+xml;base64,${slide}" width="1440" height="1080"/>${fragments}</svg>`;
    const png = new Resvg(page, {
      font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    })
      .render()
      .asPng();
    const frames = JSON.parse(readFileSync(join(V27, 'frames.json'), 'utf8')) as {
      frames: { time: number; file: string; slideBox: [number, number, number, number] }[];
    };
    const frame = frames.frames.find((f) => f.time === time);
    if (!frame) throw new Error(`frames.json has no frame at ${time} s`);
    const [x, y, w, h] = frame.slideBox;
    const ref = await loadGray(join(V27, frame.file), { crop: [x, y, w, h] });
    const mine = await loadGray(Buffer.from(png), { size: [w, h] });
    expect(ssim(ref, mine)).toBeGreaterThanOrEqual(0.93);
    // Where the shapes are (the slide alone scores 0.81 there): text, strokes, arrow, rectangle.
    const region = [40, 170, 600, 300] as const;
    const refRegion = await loadGray(join(V27, frame.file), {
      crop: [x + region[0], y + region[1], region[2], region[3]],
    });
    const mineRegion = await loadGray(Buffer.from(png), { crop: region });
    expect(ssim(refRegion, mineRegion)).toBeGreaterThanOrEqual(0.93);
  });
});
