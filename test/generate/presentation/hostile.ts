/**
 * Hostile recordings (issue 10 part 5, "Untrusted input"): each is a complete small recording
 * with exactly one defect, which the converter must refuse or survive with a message naming the file.
 */
import { readFile, readdir, rm, truncate, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { generatePresentation, prepareDirectory } from './generate.js';
import type { RecordingFormat } from './options.js';
import { seconds } from './options.js';
import { writeChunked } from './xmlFiles.js';

export type HostileKind =
  | 'xml-entities'
  | 'external-href'
  | 'script-svg'
  | 'missing-slide'
  | 'truncated-webcams'
  | 'huge-cursor'
  | 'long-duration'
  | 'bad-json'
  | 'bad-json-nan'
  | 'bad-json-types';

const formatOf: Record<HostileKind, RecordingFormat> = {
  'xml-entities': 'svg',
  'external-href': 'svg',
  'script-svg': 'tldraw2',
  'missing-slide': 'svg',
  'truncated-webcams': 'tldraw1',
  'huge-cursor': 'svg',
  'long-duration': 'tldraw2',
  'bad-json': 'tldraw2',
  'bad-json-nan': 'tldraw2',
  'bad-json-types': 'tldraw1',
};

const hostileVersion = 1;

export async function generateHostile(
  kind: HostileKind,
  dirInput: string,
): Promise<{ dir: string; recordId: string; durationS: number }> {
  const dir = resolve(dirInput);
  const marker = JSON.stringify({ hostileVersion, kind });
  const base = await generateBase(kind, dir, marker);
  if (base.isCached) return base.result;
  await defects[kind](dir);
  await writeFile(join(dir, 'options.json'), marker);
  return base.result;
}

async function generateBase(kind: HostileKind, dir: string, marker: string) {
  const durationS = 20;
  const recordId = `${'0123456789abcdef'.repeat(3).slice(0, 40)}-1718870400000`;
  const result = { dir, recordId, durationS };
  if ((await readFile(join(dir, 'options.json'), 'utf8').catch(() => '')) === marker)
    return { result, isCached: true };
  await prepareDirectory(dir);
  await generatePresentation({
    format: formatOf[kind],
    dir,
    durationS,
    slides: 3,
    annotationStates: 24,
    cursorEvents: 200,
    zooms: 2,
    chatMessages: 3,
    // Audio only keeps the bases quick; the webcams defect needs the video file.
    webcams: kind === 'truncated-webcams' ? 'video' : 'audio-only',
    recordId,
    seed: 7,
  });
  return { result, isCached: false };
}

async function presentationDir(dir: string): Promise<string> {
  const [presId] = await readdir(join(dir, 'presentation'));
  if (!presId) throw new Error(`no presentation in ${dir}`);
  return join(dir, 'presentation', presId);
}

async function edit(path: string, change: (text: string) => string): Promise<void> {
  await writeFile(path, change(await readFile(path, 'utf8')));
}

const defects: Record<HostileKind, (dir: string) => Promise<void>> = {
  // "Billion laughs": ten levels of ten references expand to 10^9 "lol"s.
  'xml-entities': (dir) =>
    edit(join(dir, 'shapes.svg'), (svg) => {
      const entities = ['<!ENTITY lol0 "lol">'];
      for (let i = 1; i <= 9; i++)
        entities.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
      return svg
        .replace(/<!DOCTYPE[^>]*>/, `<!DOCTYPE svg [\n${entities.join('\n')}\n]>`)
        .replace(/(<image id="image1"[^>]*?) text="/, '$1 data-lol="&lol9;" text="');
    }),
  'external-href': (dir) =>
    edit(join(dir, 'shapes.svg'), (svg) =>
      svg
        .replace(/(id="image1"[^>]*xlink:href=")[^"]*"/, '$1../../etc/passwd"')
        .replace(/(id="image2"[^>]*xlink:href=")[^"]*"/, '$1http://127.0.0.1:1/x.png"'),
    ),
  'script-svg': async (dir) =>
    writeFile(
      join(await presentationDir(dir), 'svgs', 'slide1.svg'),
      `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="1600" height="900" viewBox="0 0 1600 900" onload="fetch('http://127.0.0.1:1/onload')">
<script>fetch('http://127.0.0.1:1/script')</script>
<rect width="1600" height="900" fill="#336699" onclick="alert(1)"/>
<image href="http://127.0.0.1:1/tracker.png" x="0" y="0" width="400" height="300"/>
<image xlink:href="file:///etc/passwd" x="400" y="0" width="400" height="300"/>
<foreignObject width="800" height="200"><iframe xmlns="http://www.w3.org/1999/xhtml" src="http://127.0.0.1:1/frame"/></foreignObject>
<circle cx="800" cy="450" r="200" fill="#ffffff"/>
</svg>
`,
    ),
  'missing-slide': async (dir) => rm(join(await presentationDir(dir), 'slide-2.png')),
  'truncated-webcams': async (dir) => {
    const path = join(dir, 'video', 'webcams.webm');
    await truncate(path, Math.floor((await stat(path)).size / 2));
  },
  // ~100 MB: 1.4 million events of ~70 bytes, streamed in 1 MB chunks.
  'huge-cursor': (dir) =>
    writeChunked(
      join(dir, 'cursor.xml'),
      (function* () {
        yield '<?xml version="1.0" encoding="UTF-8"?>\n<recording id="cursor_events">\n';
        const count = 1_450_000;
        for (let i = 0; i < count; i++) {
          const time = seconds((i * 20) / count);
          yield `  <event timestamp="${time}">\n    <cursor>0.${(i * 7919) % 100000} 0.${(i * 104729) % 100000}</cursor>\n  </event>\n`;
        }
        yield '</recording>\n';
      })(),
    ),
  'long-duration': (dir) =>
    edit(join(dir, 'metadata.xml'), (xml) =>
      xml.replace(/<duration>\d+<\/duration>/, `<duration>${12 * 3600 * 1000}</duration>`),
    ),
  'bad-json': (dir) =>
    edit(join(dir, 'tldraw.json'), (json) => json.slice(0, Math.floor(json.length / 2))),
  'bad-json-nan': (dir) =>
    edit(join(dir, 'tldraw.json'), (json) =>
      json.replace(/"x":[-\d.]+/, '"x":NaN').replace(/"w":[-\d.]+/, '"w":Infinity'),
    ),
  'bad-json-types': (dir) =>
    edit(join(dir, 'tldraw.json'), (json) => {
      const document = JSON.parse(json) as Record<string, unknown>;
      document['1'] = { timestamp: 'soon', shapes: { not: 'an array' } };
      const page2 = document['2'] as {
        shapes: { timestamp: unknown; shape_data: Record<string, unknown> }[];
      };
      for (const record of page2.shapes) {
        record.timestamp = String(record.timestamp);
        record.shape_data.point = 'here';
        record.shape_data.points = [[null, 'x', {}]];
        record.shape_data.style = 42;
      }
      document['3'] = null;
      document.bbb_version = 274;
      return JSON.stringify(document);
    }),
};
