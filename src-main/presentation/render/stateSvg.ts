import type { ChatMessage, Rect } from '../model';
import { chatPanelSvg } from './chatPanel';
import { FONT_FAMILY } from './fonts';
import { fit, type FrameLayout } from './geometry';
import type { PictureState } from './timeline';

/** Around the slide, as bbb-playback's page: rgb(243, 246, 249) (player-frames README). */
export const BACKGROUND = '#f3f6f9';

const open = (width: number, height: number): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`;

/** The whiteboard viewport: the view box fitted in the slide box, clipped as the player's SVG. */
function viewport(state: PictureState, layout: FrameLayout, inner: string): string {
  if (!state.view) return '';
  const box = fit(state.view, layout.slideBox);
  const { x, y, w, h } = state.view;
  return `<svg x="${n(box.x)}" y="${n(box.y)}" width="${n(box.w)}" height="${n(box.h)}" viewBox="${n(x)} ${n(y)} ${n(w)} ${n(h)}" preserveAspectRatio="none" overflow="hidden">${inner}</svg>`;
}

/**
 * The opaque layer of a picture state: page background and the slide (or a neutral frame with
 * its number when the image is missing), the view box applied. Shared by every state with the
 * same slide and view, so it is drawn once for all of them.
 */
export function backgroundSvg(
  state: PictureState,
  layout: FrameLayout,
  slideUri: string | null,
): string {
  const parts = [
    open(layout.width, layout.height),
    `<rect width="${layout.width}" height="${layout.height}" fill="${BACKGROUND}"/>`,
  ];
  if (state.show && state.space) {
    const image = state.space.image;
    parts.push(
      viewport(
        state,
        layout,
        slideUri
          ? `<image x="${n(image.x)}" y="${n(image.y)}" width="${n(image.w)}" height="${n(image.h)}" preserveAspectRatio="none" href="${slideUri}"/>`
          : neutralSlide(image, state.show.slideId),
      ),
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

/** The transparent layer: drawings and the chat panel; null when there is nothing on it. */
export function overlaySvg(
  state: PictureState,
  layout: FrameLayout,
  chat: { messages: ChatMessage[]; locale: 'en' | 'fr' } | null,
): string | null {
  const drawings =
    state.annotations.length > 0
      ? viewport(state, layout, state.annotations.map((a) => a.svg).join(''))
      : '';
  const panel =
    layout.chatBox && chat
      ? chatPanelSvg({
          box: layout.chatBox,
          messages: chat.messages.slice(state.chatFrom, state.chatCount),
          locale: chat.locale,
        })
      : '';
  if (drawings === '' && panel === '') return null;
  return `${open(layout.width, layout.height)}${drawings}${panel}</svg>`;
}

function neutralSlide(image: Rect, slideId: number): string {
  const size = image.h / 8;
  return (
    `<rect x="${n(image.x)}" y="${n(image.y)}" width="${n(image.w)}" height="${n(image.h)}" fill="#d9dee4"/>` +
    `<text x="${n(image.x + image.w / 2)}" y="${n(image.y + image.h / 2 + size / 3)}" font-family="${FONT_FAMILY.dejavu}" font-size="${n(size)}" fill="#5c6670" text-anchor="middle">${slideId}</text>`
  );
}

const n = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(3));
