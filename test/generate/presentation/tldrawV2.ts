/** tldraw v2 `shape_data` as BBB 3.0 writes it (form of the v30 fixture's tldraw.json records). */
import type { PlannedShape } from './plan.js';
import { type ShapeGeometry, stableId } from './tldrawCommon.js';

const colors = [
  'black',
  'grey',
  'light-violet',
  'violet',
  'blue',
  'light-blue',
  'yellow',
  'orange',
  'green',
  'light-green',
  'light-red',
  'red',
];
const sizes = ['s', 'm', 'l', 'xl'];
const dashes = ['draw', 'solid', 'dashed', 'dotted'];
const fills = ['none', 'semi', 'solid', 'pattern'];
const fonts = ['draw', 'sans', 'serif', 'mono'];
const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** tldraw's fractional index keys in creation order: a1…az, then b01…. */
function fractionalIndex(n: number): string {
  if (n < 62) return `a${digits[n] ?? '0'}`;
  return `b${digits[Math.floor(n / 62) % 62] ?? '0'}${digits[n % 62] ?? '0'}`;
}

export function shapeDataV2(
  shape: PlannedShape,
  g: ShapeGeometry,
  slide: number,
): Record<string, unknown> {
  const color = colors[shape.color % colors.length];
  const size = sizes[shape.uid % sizes.length];
  const dash = dashes[shape.uid % dashes.length];
  const record = (type: string, props: Record<string, unknown>) => ({
    x: g.x,
    y: g.y,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    id: `shape:${stableId(shape.uid, 12, digits)}`,
    type,
    props,
    parentId: `page:${slide}`,
    index: fractionalIndex(g.childIndex),
    typeName: 'shape',
    isModerator: true,
  });
  const segments = [{ type: 'free', points: g.points.map(([x, y]) => ({ x, y, z: 0.5 })) }];
  const text = shape.text.join('\n');
  const geo = (kind: string) =>
    record('geo', {
      geo: kind,
      labelColor: 'black',
      color,
      fill: fills[shape.uid % fills.length],
      dash,
      size,
      font: 'draw',
      text: '',
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      w: g.w,
      h: g.h,
    });
  switch (shape.kind) {
    case 'rect':
      return geo('rectangle');
    case 'ellipse':
      return geo('ellipse');
    case 'triangle':
      return geo('triangle');
    case 'pencil':
      return record('draw', {
        color,
        fill: 'none',
        dash: 'draw',
        size,
        segments,
        isComplete: g.isComplete,
        isClosed: false,
        isPen: false,
      });
    case 'highlight':
      return record('highlight', {
        color: 'yellow',
        size: 'xl',
        segments,
        isComplete: g.isComplete,
        isPen: false,
      });
    case 'arrow':
      return record('arrow', {
        labelColor: 'black',
        color,
        fill: 'none',
        dash,
        size,
        arrowheadStart: 'none',
        arrowheadEnd: 'arrow',
        font: 'draw',
        start: { type: 'point', x: 0, y: g.h },
        end: { type: 'point', x: g.w, y: 0 },
        bend: 0,
        text: '',
      });
    case 'line':
      return record('line', {
        color,
        dash,
        size,
        spline: 'line',
        handles: {
          start: { id: 'start', type: 'vertex', canBind: false, index: 'a1', x: 0, y: 0 },
          end: { id: 'end', type: 'vertex', canBind: false, index: 'a2', x: g.w, y: g.h },
        },
      });
    case 'text':
      return record('text', {
        color,
        size,
        font: fonts[shape.uid % fonts.length],
        align: 'start',
        w: g.w,
        text,
        scale: 1,
        autoSize: true,
      });
    case 'note':
      return record('note', {
        color,
        size: 'm',
        font: 'draw',
        align: 'middle',
        verticalAlign: 'middle',
        growY: 0,
        url: '',
        text,
      });
  }
}
