import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import type { DrawContext } from '../../src-main/presentation/draw/context.js';
import { tldrawV2PaintOrder, tldrawV2Shape } from '../../src-main/presentation/draw/tldrawV2.js';
import { fontFiles } from '../../src-main/presentation/render/fonts.js';
import { loadGray, ssim } from '../helpers/ssim.js';

function collect(): DrawContext & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (en, fr) => warnings.push(`${en} | ${fr}`) };
}

const base = {
  x: 10,
  y: 20,
  rotation: 0,
  opacity: 1,
  index: 'a1',
  id: 'shape:test',
  meta: {},
  isModerator: true,
};
const geo = (props: Record<string, unknown>): unknown => ({
  ...base,
  type: 'geo',
  props: {
    geo: 'rectangle',
    w: 100,
    h: 50,
    color: 'blue',
    fill: 'none',
    dash: 'solid',
    size: 'm',
    font: 'draw',
    text: '',
    align: 'middle',
    verticalAlign: 'middle',
    growY: 0,
    labelColor: 'black',
    url: '',
    ...props,
  },
});
const stroke = (type: string, props: Record<string, unknown> = {}): unknown => ({
  ...base,
  type,
  props: {
    color: 'yellow',
    size: 'l',
    dash: 'draw',
    fill: 'none',
    segments: [
      {
        type: 'free',
        points: [
          { x: 0, y: 0, z: 0.5 },
          { x: 30, y: 10, z: 0.5 },
          { x: 60, y: -5, z: 0.5 },
          { x: 90, y: 0, z: 0.5 },
        ],
      },
    ],
    isComplete: true,
    isClosed: false,
    isPen: false,
    ...props,
  },
});

