import { measureText } from '../render/textMetrics.js';
import { n, V2Reader } from './tldrawV2Input.js';
import {
  FONT_SIZES,
  LABEL_FONT_SIZES,
  LINE_HEIGHT,
  THEME,
  V2_COLORS,
  V2_FONTS,
  V2_SIZES,
} from './tldrawV2Style.js';
import { labelSvg, layoutText, textSvg } from './tldrawV2Text.js';
import { softShadow } from './tldrawV1Text.js';
import { FONT_FAMILY } from '../render/fonts.js';

/**
 * The box-like tldraw v2 shapes: text, note (sticky) and frame
 * (bigbluebutton/tldraw packages/tldraw/src/lib/shapes/{text,note,frame}/ and editor.css).
 */

/** Text shape: auto-sized (explicit newlines only, box = widest line + 1) or wrapped at `w`. */
export function textShapeSvg(shape: Record<string, unknown>, r: V2Reader): string {
  const p = V2Reader.record(shape.props) ?? {};
  const text = r.text(p.text, 'props.text');
  const size = r.oneOf(p.size, V2_SIZES, 'props.size', 'm');
  const family = V2_FONTS[r.key(p.font, V2_FONTS, 'props.font', 'draw')];
  const fontSize = FONT_SIZES[size];
  const autoSize = r.bool(p.autoSize, true);
  const w = r.num(p.w, 'props.w', 8, [0, 1e6]);
  const scale = r.num(p.scale, 'props.scale', 1, [0.01, 100]);
  const minWidth = autoSize ? 16 : Math.max(16, w);
  const laid = layoutText(text, family, fontSize, autoSize ? undefined : Math.floor(minWidth));
  const boxWidth = Math.max(minWidth, autoSize ? laid.width + 1 : laid.width);
  const svg = textSvg(
    {
      text,
      family,
      fontSize,
      color: V2_COLORS[r.key(p.color, V2_COLORS, 'props.color', 'black')].solid,
      align: r.align(p.align, 'props.align', 'middle'),
      x: 0,
      y: 0,
      boxWidth,
      hasOutline: true,
    },
    laid,
  );
  return svg && scale !== 1 ? `<g transform="scale(${n(scale)})">${svg}</g>` : svg;
}

const NOTE_SIZE = 200;

/**
 * Sticky note: 200 × (200 + growY), corner radius 6, the colour's solid under a 28 % scrim of the
 * page background (.tl-note__scrim; the player shows yellow as #fdd09c), a 1-unit border in the
 * solid colour, a soft shadow (--shadow-1), and a black label without outline. Black notes are
 * drawn yellow, as tldraw does.
 */
export function noteSvg(shape: Record<string, unknown>, id: string, r: V2Reader): string {
  const p = V2Reader.record(shape.props) ?? {};
  const colorName = r.key(p.color, V2_COLORS, 'props.color', 'black');
  const color = V2_COLORS[colorName === 'black' ? 'yellow' : colorName].solid;
  const h = NOTE_SIZE + r.num(p.growY, 'props.growY', 0, [0, 1e6]);
  const size = r.oneOf(p.size, V2_SIZES, 'props.size', 'm');
  const rect = `width="${NOTE_SIZE}" height="${n(h)}" rx="6"`;
  // No SVG filter: see softShadow (a filtered element off the view aborts resvg-js 2.6).
  const shadow = softShadow({ x: 0, y: 1, w: NOTE_SIZE, h, rx: 6, blur: 1.2, opacity: 0.3 });
  const body =
    `<rect ${rect} fill="${color}"/>` +
    `<rect x="1" y="1" width="${NOTE_SIZE - 2}" height="${n(h - 2)}" rx="5" fill="${THEME.background}" opacity="0.28"/>` +
    `<rect x="0.5" y="0.5" width="${NOTE_SIZE - 1}" height="${n(h - 1)}" rx="5.5" fill="none" stroke="${color}" stroke-width="1"/>`;
  const label = labelSvg({
    text: r.text(p.text, 'props.text'),
    family: V2_FONTS[r.key(p.font, V2_FONTS, 'props.font', 'draw')],
    fontSize: LABEL_FONT_SIZES[size],
    color: V2_COLORS.black.solid,
    align: r.align(p.align, 'props.align', 'middle'),
    verticalAlign: r.align(p.verticalAlign, 'props.verticalAlign', 'middle'),
    box: { x: 0, y: 0, w: NOTE_SIZE, h },
    hasOutline: false,
  });
  return shadow + body + label;
}

/** Frame: a near-white panel with a thin outline and its name above the top-left corner. */
export function frameSvg(shape: Record<string, unknown>, r: V2Reader): string {
  const p = V2Reader.record(shape.props) ?? {};
  const w = Math.max(1, r.num(p.w, 'props.w', 160, [0, 1e6]));
  const h = Math.max(1, r.num(p.h, 'props.h', 90, [0, 1e6]));
  const name = (r.text(p.name, 'props.name').split('\n')[0] ?? '').trim() || 'Frame';
  const fontSize = 12;
  const family = FONT_FAMILY.plexSans;
  // The heading is cut to the frame's width, as the player's ellipsis does.
  let shown = name;
  while (shown.length > 1 && measureText(shown, family, fontSize) > w)
    shown = shown.slice(0, -2) + '…';
  const heading = textSvg({
    text: shown,
    family,
    fontSize,
    color: '#404040',
    align: 'start',
    x: 0,
    y: -fontSize * LINE_HEIGHT - 4,
    hasOutline: false,
  });
  return `<rect width="${n(w)}" height="${n(h)}" fill="${THEME.solid}" stroke="#1d1d1d" stroke-width="1"/>${heading}`;
}
