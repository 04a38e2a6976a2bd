import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Warning } from '../../src-main/presentation/model';
import { readCursor } from '../../src-main/presentation/parse/cursor';
import { parseMetadata } from '../../src-main/presentation/parse/metadata';
import { parseOrdered } from '../../src-main/presentation/parse/ordered';
import { readRecording } from '../../src-main/presentation/parse/recording';
import { readSlides } from '../../src-main/presentation/parse/slides';
import { readSvgAnnotations } from '../../src-main/presentation/parse/svgAnnotations';
import { readChat, readDeskshare, readPanzooms } from '../../src-main/presentation/parse/timelines';
import { readTldraw } from '../../src-main/presentation/parse/tldraw';

/** The parsers on the copied fixtures (test/fixtures/bbb/README.md gives their provenance). */
const BBB = join(__dirname, '../fixtures/bbb');
const SYNTHETIC = join(
  BBB,
  'derived/presentation-synthetic/0123456789abcdef0123456789abcdef01234567-1700000000000',
);
const BBB_SAMPLE = join(BBB, 'presentation/bbb-common-web-sample-recording-foo');
const FRAMES = join(BBB, 'player-frames');
const V25 = join(FRAMES, 'v25-ce9b205d7895f4a843c28b580724894c1d63c5b2-1718870412345');
const V27 = join(FRAMES, 'v27-2480785543ba07b826667490ebacd0653a0b2574-1726317603210');
const V30 = join(FRAMES, 'v30-4168131621dbcf837e63d158dd41bd234c05e3e8-1737042007777');
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const fail = (): never => {
  throw new Error('no <svg> element');
};

describe('metadata.xml', () => {
  it('gives the playback duration in seconds (playback/duration is in ms), the id and the name', () => {
    expect(parseMetadata(read(SYNTHETIC, 'metadata.xml'))).toMatchObject({
      recordId: '0123456789abcdef0123456789abcdef01234567-1700000000000',
      durationS: 120,
    });
    expect(parseMetadata(read(V25, 'metadata.xml'))).toMatchObject({
      meetingName: 'Fixture 2.5 - Kite Workshop',
      durationS: 40,
      startTime: 1718870412345,
    });
  });

  it('refuses a file without a duration, or one above 24 h, naming metadata.xml', () => {
    expect(() => parseMetadata('<recording><id>x</id></recording>')).toThrow(
      /^metadata\.xml: gives no playback duration/,
    );
    expect(() =>
      parseMetadata('<recording><playback><duration>90000000</duration></playback></recording>'),
    ).toThrow(/^metadata\.xml: says the recording lasts 25\.0 h/);
  });

  it('reads BBB’s own sample (bbb-common-web test resource)', () => {
    const metadata = parseMetadata(read(BBB_SAMPLE, 'metadata.xml'));
    expect(metadata.durationS).toBeGreaterThan(0);
  });
});

