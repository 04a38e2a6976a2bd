import type { Node } from '../parse/ordered';
import { safeHref } from '../parse/href';
import { FONT_FAMILY } from '../render/fonts';
import { fontVerticalMetrics, wrapText } from '../render/textMetrics';
import type { DrawContext } from './context';

/**
 * One BBB ≤ 2.5 whiteboard shape (`<g class="shape">` of shapes.svg) as a clean SVG fragment in
 * slide pixels, drawn as bbb-playback's canvas draws it: the `g`'s style on the one element it
 * holds, visibility dropped. The file is untrusted (issue #10 §5): only known elements and
 * attributes pass, values are checked, and text (a `<foreignObject>` that resvg cannot draw)
 * becomes `<text>` lines wrapped at the box width as the browser would.
 */
export function svg25Shape(g: Node, ctx: DrawContext): string {
  const style = parseStyle(g.attrs['style'] ?? '');
  for (const child of g.children) {
    switch (child.name) {
      case 'path':
        return element('path', pick(child, ['d']), style);
      case 'line':
        return element('line', pick(child, ['x1', 'y1', 'x2', 'y2']), style);
      case 'circle':
        return element('circle', pick(child, ['cx', 'cy', 'r']), style);
      case 'polygon':
      case 'polyline':
        return element(child.name, pick(child, ['points']), style);
      case 'switch':
        return text(child, style, ctx);
      case 'image':
        return poll(g, ctx);
      default:
    }
  }
  const first = g.children.find((c) => c.name !== '#text');
  if (first) {
    ctx.warn(
      `an annotation of type <${first.name.slice(0, 20)}> is not drawn (unknown to BigBlueButton's player).`,
      `une annotation de type <${first.name.slice(0, 20)}> n’est pas dessinée (inconnue du lecteur BigBlueButton).`,
    );
  }
  return '';
}

const STYLE_PROPERTIES = new Set([
  'stroke',
  'stroke-width',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'stroke-dasharray',
  'stroke-opacity',
  'fill',
  'fill-opacity',
  'opacity',
  'color',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
]);

/** A CSS value kept only when it is plain: no url(), no quotes, no markup. */
const SAFE_VALUE = /^[#a-zA-Z0-9 .,%-]{1,64}$/;

function parseStyle(source: string): Map<string, string> {
  const style = new Map<string, string>();
  for (const item of source.split(';')) {
    const colon = item.indexOf(':');
    if (colon < 0) continue;
    const key = item.slice(0, colon).trim().toLowerCase();
    const value = item.slice(colon + 1).trim();
    if (STYLE_PROPERTIES.has(key) && SAFE_VALUE.test(value)) style.set(key, value);
  }
  return style;
}

const NUMBERS = /^[-+0-9.eE ,]*$/;
const PATH_DATA = /^[-+0-9.eEMmLlHhVvCcSsQqTtAaZz ,]*$/;
const MAX_GEOMETRY = 2_000_000;

function pick(node: Node, names: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of names) {
    const value = node.attrs[name];
    if (value === undefined || value.length > MAX_GEOMETRY) continue;
    if ((name === 'd' ? PATH_DATA : NUMBERS).test(value)) out.set(name, value);
  }
  return out;
}

function element(name: string, geometry: Map<string, string>, style: Map<string, string>): string {
  if (geometry.size === 0) return '';
  const attrs = [
    ...geometry,
    ...[...style].filter(([k]) => !k.startsWith('font') && k !== 'color'),
  ];
  return `<${name} ${attrs.map(([k, v]) => `${k}="${escapeAttr(v)}"`).join(' ')}/>`;
}

/** `<switch><foreignObject x y width height><p>line<br/>line</p>` → wrapped `<text>` lines. */
function text(sw: Node, style: Map<string, string>, ctx: DrawContext): string {
  const fo = sw.children.find((c) => c.name === 'foreignObject');
  if (!fo) return '';
  const x = Number.parseFloat(fo.attrs['x'] ?? '');
  const y = Number.parseFloat(fo.attrs['y'] ?? '');
  const width = Number.parseFloat(fo.attrs['width'] ?? '');
  if (![x, y, width].every(Number.isFinite)) {
    ctx.warn(
      'a text annotation has no position; it is not drawn.',
      'une annotation texte n’a pas de position ; elle n’est pas dessinée.',
    );
    return '';
  }
  const size = Math.min(2000, Math.max(1, Number.parseFloat(style.get('font-size') ?? '') || 16));
  // The player asks for the recorded family (Arial); without it the browser used DejaVu Sans.
  const family = FONT_FAMILY.dejavu;
  const colour = style.get('color') ?? '#000000';
  const paragraphs = collectLines(fo).slice(0, 1000);
  const lines = paragraphs.flatMap((p) =>
    p === '' ? [''] : wrapText(p, family, size, Math.max(width, size)),
  );
  const { ascent, descent } = fontVerticalMetrics(family);
  // CSS `line-height: normal` is the font's ascent + descent (+ line gap, 0 in DejaVu).
  const lineHeight = (ascent + descent) * size;
  const tspans = lines
    .map(
      (line, i) =>
        `<tspan x="${x}" y="${(y + ascent * size + i * lineHeight).toFixed(2)}">${escapeText(line)}</tspan>`,
    )
    .join('');
  return `<text font-family="${family}" font-size="${size}" fill="${escapeAttr(colour)}" xml:space="preserve">${tspans}</text>`;
}

/** The text of a foreignObject, one entry per line (`<br/>` or a `\r`, as the player splits). */
function collectLines(node: Node): string[] {
  const lines: string[] = [''];
  const visit = (n: Node): void => {
    for (const c of n.children) {
      if (c.name === '#text') lines[lines.length - 1] += c.text;
      else if (c.name === 'br') lines.push('');
      else visit(c);
    }
  };
  visit(node);
  return lines.flatMap((l) => l.split(/\r\n?|\n/)).map((l) => l.replace(/\s+/g, ' ').trim());
}

/** A poll result: an `<image>` of the result chart, inside the recording only. */
function poll(g: Node, ctx: DrawContext): string {
  const image = g.children.find((c) => c.name === 'image');
  if (!image) return '';
  const raw = image.attrs['xlink:href'] ?? image.attrs['href'] ?? '';
  const href = safeHref(raw);
  const geometry = pick(image, ['x', 'y', 'width', 'height']);
  if (href === null || geometry.size < 4) {
    ctx.warn(
      `a poll result image "${raw.slice(0, 80)}" points outside the recording; it is not drawn.`,
      `l’image de résultat de sondage « ${raw.slice(0, 80)} » pointe hors de l’enregistrement ; elle n’est pas dessinée.`,
    );
    return '';
  }
  const attrs = [...geometry].map(([k, v]) => `${k}="${v}"`).join(' ');
  return `<image ${attrs} href="${escapeAttr(href)}" preserveAspectRatio="none"/>`;
}

export function escapeAttr(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