describe('tldrawV2Shape: each shape type', () => {
  it('places a shape at (x, y), rotated about that point, with its opacity', () => {
    const ctx = collect();
    const svg = tldrawV2Shape({ ...(geo({}) as object), rotation: Math.PI / 2, opacity: 0.5 }, ctx);
    expect(svg).toMatch(/^<g transform="translate\(10 20\) rotate\(90\)" opacity="0.5">/);
    expect(ctx.warnings).toEqual([]);
  });

  it('geo: a solid rectangle is a stroked closed path in the colour of the 2.0-alpha palette', () => {
    const svg = tldrawV2Shape(geo({}), collect());
    expect(svg).toContain('M0 0L100 0L100 50L0 50Z');
    expect(svg).toContain('stroke="#4263eb" stroke-width="3.5"');
  });

  it('geo: fills — solid is the pale tint, semi near-white, pattern a hatch pattern', () => {
    expect(tldrawV2Shape(geo({ fill: 'solid' }), collect())).toContain('fill="#dce1f8"');
    expect(tldrawV2Shape(geo({ fill: 'semi' }), collect())).toContain('fill="#fcfffe"');
    const pattern = tldrawV2Shape(geo({ fill: 'pattern' }), collect());
    expect(pattern).toContain('<pattern id="tl2p-shape_test"');
    expect(pattern).toContain('fill="url(#tl2p-shape_test)"');
  });

  it('geo: dashed sides get fitted dash arrays; the draw style is hand-drawn and stable', () => {
    expect(tldrawV2Shape(geo({ dash: 'dashed' }), collect())).toMatch(
      /stroke-dasharray="[\d.]+ [\d.]+"/,
    );
    const drawn = tldrawV2Shape(geo({ dash: 'draw' }), collect());
    expect(drawn).toContain('Q');
    expect(tldrawV2Shape(geo({ dash: 'draw' }), collect())).toBe(drawn);
    const ellipse = tldrawV2Shape(geo({ geo: 'ellipse', dash: 'draw' }), collect());
    expect(ellipse).toMatch(/<path d="M[^"]+Z" fill="#4263eb"\/>/);
  });

  it('geo: every kind draws, and a label is centred with a background outline under it', () => {
    const kinds = [
      'ellipse',
      'triangle',
      'diamond',
      'pentagon',
      'hexagon',
      'octagon',
      'star',
      'rhombus',
      'rhombus-2',
      'oval',
      'trapezoid',
      'arrow-right',
      'arrow-left',
      'arrow-up',
      'arrow-down',
      'x-box',
      'check-box',
      'cloud',
    ];
    for (const kind of kinds)
      expect(tldrawV2Shape(geo({ geo: kind }), collect()), kind).toContain('<path');
    const labelled = tldrawV2Shape(geo({ text: 'Hi', size: 'l' }), collect());
    expect(labelled).toContain('font-family="Shantell Sans" font-size="26" text-anchor="middle"');
    expect(labelled).toMatch(
      /fill="rgb\(249, 250, 251\)" stroke="rgb\(249, 250, 251\)" stroke-width="2"[^>]*><tspan x="50"[^>]*>Hi</,
    );
    expect(labelled.indexOf('stroke-width="2"')).toBeLessThan(
      labelled.lastIndexOf('fill="#1d1d1d"'),
    );
  });

  it('draw: a filled freehand outline; other dashes a stroked centreline', () => {
    expect(tldrawV2Shape(stroke('draw'), collect())).toMatch(/<path d="M[^"]+" fill="#ffc078"\/>/);
    const dashed = tldrawV2Shape(stroke('draw', { dash: 'dashed' }), collect());
    expect(dashed).toContain('fill="none" stroke="#ffc078" stroke-width="5"');
    expect(dashed).toContain('stroke-dasharray="10 10"');
  });

  it('highlight: a wide translucent stroke in the highlight tint', () => {
    const svg = tldrawV2Shape(stroke('highlight', { size: 'xl' }), collect());
    expect(svg).toContain('stroke="#fddd00" stroke-width="49.28"');
    expect(svg).toContain('opacity="0.35"');
  });

  it('arrow: a body and an open arrowhead; a bent arrow is an arc; a label cuts the body', () => {
    const arrow = (props: Record<string, unknown>): unknown => ({
      ...base,
      type: 'arrow',
      props: {
        color: 'light-red',
        fill: 'none',
        dash: 'solid',
        size: 'l',
        arrowheadStart: 'none',
        arrowheadEnd: 'arrow',
        font: 'draw',
        start: { type: 'point', x: 0, y: 0 },
        end: { type: 'point', x: 300, y: 0 },
        bend: 0,
        text: '',
        labelColor: 'black',
        ...props,
      },
    });
    const straight = tldrawV2Shape(arrow({}), collect());
    expect(straight).toContain('<path d="M0 0L300 0"');
    expect(straight).toContain('L300 0L'); // the head's two strokes meet at the tip
    expect(tldrawV2Shape(arrow({ bend: 40 }), collect())).toMatch(
      /<path d="M0 0A[\d.]+ [\d.]+ 0 [01] [01] 300 0"/,
    );
    const labelled = tldrawV2Shape(arrow({ text: 'go', arrowheadStart: 'triangle' }), collect());
    expect(labelled).toContain('<mask id="tl2m-shape_test"');
    expect(labelled).toContain('>go</tspan>');
  });

  it('arrow: one bound to another shape is skipped with a warning', () => {
    const ctx = collect();
    const bound = {
      ...base,
      type: 'arrow',
      props: {
        start: { type: 'binding', boundShapeId: 'shape:x' },
        end: { type: 'point', x: 1, y: 1 },
      },
    };
    expect(tldrawV2Shape(bound, ctx)).toBe('');
    expect(ctx.warnings.join()).toMatch(/attached/);
  });

  it('text: font size and family by style, aligned in its box, scaled', () => {
    const text = (props: Record<string, unknown>): unknown => ({
      ...base,
      type: 'text',
      props: {
        color: 'light-violet',
        size: 'l',
        font: 'sans',
        align: 'start',
        w: 420,
        text: 'Beep at 10 s',
        scale: 1,
        autoSize: true,
        ...props,
      },
    });
    const svg = tldrawV2Shape(text({}), collect());
    expect(svg).toContain('font-family="IBM Plex Sans" font-size="36" text-anchor="start"');
    expect(svg).toContain('fill="#e599f7"');
    expect(svg.match(/<tspan/g)).toHaveLength(2); // outline + fill
    const wrapped = tldrawV2Shape(
      text({ autoSize: false, w: 100, text: 'one two three four' }),
      collect(),
    );
    expect(wrapped.match(/<tspan/g)?.length).toBeGreaterThan(2);
    expect(tldrawV2Shape(text({ scale: 2 }), collect())).toContain('<g transform="scale(2)">');
  });

  it('note: a 200-unit square with the scrim, a shadow and an unoutlined black label', () => {
    const svg = tldrawV2Shape(
      {
        ...base,
        type: 'note',
        props: {
          color: 'yellow',
          size: 'm',
          font: 'draw',
          align: 'middle',
          verticalAlign: 'middle',
          growY: 40,
          url: '',
          text: 'sticky note',
        },
      },
      collect(),
    );
    expect(svg).toContain('width="200" height="240" rx="6" fill="#ffc078"');
    expect(svg).toContain('opacity="0.28"');
    // The shadow is drawn without an SVG filter (resvg-js 2.6 aborts on a filtered element
    // outside the rendered area): faint stacked rectangles.
    expect(svg).not.toContain('filter');
    expect(svg).toContain('fill="#000" fill-opacity="0.075"');
    expect(svg).toContain('fill="#1d1d1d">');
    expect(svg).not.toContain('stroke="rgb(249, 250, 251)"');
  });

  it('line and frame draw', () => {
    const line = {
      ...base,
      type: 'line',
      props: {
        color: 'red',
        dash: 'solid',
        size: 's',
        spline: 'line',
        handles: {
          a: { id: 'a', index: 'a1', x: 0, y: 0 },
          b: { id: 'b', index: 'a2', x: 50, y: 50 },
        },
      },
    };
    expect(tldrawV2Shape(line, collect())).toContain('M0 0L50 50');
    const frame = tldrawV2Shape(
      { ...base, type: 'frame', props: { w: 300, h: 200, name: 'Plan' } },
      collect(),
    );
    expect(frame).toContain('<rect width="300" height="200"');
    expect(frame).toContain('>Plan</tspan>');
  });
});