describe('shapes.svg', () => {
  it('lists the slide intervals, the deskshare placeholder, and a slide shown twice as two intervals', () => {
    const svg = parseOrdered(read(SYNTHETIC, 'shapes.svg'), 'shapes.svg').find(
      (n) => n.name === 'svg',
    );
    const warnings: Warning[] = [];
    const slides = readSlides(svg ?? fail(), 120, warnings);
    expect(slides.map((s) => [s.slideId, s.start, s.end, s.kind])).toEqual([
      [1, 0, 40, 'slide'],
      [2, 40, 60, 'slide'],
      [3, 60, 90, 'deskshare'],
      [4, 90, 120, 'slide'],
    ]);
    expect(slides[1]?.href).toBe(
      'presentation/d2d9a672040fbde2a47a10bf6c37b6a4b5ae187f-1700000000011/slide-2.png',
    );
    expect(warnings).toEqual([]);
  });

  it('≤ 2.5 drawings: a later version of a shape replaces the earlier one, undo ends it, text becomes <text>', () => {
    const svg = parseOrdered(read(V25, 'shapes.svg'), 'shapes.svg').find((n) => n.name === 'svg');
    const warnings: Warning[] = [];
    const drawings = readSvgAnnotations(svg ?? fail(), warnings);
    const pencil = drawings.filter((a) => a.key === 'image1-pencil1');
    expect(pencil.map((a) => [a.start, a.end])).toEqual([
      [2, 2.4],
      [2.4, 2.8],
      [2.8, Infinity],
    ]);
    expect(drawings.find((a) => a.key === 'image1-ellipse3')).toMatchObject({ start: 7, end: 11 });
    const text = drawings.find((a) => a.key === 'image1-text4')?.svg ?? '';
    expect(text).toContain('<tspan');
    expect(text).toContain('Beep at 10 s');
    expect(text).toContain('listen for 1 kHz');
    expect(text).not.toContain('foreignObject');
    expect(drawings.every((a) => !a.svg.includes('visibility'))).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('refuses DOCTYPE entities and names the file', () => {
    const hostile = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>';
    expect(() => parseOrdered(hostile, 'shapes.svg')).toThrow(
      /^shapes\.svg: declares XML entities/,
    );
  });
});

describe('panzooms, deskshare, chat', () => {
  it('panzooms.xml: view boxes in time order, tldraw="true" on 2.6+', () => {
    const v25 = readPanzooms(read(V25, 'panzooms.xml'));
    expect(v25.isTldraw).toBe(false);
    expect(v25.views[2]).toEqual({ time: 17, raw: { x: 500, y: 330, w: 640, h: 480 } });
    const v27 = readPanzooms(read(V27, 'panzooms.xml'));
    expect(v27.isTldraw).toBe(true);
    expect(v27.views[2]?.raw).toEqual({ x: -360, y: -270, w: 600, h: 450 });
    expect(readPanzooms(read(BBB_SAMPLE, 'panzooms.xml')).views.length).toBeGreaterThan(2);
  });

  it('deskshare.xml: the intervals, bounded by the duration', () => {
    expect(readDeskshare(read(SYNTHETIC, 'deskshare.xml'), 120)).toEqual([
      { start: 60, end: 90, width: 1280, height: 720 },
    ]);
    expect(readDeskshare(read(V25, 'deskshare.xml'), 40)).toEqual([]);
  });

  it('slides_new.xml: messages as plain text (links unwrapped), roles, the clear time; an empty chat', () => {
    const chat = readChat(read(SYNTHETIC, 'slides_new.xml'), []);
    expect(chat.map((m) => [m.time, m.name, m.text, m.isModerator, m.clearedAt])).toEqual([
      [15, 'Alice', 'Bonjour à tous', false, null],
      [70.5, 'Bob', 'https://example.org', false, null],
      [80, 'Carol', 'This message is cleared at 100 s', true, 100],
    ]);
    expect(readChat(read(V25, 'slides_new.xml'), [])[3]?.text).toBe('thanks <3');
    expect(readChat(read(BBB_SAMPLE, 'slides_new.xml'), [])).toEqual([]);
  });
});

describe('cursor.xml', () => {
  it('streams the events: -1 -1 hidden, tldraw coordinates flagged', async () => {
    const v25 = await readCursor(V25, { durationS: 40 });
    expect(v25.isTldraw).toBe(false);
    expect([v25.times[0], v25.xs[0], v25.ys[0]]).toEqual([0, -1, -1]);
    expect([v25.times[1], v25.xs[1], v25.ys[1]].map((v) => Number(v?.toFixed(2)))).toEqual([
      1.5, 0.2, 0.7,
    ]);
    const v27 = await readCursor(V27, { durationS: 38 });
    expect(v27.isTldraw).toBe(true);
    expect([v27.xs[1], v27.ys[1]]).toEqual([200, 760]);
  });

  it('keeps at most one event per 50 ms, the last one, and none past the duration', async () => {
    const synthetic = await readCursor(SYNTHETIC, { durationS: 120, resolutionS: 0.5 });
    for (let i = 1; i < synthetic.length; i++) {
      expect(Math.floor((synthetic.times[i] ?? 0) / 0.5)).toBeGreaterThan(
        Math.floor((synthetic.times[i - 1] ?? 0) / 0.5),
      );
    }
    expect(synthetic.times[synthetic.length - 1]).toBeLessThanOrEqual(120);
  });
});

describe('tldraw.json', () => {
  it('2.7: tldraw v1, versions of one shape replace each other, undo ends the arrow', () => {
    const data = readTldraw(read(V27, 'tldraw.json'), []);
    expect(data).toMatchObject({ version: '2.7.4', isV2: false });
    const draw = data.annotations.filter((a) => a.key === '6f1c2e0a-4b7d-4e21-9a55-1d2b3c4d5e01');
    expect(draw.map((a) => [a.slideId, a.start, a.end])).toEqual([
      [1, 2, 2.6],
      [1, 2.6, Infinity],
    ]);
    expect(data.annotations.find((a) => a.key.endsWith('5e04'))).toMatchObject({
      start: 7.5,
      end: 11,
    });
  });

  it('3.0: tldraw v2, paint order by the fractional index, pages by slide number', () => {
    const data = readTldraw(read(V30, 'tldraw.json'), []);
    expect(data).toMatchObject({ version: '3.0.4', isV2: true });
    expect(new Set(data.annotations.map((a) => a.slideId))).toEqual(new Set([1, 2, 3]));
    const orders = data.annotations.map((a) => a.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
  });

  it('a `[]` placeholder (3.0 migrations) means no drawings; a truncated file is refused naming it', () => {
    expect(readTldraw('[]', []).annotations).toEqual([]);
    expect(() => readTldraw('{"bbb_version": "2.7.4", "1": {"shapes": [', [])).toThrow(
      /^tldraw\.json: is not valid JSON/,
    );
  });
});

describe('readRecording', () => {
  it('tells the three whiteboard formats apart', async () => {
    expect((await readRecording(V25)).format).toBe('svg');
    expect((await readRecording(V27)).format).toBe('tldraw1');
    expect((await readRecording(V30)).format).toBe('tldraw2');
  });
});
