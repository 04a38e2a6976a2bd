import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import {
  generateHostile,
  generatePresentation,
  type RecordingFormat,
} from '../generate/presentation/index.js';
import { makeTempDir, removeTempDir } from '../helpers/tempDir.js';

// The generator of synthetic BBB presentation recordings (issue 10 tests and bench): each format
// must come out as BBB publishes it (test/fixtures/bbb/player-frames/README.md), coherent and quick.

const root = makeTempDir();
afterAll(() => removeTempDir(root));

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function readXml(dir: string, name: string): Record<string, unknown> {
  const text = readFileSync(join(dir, name), 'utf8');
  expect(XMLValidator.validate(text), name).toBe(true);
  return parser.parse(text) as Record<string, unknown>;
}

interface Stream {
  codec_type: string;
  codec_name: string;
  width?: number;
  height?: number;
}

function probe(path: string): { streams: Stream[]; duration: number } {
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type,codec_name,width,height:format=duration',
    '-of',
    'json',
    path,
  ]);
  const json = JSON.parse(out.toString()) as { streams: Stream[]; format: { duration: string } };
  return { streams: json.streams, duration: Number(json.format.duration) };
}

type Attributes = Record<string, string>;

describe('generatePresentation', () => {
  const durationS = 20;
  const cases: [RecordingFormat, boolean][] = [
    ['svg', false],
    ['tldraw1', false],
    ['tldraw2', true],
  ];

  it.each(cases)(
    'writes a coherent %s recording',
    { timeout: 30_000 },
    async (format, hasDeskshare) => {
      const dir = join(root, format);
      const result = await generatePresentation({
        format,
        dir,
        durationS,
        slides: 4,
        annotationStates: 40,
        cursorEvents: 600,
        zooms: 3,
        chatMessages: 5,
        deskshare: hasDeskshare ? [{ start: 5, end: 8.4 }] : undefined,
        seed: 3,
      });
      expect(result.recordId).toMatch(/^[a-z0-9]{40}-[0-9]{13}$/);

      const metadata = readXml(dir, 'metadata.xml').recording as {
        id: string;
        playback: { duration: number };
      };
      expect(metadata.id).toBe(result.recordId);
      expect(metadata.playback.duration).toBe(durationS * 1000);

      // Slides tile the timeline and each points at an existing image of the format's size.
      const svg = readXml(dir, 'shapes.svg').svg as {
        image: Attributes | Attributes[];
        g?: unknown;
      };
      const images = asArray(svg.image);
      expect(images).toHaveLength(4);
      let previousOut = 0;
      for (const image of images) {
        expect(Number(image.in)).toBe(previousOut);
        previousOut = Number(image.out);
        expect(existsSync(join(dir, image['xlink:href'] ?? 'missing'))).toBe(true);
        expect(image['xlink:href']).toMatch(
          format === 'svg' ? /slide-\d+\.png$/ : /svgs\/slide\d+\.svg$/,
        );
        expect([Number(image.width), Number(image.height)]).toEqual(
          { svg: [1600, 1200], tldraw1: [1200, 900], tldraw2: [1600, 900] }[format],
        );
      }
      expect(previousOut).toBe(durationS);
      const slideOf = (time: number) =>
        images.findIndex((image) => time >= Number(image.in) && time < Number(image.out)) + 1;

      if (format === 'svg') {
        // 2.5: every shape version lies in its slide's interval, undo after it; pencils have updates.
        const canvases = asArray(
          svg.g as { image: string; g: Attributes | Attributes[] } | undefined,
        );
        const shapes = canvases.flatMap((canvas) =>
          asArray(canvas.g).map((shape): Attributes => ({ ...shape, slide: canvas.image })),
        );
        // Every annotation state is a shape version or an undo (one per undone shape).
        const undone = new Set(
          shapes.filter((shape) => shape.undo !== '-1').map((shape) => shape.shape),
        );
        expect(shapes.length + undone.size).toBe(40);
        for (const shape of shapes) {
          expect(`image${slideOf(Number(shape.timestamp))}`).toBe(shape.slide);
          if (shape.undo !== '-1')
            expect(Number(shape.undo)).toBeGreaterThan(Number(shape.timestamp));
        }
        const shapeIds = shapes.map((shape) => shape.shape);
        expect(new Set(shapeIds).size).toBeLessThan(shapeIds.length);
        expect(readFileSync(join(dir, 'shapes.svg'), 'utf8')).toContain('<foreignObject');
      } else {
        const tldraw = JSON.parse(readFileSync(join(dir, 'tldraw.json'), 'utf8')) as Record<
          string,
          unknown
        >;
        expect(tldraw.bbb_version).toBe(format === 'tldraw1' ? '2.7.4' : '3.0.4');
        const pages = Object.entries(tldraw).filter(([key]) => key !== 'bbb_version') as [
          string,
          {
            timestamp: number;
            shapes: {
              id: number;
              timestamp: number;
              undo: number;
              shape_data: { type: string; id: string };
            }[];
          },
        ][];
        expect(pages.map(([key]) => key).sort()).toEqual(['1', '2', '3', '4']);
        const records = pages.flatMap(([key, page]) => {
          expect(page.timestamp).toBe(Number(images[Number(key) - 1]?.in));
          return page.shapes.map((record) => ({ ...record, slide: Number(key) }));
        });
        expect(records.map((record) => record.id)).toEqual(records.map((_, i) => i + 1));
        for (const record of records) {
          expect(slideOf(record.timestamp)).toBe(record.slide);
          if (record.undo !== -1) expect(record.undo).toBeGreaterThan(record.timestamp);
        }
        const undone = new Set(
          records.filter((record) => record.undo !== -1).map((record) => record.shape_data.id),
        );
        expect(records.length + undone.size).toBe(40);
        const types = new Set(records.map((record) => record.shape_data.type));
        expect(types.has('draw')).toBe(true);
      }

      // Pan/zoom and cursor: sorted, tldraw flag per format, a cursor event at every view change.
      const panzooms = readXml(dir, 'panzooms.xml').recording as Attributes & {
        event: { timestamp: string }[];
      };
      const cursor = readXml(dir, 'cursor.xml').recording as Attributes & {
        event: { timestamp: string; cursor: string }[];
      };
      expect(panzooms.tldraw === 'true').toBe(format !== 'svg');
      expect(cursor.tldraw === 'true').toBe(format !== 'svg');
      const viewTimes = panzooms.event.map((event) => Number(event.timestamp));
      const cursorTimes = cursor.event.map((event) => Number(event.timestamp));
      expect([...viewTimes].sort((a, b) => a - b)).toEqual(viewTimes);
      expect([...cursorTimes].sort((a, b) => a - b)).toEqual(cursorTimes);
      for (const time of viewTimes.filter((t) => t > 0)) expect(cursorTimes).toContain(time);
      expect(cursor.event.length).toBeGreaterThan(400);
      expect(cursor.event.some((event) => event.cursor === '-1.0 -1.0')).toBe(true);

      const chat = readXml(dir, 'slides_new.xml').popcorn as { chattimeline: Attributes[] };
      expect(chat.chattimeline).toHaveLength(5);
      expect(JSON.parse(readFileSync(join(dir, 'captions.json'), 'utf8'))).toEqual([]);
      expect(
        Object.keys(
          JSON.parse(readFileSync(join(dir, 'presentation_text.json'), 'utf8')) as object,
        ),
      ).toHaveLength(1);

      // Webcams: VP8 video + Opus audio covering the whole recording.
      const webcams = probe(join(dir, 'video', 'webcams.webm'));
      expect(webcams.streams.map((s) => s.codec_name).sort()).toEqual(['opus', 'vp8']);
      expect(Math.abs(webcams.duration - durationS)).toBeLessThan(0.1);

      const deskshare = readXml(dir, 'deskshare.xml').recording as { event?: Attributes };
      if (hasDeskshare) {
        expect(deskshare.event).toMatchObject({
          start_timestamp: '5.0',
          stop_timestamp: '8.4',
          video_width: '1280',
          video_height: '720',
        });
        const video = probe(join(dir, 'deskshare', 'deskshare.webm'));
        expect(video.streams).toMatchObject([{ codec_name: 'vp8', width: 1280, height: 720 }]);
        expect(Math.abs(video.duration - durationS)).toBeLessThan(0.3);
      } else expect(deskshare.event).toBeUndefined();
    },
  );

  it('returns a recording already generated with the same options without rewriting it', async () => {
    const options = {
      format: 'tldraw1' as const,
      dir: join(root, 'cached'),
      durationS: 5,
      slides: 2,
      annotationStates: 5,
      cursorEvents: 50,
      webcams: 'audio-only' as const,
    };
    await generatePresentation(options);
    const audio = join(options.dir, 'audio', 'audio.webm');
    const before = statSync(audio).mtimeMs;
    await generatePresentation(options);
    expect(statSync(audio).mtimeMs).toBe(before);
    expect(probe(audio).streams.map((s) => s.codec_name)).toEqual(['opus']);
  });
});

describe('generateHostile', () => {
  it(
    'writes a billion-laughs shapes.svg and foreign slide hrefs',
    { timeout: 30_000 },
    async () => {
      const entities = await generateHostile('xml-entities', join(root, 'entities'));
      const svg = readFileSync(join(entities.dir, 'shapes.svg'), 'utf8');
      expect(svg).toContain('<!ENTITY lol9');
      expect(svg).toContain('&lol9;');
      const hrefs = await generateHostile('external-href', join(root, 'href'));
      const text = readFileSync(join(hrefs.dir, 'shapes.svg'), 'utf8');
      expect(text).toContain('xlink:href="../../etc/passwd"');
      expect(text).toContain('xlink:href="http://127.0.0.1:1/x.png"');
      expect(existsSync(join(hrefs.dir, 'metadata.xml'))).toBe(true);
    },
  );

  it('writes a tldraw.json with wrong types that is still JSON', { timeout: 30_000 }, async () => {
    const { dir } = await generateHostile('bad-json-types', join(root, 'types'));
    const json = JSON.parse(readFileSync(join(dir, 'tldraw.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(json.bbb_version).toBe(274);
    expect(json['3']).toBeNull();
  });
});