describe('tldrawV2Shape: hostile input', () => {
  it('returns nothing, with a warning, for non-objects and unknown types', () => {
    for (const bad of [null, 42, 'geo', [], { type: 'embed', props: {} }, { type: '<script>' }]) {
      const ctx = collect();
      expect(tldrawV2Shape(bad, ctx)).toBe('');
      expect(ctx.warnings).toHaveLength(1);
    }
  });

  it('escapes text and never lets markup or unknown style names through', () => {
    const ctx = collect();
    const svg = tldrawV2Shape(
      {
        ...base,
        id: 'shape:"><x',
        type: 'text',
        props: {
          text: '</text><script>alert(1)</script>&\u0001',
          color: 'red" onload="x',
          font: 'comic',
          size: 'huge',
        },
      },
      ctx,
    );
    expect(svg).toContain('&#60;/text&#62;&#60;script&#62;alert(1)&#60;/script&#62;&#38;');
    expect(svg).not.toMatch(/<script|onload|comic/);
    expect(svg).not.toContain(String.fromCharCode(1));
    expect(svg).toContain('fill="#1d1d1d"'); // default colour black
    expect(ctx.warnings.join()).toMatch(/props.color/);
  });

  it('refuses non-finite and huge numbers, and over-long point lists', () => {
    const ctx = collect();
    expect(
      tldrawV2Shape({ ...(geo({ w: Number.NaN, h: 1e300 }) as object), x: Infinity }, ctx),
    ).not.toMatch(/NaN|Infinity|e\+/);
    expect(ctx.warnings.join()).toMatch(/props.w/);
    const many = Array.from({ length: 100_050 }, (_, i) => ({ x: i % 500, y: i % 7, z: 0.5 }));
    const ctx2 = collect();
    tldrawV2Shape(
      stroke('draw', { dash: 'dashed', segments: [{ type: 'free', points: many }] }),
      ctx2,
    );
    expect(ctx2.warnings.join()).toMatch(/100000 points/);
    expect(tldrawV2Shape(stroke('draw', { segments: 'x' }), collect())).toBe('');
  });

  it('paint order is the validated fractional index', () => {
    expect(tldrawV2PaintOrder({ index: 'a1V' })).toBe('a1V');
    expect(tldrawV2PaintOrder({ index: 'a1"><' })).toBe('');
    expect(tldrawV2PaintOrder(null)).toBe('');
    expect(['a2', 'a1V', 'a1'].sort()).toEqual(['a1', 'a1V', 'a2']);
  });
});

describe('tldrawV2Shape against the player', () => {
  it('draws v30 slide 1 at 11.5 s like bbb-playback (SSIM ≥ 0.9 on the slide area)', async () => {
    const dir = join(
      'test/fixtures/bbb/player-frames',
      'v30-4168131621dbcf837e63d158dd41bd234c05e3e8-1737042007777',
    );
    const t = 11.5;
    const recording = JSON.parse(readFileSync(join(dir, 'tldraw.json'), 'utf8')) as {
      '1': { shapes: { timestamp: number; undo: number; shape_data: { id: string } }[] };
    };
    const entries = recording['1'].shapes;
    const latest = new Map<string, unknown>();
    for (const e of entries)
      if (e.timestamp <= t && (e.undo === -1 || e.undo > t))
        latest.set(e.shape_data.id, e.shape_data);
    const ctx = collect();
    const shapes = [...latest.values()].sort((a, b) =>
      tldrawV2PaintOrder(a) < tldrawV2PaintOrder(b) ? -1 : 1,
    );
    const fragments = shapes.map((s) => tldrawV2Shape(s, ctx)).join('');
    expect(ctx.warnings).toEqual([]);
    const slide = readFileSync(
      join(
        dir,
        'presentation/d6aaebc9c486da171e9d1724081d856559ae70c4-1737042012098/svgs/slide1.svg',
      ),
    );
    // The player fits the 1440×810 page into 960×530 (zoom 530/810), centred; slide at page (1, 1).
    const z = 530 / 810;
    const vx = -(960 - 1440 * z) / 2 / z;
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="530" viewBox="${vx} 0 ${960 / z} 810">` +
      `<rect x="${vx}" width="${960 / z}" height="810" fill="rgb(249, 250, 251)"/>` +
      `<image href="data:image/svg+xml;base64,${slide.toString('base64')}" x="1" y="1" width="1440" height="810"/>${fragments}</svg>`;
    const png = new Resvg(svg, {
      font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    })
      .render()
      .asPng();
    const crop = [9, 1, 942, 529] as const;
    const score = ssim(
      await loadGray(png, { crop }),
      await loadGray(join(dir, 'frames/t11.5.png'), { crop }),
    );
    expect(score).toBeGreaterThanOrEqual(0.9);
  });
});
