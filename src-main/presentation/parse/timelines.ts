import type { ChatMessage, DeskshareInterval, LayoutEvent, ViewEvent, Warning } from '../model';
import { attr, elements, LIMITS, num, parseDocument, text, type XmlElement } from './files';

/** panzooms.xml: `<event timestamp><viewBox>x y w h</viewBox>`; `tldraw="true"` on 2.6+. */
export function readPanzooms(source: string | null): { isTldraw: boolean; views: ViewEvent[] } {
  if (source === null) return { isTldraw: false, views: [] };
  const root = parseDocument(source, 'panzooms.xml')['recording'] as XmlElement | undefined;
  const views: ViewEvent[] = [];
  for (const event of elements(root, 'event')) {
    const time = num(attr(event, 'timestamp'));
    const [x = NaN, y = NaN, w = NaN, h = NaN] = text(event['viewBox'])
      .trim()
      .split(/\s+/)
      .map((v) => num(v));
    if (![time, x, y, w, h].every((v) => Number.isFinite(v)) || w <= 0 || h <= 0) continue;
    views.push({ time, raw: { x, y, w, h } });
  }
  views.sort((a, b) => a.time - b.time);
  return { isTldraw: root !== undefined && attr(root, 'tldraw') === 'true', views };
}

/** deskshare.xml: `<event start_timestamp stop_timestamp video_width video_height/>`. */
export function readDeskshare(source: string | null, durationS: number): DeskshareInterval[] {
  if (source === null) return [];
  const root = parseDocument(source, 'deskshare.xml')['recording'] as XmlElement | undefined;
  const out: DeskshareInterval[] = [];
  for (const event of elements(root, 'event')) {
    const start = Math.max(0, num(attr(event, 'start_timestamp')));
    const end = Math.min(durationS, num(attr(event, 'stop_timestamp')));
    if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) continue;
    out.push({
      start,
      end,
      width: num(attr(event, 'video_width'), 1280),
      height: num(attr(event, 'video_height'), 720),
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * slides_new.xml (chat): `<chattimeline in out name message senderRole …/>`. Messages are
 * escaped HTML with links wrapped as `<a href="u"><u>u</u></a>` (bbb.md §2): shown as plain text.
 */
export function readChat(source: string | null, warnings: Warning[]): ChatMessage[] {
  if (source === null) return [];
  const root = parseDocument(source, 'slides_new.xml')['popcorn'];
  const messages: ChatMessage[] = [];
  for (const line of elements(root, 'chattimeline')) {
    if ((attr(line, 'target') ?? 'chat') !== 'chat') continue;
    const time = num(attr(line, 'in'));
    if (!Number.isFinite(time)) continue;
    const out = num(attr(line, 'out'));
    messages.push({
      time,
      clearedAt: Number.isFinite(out) ? out : null,
      name: (attr(line, 'name') ?? '').slice(0, 200),
      text: htmlToText(attr(line, 'message') ?? '').slice(0, 4000),
      isModerator: attr(line, 'senderRole') === 'MODERATOR',
    });
    if (messages.length >= LIMITS.chatMessages) {
      warnings.push({
        file: 'slides_new.xml',
        en: `more than ${LIMITS.chatMessages} chat messages; the rest are left out.`,
        fr: `plus de ${LIMITS.chatMessages} messages de discussion ; les suivants sont omis.`,
      });
      break;
    }
  }
  return messages.sort((a, b) => a.time - b.time);
}

function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * layout.xml (3.0): when the screen share is the main content. Read leniently: any event
 * element with a timestamp and a layout/value naming the screen share.
 */
export function readLayout(source: string | null): LayoutEvent[] {
  if (source === null) return [];
  const root = parseDocument(source, 'layout.xml')['recording'] as XmlElement | undefined;
  const out: LayoutEvent[] = [];
  for (const event of elements(root, 'event')) {
    const time = num(attr(event, 'timestamp'));
    if (!Number.isFinite(time)) continue;
    const value =
      `${text(event['layout'])} ${attr(event, 'layout') ?? ''} ${text(event)}`.toLowerCase();
    out.push({ time, isScreenshareMain: /screen|deskshare/.test(value) });
  }
  return out.sort((a, b) => a.time - b.time);
}
