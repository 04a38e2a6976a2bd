import { svg25Shape } from '../draw/svg25';
import type { Annotation, Warning } from '../model';
import { LIMITS, num } from './files';
import type { Node } from './ordered';

/**
 * BBB ≤ 2.5 drawings: `<g class="canvas" image="imageN">` holding `<g class="shape">` versions in
 * document order. As bbb-playback's canvas shows them: a version is drawn from its `timestamp`
 * until the next entry replaces it (the next entry with the same `shape` id) or its `undo` time.
 */
export function readSvgAnnotations(svg: Node, warnings: Warning[]): Annotation[] {
  const annotations: Annotation[] = [];
  const seen = new Set<string>();
  const ctx = {
    warn(en: string, fr: string) {
      if (seen.has(en) || seen.size > 50) return;
      seen.add(en);
      warnings.push({ file: 'shapes.svg', en, fr });
    },
  };
  let order = 0;
  for (const canvas of svg.children) {
    if (canvas.name !== 'g' || !/\bcanvas\b/.test(canvas.attrs['class'] ?? '')) continue;
    const slide = /(\d+)$/.exec(canvas.attrs['image'] ?? canvas.attrs['id'] ?? '');
    if (!slide) continue;
    const slideId = Number(slide[1]);
    const entries = canvas.children.filter(
      (g) => g.name === 'g' && /\bshape\b/.test(g.attrs['class'] ?? ''),
    );
    entries.forEach((g, i) => {
      const key = g.attrs['shape'] ?? g.attrs['id'] ?? `#${i}`;
      const start = num(g.attrs['timestamp']);
      if (!Number.isFinite(start)) return;
      const undo = num(g.attrs['undo'], -1);
      const next = entries[i + 1];
      const replacedAt =
        next && (next.attrs['shape'] ?? next.attrs['id']) === key
          ? num(next.attrs['timestamp'])
          : Infinity;
      const end = Math.min(
        undo >= 0 ? undo : Infinity,
        Number.isFinite(replacedAt) ? replacedAt : Infinity,
      );
      if (end <= start) return;
      const svgText = svg25Shape(g, ctx);
      if (svgText === '') return;
      annotations.push({ slideId, key, start, end, order: order++, svg: svgText });
    });
    if (annotations.length > LIMITS.annotations) {
      warnings.push({
        file: 'shapes.svg',
        en: `more than ${LIMITS.annotations} drawings; the rest are not drawn.`,
        fr: `plus de ${LIMITS.annotations} annotations ; les suivantes ne sont pas dessinées.`,
      });
      break;
    }
  }
  return annotations;
}
