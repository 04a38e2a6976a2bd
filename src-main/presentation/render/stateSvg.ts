import type { Annotation, ChatMessage, Rect } from '../model';
import { chatPanelSvg } from './chatPanel';
import { FONT_FAMILY } from './fonts';
import { fit, type FrameLayout } from './geometry';
import type { PictureState } from './timeline';

/** Around the slide, as bbb-playback's page: rgb(243, 246, 249) (player-frames README). */
export const BACKGROUND = '#f3f6f9';

export const open = (width: number, height: number): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`;

/** The whiteboard viewport: the view box fitted in the slide box, clipped as the player's SVG. */
/**
 * The whiteboard seen through the view box: a plain transform, no clipping (resvg draws a clip
 * as a full-canvas mask, ~100 ms): what falls outside the box is cut when the layers are put
 * together (viewBoxIn + compositeOver's clip, slideLayer's fill).
 */
function viewport(state: PictureState, layout: FrameLayout, inner: string): string {
  if (!state.view) return '';
  const box = fit(state.view, layout.slideBox);
  const scale = box.w / state.view.w;
  return `<g transform="translate(${n(box.x)} ${n(box.y)}) scale(${scale.toFixed(6)}) translate(${n(-state.view.x)} ${n(-state.view.y)})">${inner}</g>`;
}

/**
 * The opaque layer of a picture state drawn as SVG: the page background and, inside the view
 * box, `inner` (an inline slide document, or a neutral frame). Raster slides take another road
 * (slideLayer.ts).
 */
export function backgroundSvg(state: PictureState, layout: FrameLayout, inner: string): string {
  return [
    open(layout.width, layout.height),
    `<rect width="${layout.width}" height="${layout.height}" fill="${BACKGROUND}"/>`,
    viewport(state, layout, inner),
    '</svg>',
  ].join('');
}

/**
 * A slide SVG placed inline at the slide's place in the whiteboard: its root element keeps its
 * own viewBox and takes the slide's position and size. resvg draws an inline `<svg>` as a
 * group, ~10 ms, where the same document as an `<image>` costs ~150 ms.
 */
export function inlineSlide(source: string, image: Rect): string | null {
  const body = source.replace(/^[\s\S]*?(?=<svg[\s>])/i, '');
  const root = /^<svg\b[^>]*>/i.exec(body);
  if (!root) return null;
  let tag = root[0];
  const attribute = (name: string): string | undefined =>
    new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag)?.[1];
  const width = Number.parseFloat(attribute('width') ?? '');
  const height = Number.parseFloat(attribute('height') ?? '');
  const viewBox =
    attribute('viewBox') ?? (width > 0 && height > 0 ? `0 0 ${width} ${height}` : null);
  if (viewBox === null) return null;
  tag = tag.replace(
    /\s(width|height|x|y|viewBox|preserveAspectRatio)\s*=\s*("[^"]*"|'[^']*')/gi,
    '',
  );
  tag = tag.replace(
    /^<svg\b/i,
    `<svg x="${n(image.x)}" y="${n(image.y)}" width="${n(image.w)}" height="${n(image.h)}" viewBox="${viewBox}" preserveAspectRatio="none" overflow="visible"`,
  );
  return tag + body.slice(root[0].length);
}

/** Drawings (all of the state's, or `annotations`) in frame coordinates; '' when none. */
export function drawingsSvg(
  state: PictureState,
  layout: FrameLayout,
  annotations: readonly Annotation[] = state.annotations,
): string {
  return annotations.length > 0
    ? viewport(state, layout, annotations.map((a) => a.svg).join(''))
    : '';
}

/** The chat panel of a state in frame coordinates; '' without a chat box. */
export function chatSvg(
  state: PictureState,
  layout: FrameLayout,
  chat: { messages: ChatMessage[]; locale: 'en' | 'fr' } | null,
): string {
  if (!layout.chatBox || !chat) return '';
  return chatPanelSvg({
    box: layout.chatBox,
    messages: chat.messages.slice(state.chatFrom, state.chatCount),
    locale: chat.locale,
  });
}

export function neutralSlide(image: Rect, slideId: number): string {
  const size = image.h / 8;
  return (
    `<rect x="${n(image.x)}" y="${n(image.y)}" width="${n(image.w)}" height="${n(image.h)}" fill="#d9dee4"/>` +
    `<text x="${n(image.x + image.w / 2)}" y="${n(image.y + image.h / 2 + size / 3)}" font-family="${FONT_FAMILY.dejavu}" font-size="${n(size)}" fill="#5c6670" text-anchor="middle">${slideId}</text>`
  );
}

const n = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(3));
