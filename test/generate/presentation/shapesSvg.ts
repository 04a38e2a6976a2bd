/**
 * shapes.svg: one `<image class="slide">` per slide interval and, for 2.5, the whiteboard as
 * `<g class="canvas">` of `<g class="shape" timestamp undo shape=…>` versions, written like the v25
 * fixture (test/fixtures/bbb/player-frames/v25-…/shapes.svg; bbb.md §2 "shapes.svg").
 */
import type { Resolved } from './options.js';
import { seconds } from './options.js';
import type { Plan, PlannedShape } from './plan.js';
import { type Space, num, toPage } from './space.js';

const palette = [
  '#ffd60a',
  '#ff006e',
  '#3a86ff',
  '#ffffff',
  '#000000',
  '#1d3557',
  '#6a040f',
  '#2a9d8f',
  '#e76f51',
  '#8338ec',
  '#06d6a0',
  '#ef476f',
];

export const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function slideHref(format: Resolved['format'], presId: string, slide: number): string {
  return format === 'svg'
    ? `presentation/${presId}/slide-${slide}.png`
    : `presentation/${presId}/svgs/slide${slide}.svg`;
}

export function shapesSvg(options: Resolved, plan: Plan, presId: string, space: Space): string {
  const lines = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">',
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" id="svgfile" style="position:absolute;height:600px;width:800px" version="1.1" viewBox="0 0 800 600">',
  ];
  let drawCounter = 0;
  for (const show of plan.slides) {
    const image = `image${show.slide}`;
    lines.push(
      `  <image id="${image}" class="slide" in="${seconds(show.start)}" out="${seconds(show.end)}" xlink:href="${slideHref(options.format, presId, show.slide)}" width="${space.slide.width}" height="${space.slide.height}" x="0" y="0" style="visibility:hidden" text="presentation/${presId}/textfiles/slide-${show.slide}.txt"/>`,
    );
    if (options.format !== 'svg') continue;
    lines.push(`  <g class="canvas" id="canvas${show.slide}" image="${image}" display="none">`);
    for (const shape of plan.shapes.filter((s) => s.slide === show.slide)) {
      shape.times.forEach((time, version) => {
        const [style, body] = drawShape(shape, version, space);
        const undo = shape.undoAt < 0 ? '-1' : seconds(shape.undoAt);
        lines.push(
          `    <g id="${image}-draw${++drawCounter}" class="shape" timestamp="${seconds(time)}" undo="${undo}" shape="${image}-${svgType[shape.kind]}${shape.uid}" style="${style}">${body}</g>`,
        );
      });
    }
    lines.push('  </g>');
  }
  lines.push('</svg>', '');
  return lines.join('\n');
}

/** BBB 2.5's tool names in the `shape` attribute. */
const svgType: Record<PlannedShape['kind'], string> = {
  pencil: 'pencil',
  highlight: 'pencil',
  rect: 'rect',
  note: 'rect',
  ellipse: 'ellipse',
  line: 'line',
  arrow: 'line',
  triangle: 'triangle',
  text: 'text',
};

function drawShape(shape: PlannedShape, version: number, space: Space): [string, string] {
  const color = palette[shape.color % palette.length] ?? '#000000';
  const [x0, y0] = toPage(space, { u: shape.box.u, v: shape.box.v });
  const [x1, y1] = toPage(space, { u: shape.box.u + shape.box.w, v: shape.box.v + shape.box.h });
  const width = (8 + (shape.color % 3) * 3.2).toFixed(1);
  const box = `M${num(x0)} ${num(y0)}L${num(x1)} ${num(y0)}L${num(x1)} ${num(y1)}L${num(x0)} ${num(y1)}Z`;
  switch (shape.kind) {
    case 'pencil':
    case 'highlight': {
      const points = shape.points
        .slice(0, shape.pointCounts[version] ?? shape.points.length)
        .map((p) => toPage(space, p));
      const d = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${num(x)} ${num(y)}`).join('');
      return [
        `stroke:${color};stroke-linecap:round;stroke-linejoin:round;stroke-width:${width};visibility:hidden;fill:none`,
        `<path d="${d}"/>`,
      ];
    }
    case 'rect':
    case 'note':
      return [
        `stroke:${color};stroke-width:${width};visibility:hidden;fill:none;stroke-linejoin:miter`,
        `<path d="${box}"/>`,
      ];
    case 'ellipse': {
      const rx = (x1 - x0) / 2;
      const ry = (y1 - y0) / 2;
      const cy = y0 + ry;
      const arc = `A${num(rx)} ${num(ry)} 0 0 1`;
      const d = `M${num(x0)} ${num(cy)}${arc} ${num(x0 + rx)} ${num(y0)}${arc} ${num(x1)} ${num(cy)}${arc} ${num(x0 + rx)} ${num(y1)}${arc} ${num(x0)} ${num(cy)}Z`;
      const fill = shape.uid % 2 === 0 ? color : 'none';
      return [
        `stroke:${color};stroke-width:${width};visibility:hidden;fill:${fill}`,
        `<path d="${d}"/>`,
      ];
    }
    case 'line':
    case 'arrow':
      return [
        `stroke:${color};stroke-width:${width};visibility:hidden;fill:none;stroke-linecap:butt`,
        `<line x1="${num(x0)}" y1="${num(y1)}" x2="${num(x1)}" y2="${num(y0)}"/>`,
      ];
    case 'triangle':
      return [
        `stroke:${color};stroke-width:${width};visibility:hidden;fill:none;stroke-linejoin:miter;stroke-miterlimit:8`,
        `<path d="M${num((x0 + x1) / 2)} ${num(y0)}L${num(x1)} ${num(y1)}L${num(x0)} ${num(y1)}Z"/>`,
      ];
    case 'text': {
      // 2.5 text is HTML in a foreignObject, lines split by <br/> (bbb.md §2).
      const fontSize = (space.slide.width * 0.036).toFixed(1);
      const html = shape.text.map(escapeXml).join('<br/>');
      return [
        `color:${color};word-wrap:break-word;visibility:hidden;font-family:Arial;font-size:${fontSize}px`,
        `<switch><foreignObject width="${num(x1 - x0)}" height="${num(y1 - y0)}" x="${num(x0)}" y="${num(y0)}"><p xmlns="http://www.w3.org/1999/xhtml" style="margin:0;padding:0">${html}</p></foreignObject></switch>`,
      ];
    }
  }
}
