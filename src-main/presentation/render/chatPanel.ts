import type { ChatMessage, Rect } from '../model';
import { escapeText } from '../draw/svg25';
import { FONT_FAMILY } from './fonts';
import { fontVerticalMetrics, wrapText } from './textMetrics';

/**
 * The public chat as a side panel (issue #10 §3: no other converter offers it): the latest
 * messages at the bottom, as the player's chat scrolls, each with its author (moderators in
 * the player's blue) and the text wrapped to the panel.
 */
export function chatPanelSvg(options: {
  box: Rect;
  messages: ChatMessage[];
  locale: 'en' | 'fr';
}): string {
  const { box } = options;
  const size = Math.max(10, Math.round(box.w / 24));
  const family = FONT_FAMILY.dejavu;
  const { ascent, descent } = fontVerticalMetrics(family);
  const line = (ascent + descent) * size * 1.1;
  const pad = Math.round(size * 0.8);
  const header = options.locale === 'fr' ? 'Discussion' : 'Chat';
  const headerH = Math.round(line * 1.6);
  const parts = [
    `<rect x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" fill="#ffffff"/>`,
    `<rect x="${box.x}" y="${box.y}" width="1" height="${box.h}" fill="#dfe3e8"/>`,
    `<text x="${box.x + pad}" y="${(box.y + headerH / 2 + (ascent * size) / 2).toFixed(1)}" font-family="${family}" font-size="${size}" font-weight="bold" fill="#1b2a3a">${header}</text>`,
    `<rect x="${box.x}" y="${box.y + headerH}" width="${box.w}" height="1" fill="#dfe3e8"/>`,
  ];
  // Lay out from the newest message upwards until the panel is full.
  const maxWidth = box.w - 2 * pad;
  let bottom = box.y + box.h - pad;
  const top = box.y + headerH + pad;
  const blocks: string[] = [];
  for (let i = options.messages.length - 1; i >= 0 && bottom > top; i--) {
    const m = options.messages[i];
    if (!m) break;
    const lines = wrapText(m.text, family, size, maxWidth).slice(0, 40);
    const height = line * (lines.length + 1) + pad / 2;
    const y0 = bottom - height;
    const texts = [
      `<text x="${box.x + pad}" y="${(y0 + ascent * size).toFixed(1)}" font-family="${family}" font-size="${size}" font-weight="bold" fill="${m.isModerator ? '#0f70d7' : '#1b2a3a'}">${escapeText(m.name)}</text>`,
      ...lines.map(
        (l, k) =>
          `<text x="${box.x + pad}" y="${(y0 + ascent * size + line * (k + 1)).toFixed(1)}" font-family="${family}" font-size="${size}" fill="#333f4d" xml:space="preserve">${escapeText(l)}</text>`,
      ),
    ];
    blocks.unshift(...texts);
    bottom = y0;
  }
  parts.push(
    `<svg x="${box.x}" y="${top}" width="${box.w}" height="${Math.max(0, box.y + box.h - top)}" viewBox="${box.x} ${top} ${box.w} ${Math.max(1, box.y + box.h - top)}" overflow="hidden">`,
    ...blocks,
    '</svg>',
  );
  return parts.join('');
}
