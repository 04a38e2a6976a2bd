/** tldraw v1 `shape_data` as BBB 2.7 writes it (form of the v27 fixture's tldraw.json records). */
import type { PlannedShape } from './plan.js';
import { type ShapeGeometry, stableId } from './tldrawCommon.js';

const colors = [
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
];
const sizes = ['small', 'medium', 'large'];
const dashes = ['draw', 'solid', 'dashed', 'dotted'];
const fonts = ['script', 'sans', 'serif', 'mono'];
const label = { label: '', labelPoint: [0.5, 0.5] };

export function shapeDataV1(
  shape: PlannedShape,
  g: ShapeGeometry,
  slide: number,
): Record<string, unknown> {
  const hex = stableId(shape.uid, 12, '0123456789abcdef');
  const isText = shape.kind === 'text';
  const style = {
    color: colors[shape.color % colors.length],
    size: sizes[shape.uid % sizes.length],
    isFilled: !isText && shape.uid % 3 === 0,
    dash: isText ? 'draw' : dashes[shape.uid % dashes.length],
    scale: 1,
    font: isText ? fonts[shape.uid % fonts.length] : 'script',
    textAlign: 'start',
  };
  const base = {
    id: `6f1c2e0a-4b7d-4e21-9a55-${hex}`,
    type: '',
    name: '',
    parentId: String(slide),
    childIndex: g.childIndex,
    point: [g.x, g.y],
    rotation: 0,
  };
  const userId = { userId: 'w_k2vq8nszj1ab' };
  switch (shape.kind) {
    case 'pencil':
    case 'highlight':
      return {
        ...base,
        type: 'draw',
        name: 'Draw',
        style,
        points: g.points.map(([x, y]) => [x, y, 0.5]),
        isComplete: g.isComplete,
        ...userId,
      };
    case 'rect':
    case 'note':
      return {
        ...base,
        type: 'rectangle',
        name: 'Rectangle',
        size: [g.w, g.h],
        style,
        ...label,
        ...userId,
      };
    case 'triangle':
      return {
        ...base,
        type: 'triangle',
        name: 'Triangle',
        size: [g.w, g.h],
        style,
        ...label,
        ...userId,
      };
    case 'ellipse':
      return {
        ...base,
        type: 'ellipse',
        name: 'Ellipse',
        radius: [g.w / 2, g.h / 2],
        style,
        ...label,
        ...userId,
      };
    case 'arrow':
    case 'line':
      return {
        ...base,
        type: 'arrow',
        name: 'Arrow',
        bend: 0,
        handles: {
          start: { id: 'start', index: 0, point: [0, g.h], canBind: true },
          end: { id: 'end', index: 1, point: [g.w, 0], canBind: true },
          bend: { id: 'bend', index: 2, point: [g.w / 2, g.h / 2] },
        },
        decorations: shape.kind === 'arrow' ? { end: 'arrow' } : {},
        style,
        ...label,
        ...userId,
      };
    case 'text':
      return { ...base, type: 'text', name: 'Text', text: shape.text.join('\n'), style, ...userId };
  }
}
