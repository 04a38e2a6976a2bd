import type { Vec } from './tldrawV2Input.js';
import type { V2Dash } from './tldrawV2Style.js';

/**
 * The outlines of tldraw v2's geo kinds (bigbluebutton/tldraw packages/tldraw/src/lib/shapes/
 * geo/): the polygon of each kind in its w × h box, and the inner strokes of x-box and
 * check-box. Pure geometry; tldrawV2Geo.ts draws them.
 */
export const GEOS = [
  'rectangle',
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
] as const;
export type Geo = (typeof GEOS)[number];

/** Regular polygon vertices from the top, stretched to w × h and moved to the box's corner. */
function regular(w: number, h: number, sides: number): Vec[] {
  const pts: Vec[] = [];
  for (let i = 0; i < sides; i++) {
    const t = -Math.PI / 2 + (i * Math.PI * 2) / sides;
    pts.push([w / 2 + (w / 2) * Math.cos(t), h / 2 + (h / 2) * Math.sin(t)]);
  }
  const minX = Math.min(...pts.map((q) => q[0]));
  const minY = Math.min(...pts.map((q) => q[1]));
  return pts.map(([x, y]) => [x - minX, y - minY]);
}

export function outlineOf(kind: Geo, w: number, h: number): Vec[] {
  const cx = w / 2;
  const cy = h / 2;
  const o = Math.min(w * 0.38, h * 0.38);
  switch (kind) {
    case 'triangle':
      return [
        [cx, 0],
        [w, h],
        [0, h],
      ];
    case 'diamond':
      return [
        [cx, 0],
        [w, cy],
        [cx, h],
        [0, cy],
      ];
    case 'pentagon':
      return regular(w, h, 5);
    case 'hexagon':
      return regular(w, h, 6);
    case 'octagon':
      return regular(w, h, 8);
    case 'star': {
      const pts: Vec[] = [];
      for (let i = 0; i < 10; i++) {
        const t = -Math.PI / 2 + (i * Math.PI) / 5;
        const k = i % 2 ? 0.5 : 1;
        pts.push([cx + cx * k * Math.cos(t), h * 0.55 + h * 0.55 * k * Math.sin(t)]);
      }
      return pts;
    }
    case 'rhombus':
      return [
        [o, 0],
        [w, 0],
        [w - o, h],
        [0, h],
      ];
    case 'rhombus-2':
      return [
        [0, 0],
        [w - o, 0],
        [w, h],
        [o, h],
      ];
    case 'trapezoid':
      return [
        [o, 0],
        [w - o, 0],
        [w, h],
        [0, h],
      ];
    case 'arrow-right': {
      const ox = Math.min(w, h) * 0.38;
      const oy = h * 0.16;
      return [
        [0, oy],
        [w - ox, oy],
        [w - ox, 0],
        [w, cy],
        [w - ox, h],
        [w - ox, h - oy],
        [0, h - oy],
      ];
    }
    case 'arrow-left': {
      const ox = Math.min(w, h) * 0.38;
      const oy = h * 0.16;
      return [
        [ox, 0],
        [ox, oy],
        [w, oy],
        [w, h - oy],
        [ox, h - oy],
        [ox, h],
        [0, cy],
      ];
    }
    case 'arrow-up': {
      const ox = w * 0.16;
      const oy = Math.min(w, h) * 0.38;
      return [
        [cx, 0],
        [w, oy],
        [w - ox, oy],
        [w - ox, h],
        [ox, h],
        [ox, oy],
        [0, oy],
      ];
    }
    case 'arrow-down': {
      const ox = w * 0.16;
      const oy = Math.min(w, h) * 0.38;
      return [
        [ox, 0],
        [w - ox, 0],
        [w - ox, h - oy],
        [w, h - oy],
        [cx, h],
        [0, h - oy],
        [ox, h - oy],
      ];
    }
    default:
      return [
        [0, 0],
        [w, 0],
        [w, h],
        [0, h],
      ];
  }
}

/** The inner strokes of x-box and check-box. */
export function linesOf(kind: Geo, w: number, h: number, sw: number, dash: V2Dash): Vec[][] {
  const cx = (x: number): number => Math.max(0, Math.min(w, x));
  const cy = (y: number): number => Math.max(0, Math.min(h, y));
  if (kind === 'x-box') {
    const i = dash === 'draw' ? sw * 0.62 : 0;
    return [
      [
        [cx(i), cy(i)],
        [cx(w - i), cy(h - i)],
      ],
      [
        [cx(i), cy(h - i)],
        [cx(w - i), cy(i)],
      ],
    ];
  }
  if (kind === 'check-box') {
    const s = Math.min(w, h) * 0.82;
    const ox = (w - s) / 2;
    const oy = (h - s) / 2;
    return [
      [
        [cx(ox + s * 0.25), cy(oy + s * 0.52)],
        [cx(ox + s * 0.45), cy(oy + s * 0.82)],
        [cx(ox + s * 0.82), cy(oy + s * 0.22)],
      ],
    ];
  }
  return [];
}
