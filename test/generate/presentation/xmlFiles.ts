/**
 * The small files around the whiteboard: metadata.xml, panzooms.xml, cursor.xml, deskshare.xml,
 * slides_new.xml, presentation_text.json, captions.json, textfiles — shaped like the player
 * fixtures and bbb.md §2.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Resolved } from './options.js';
import { seconds } from './options.js';
import { type Plan, viewAt } from './plan.js';
import { escapeXml } from './shapesSvg.js';
import { type Space, cursorText, viewBoxText } from './space.js';

export function metadataXml(options: Resolved, sizeBytes: number): string {
  const [meetingHash = '', start = '0'] = options.recordId.split('-');
  const startMs = Number(start);
  const durationMs = Math.round(options.durationS * 1000);
  const name = `Synthetic ${options.format} ${options.durationS} s`;
  const externalId = `gen-${meetingHash.slice(0, 8)}`;
  return `<?xml version="1.0"?>
<recording>
  <id>${options.recordId}</id>
  <state>published</state>
  <published>true</published>
  <start_time>${startMs}</start_time>
  <end_time>${startMs + durationMs + 1873}</end_time>
  <participants>3</participants>
  <meeting id="${options.recordId}" externalId="${externalId}" name="${escapeXml(name)}" breakout="false"/>
  <meta>
    <isBreakout>false</isBreakout>
    <meetingId>${externalId}</meetingId>
    <meetingName>${escapeXml(name)}</meetingName>
    <bbb-origin>regie-test-generator</bbb-origin>
  </meta>
  <playback>
    <format>presentation</format>
    <link>https://bbb.example.org/playback/presentation/2.3/${options.recordId}</link>
    <processing_time>8123</processing_time>
    <duration>${durationMs}</duration>
    <extensions>
      <preview>
        <images/>
      </preview>
    </extensions>
    <size>${sizeBytes}</size>
  </playback>
  <raw_size>${sizeBytes * 3}</raw_size>
</recording>
`;
}

const tldrawAttribute = (space: Space) => (space.isTldraw ? ' tldraw="true"' : '');

export function panzoomsXml(plan: Plan, space: Space): string {
  const events = plan.views.map(
    (view) =>
      `  <event timestamp="${seconds(view.time)}">\n    <viewBox>${viewBoxText(space, view)}</viewBox>\n  </event>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<recording id="panzoom_events"${tldrawAttribute(space)}>\n${events.join('\n')}\n</recording>\n`;
}

/** Writes through a stream in ~1 MB chunks: the hostile 100 MB cursor.xml uses the same path. */
export async function writeChunked(path: string, parts: Iterable<string>): Promise<void> {
  const stream = createWriteStream(path);
  let chunk = '';
  for (const part of parts) {
    chunk += part;
    if (chunk.length > 1_000_000) {
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
    }
  }
  stream.end(chunk);
  await once(stream, 'finish');
}

export function* cursorXml(plan: Plan, space: Space): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<recording id="cursor_events"${tldrawAttribute(space)}>\n`;
  for (const event of plan.cursor) {
    const text = cursorText(space, viewAt(plan.views, event.time), event.at);
    yield `  <event timestamp="${seconds(event.time)}">\n    <cursor>${text}</cursor>\n  </event>\n`;
  }
  yield '</recording>\n';
}

export const deskshareSize = { width: 1280, height: 720 };

export function deskshareXml(options: Resolved): string {
  const events = options.deskshare.map(
    ({ start, end }) =>
      `  <event start_timestamp="${seconds(start)}" stop_timestamp="${seconds(end)}" video_width="${deskshareSize.width}" video_height="${deskshareSize.height}"/>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<recording id="deskshare_events">\n${events.map((e) => `${e}\n`).join('')}</recording>\n`;
}

/** Chat: the message attribute holds the text with URLs wrapped in a link (bbb.md §2), escaped once, like the fixtures' `thanks &lt;3`. */
export function chatXml(plan: Plan): string {
  if (plan.chat.length === 0) return '<?xml version="1.0" encoding="UTF-8"?>\n<popcorn/>\n';
  const lines = plan.chat.map(({ time, name, role, message }) => {
    const html = message
      .split(/(https?:\/\/\S+)/)
      .map((part, i) =>
        i % 2 === 1 ? `<a href="${part}" rel="nofollow"><u>${part}</u></a>` : part,
      )
      .join('');
    return `  <chattimeline in="${seconds(time)}" direction="down" name="${escapeXml(name)}" chatEmphasizedText="false" senderRole="${role}" message="${escapeXml(html)}" target="chat"/>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<popcorn>\n${lines.join('\n')}\n</popcorn>\n`;
}

export const slideText = (format: Resolved['format'], slide: number): string =>
  `${format.toUpperCase()} SLIDE ${slide} synthetic recording\n`;

export function presentationTextJson(options: Resolved, plan: Plan, presId: string): string {
  const texts = Object.fromEntries(
    plan.slides.map(({ slide }) => [`slide-${slide}`, slideText(options.format, slide)]),
  );
  return JSON.stringify({ [presId]: texts });
}
