import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveChildren } from '../../src-main/media/children';
import { DEFAULT_CHROMIUM_PATH } from '../../src-main/presentation/capture';
import { convertRecording, type ConvertMethod } from '../../src-main/presentation/convert';
import type { ConvertProgress } from '../../src-main/presentation/methods/types';
import { readRecording } from '../../src-main/presentation/parse/recording';
import { buildTimeline } from '../../src-main/presentation/render/timeline';
import { rejectionOf } from '../helpers/errors';
import { colourAt, makeFakePlayerHandler, type Rgb } from '../helpers/fakePlayer';
import {
  handlePresentationRequest,
  makePresentationAssets,
  playerFrameRecording,
} from '../helpers/presentationServer';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { beepOnset, frameAt } from '../helpers/videoFrames';

// Run with: flock /tmp/regie-heavy.lock npx vitest run test/integration/presentationCaptureMethod.test.ts

/**
 * Issue #10 §4, method `capture` end to end through convertRecording: one loopback server plays
 * the BBB server's part — the (fake) player page at /playback/presentation/2.3/<id> and the
 * published files at /presentation/<id>/, on one origin as the capture method requires.
 */
const v27 = playerFrameRecording('v27');
/** A copy of v27 whose shapes.svg declares an entity: the renderer refuses it. */
const ENTITY_ID = `${'e'.repeat(40)}-1726317603210`;
const FPS = 10;
const WIDTH = 1280;
const HEIGHT = 720;

let dir: string;
let server: Server;
let host: string;

/** The Chromium (or ffmpeg) processes still running with a path inside `dir`. */
function processesIn(path: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', path], { encoding: 'utf8' }).trim().split('\n');
  } catch {
    // pgrep exits 1 when nothing matches.
    return [];
  }
}

/** The colour at (x, y) of the video's frame at `timeS`. */
async function colourIn(video: string, timeS: number, x: number, y: number): Promise<Rgb> {
  const { data, info } = await sharp(frameAt(video, Math.round(timeS * FPS)))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at] ?? -1, data[at + 1] ?? -1, data[at + 2] ?? -1];
}

/** H.264 at crf 20 in 4:2:0 moves a flat colour by a few levels, never to another palette entry. */
function expectColour(actual: Rgb, expected: Rgb, what: string): void {
  const off = Math.max(...actual.map((c, i) => Math.abs(c - (expected[i] ?? 0))));
  expect(off, `${what}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`).toBeLessThan(16);
}

// The fake player's #presentation (800×450) fills the 1280×720 video (×1.6); its left half takes
// colourAt(t). (80, 400) in the page is clear of the label and of the hidden play button.
const STATE_X = Math.round(80 * 1.6);
const STATE_Y = Math.round(400 * 1.6);

const request = (
  recordId: string,
  method: ConvertMethod,
  out: string,
  workRoot: string,
  extra: { signal?: AbortSignal; onProgress?: (p: ConvertProgress) => void } = {},
) => ({
  source: { playbackUrl: `${host}/playback/presentation/2.3/${recordId}` },
  method,
  out,
  workRoot,
  ffmpeg: 'ffmpeg',
  ffprobe: 'ffprobe',
  width: WIDTH,
  height: HEIGHT,
  layout: 'slides' as const,
  withChat: false,
  locale: 'en' as const,
  fps: FPS,
  ...extra,
});

beforeAll(async () => {
  if (!existsSync(DEFAULT_CHROMIUM_PATH))
    throw new Error(
      `${DEFAULT_CHROMIUM_PATH} is missing: these tests drive Debian's Chromium. Install it (sudo apt install chromium); CI installs it.`,
    );
  dir = makeTempDir();
  const hostile = join(dir, 'published', ENTITY_ID);
  cpSync(v27.folder, hostile, { recursive: true });
  const shapes = readFileSync(join(hostile, 'shapes.svg'), 'utf8');
  writeFileSync(
    join(hostile, 'shapes.svg'),
    shapes.replace(/<!DOCTYPE[^>]*>/, '<!DOCTYPE svg [<!ENTITY regie "entity">]>'),
  );
  const assets = makePresentationAssets();
  assets.recordings.set(v27.recordId, v27.folder);
  assets.recordings.set(ENTITY_ID, hostile);
  const player = await makeFakePlayerHandler();
  server = createServer((req, res) => {
    if (!player(req, res) && !handlePresentationRequest(assets, req, res))
      res.writeHead(404).end('Not Found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  host = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
  removeTempDir(dir);
});

describe('method capture through convertRecording', () => {
  it('captures the player at the recording’s change times, with its audio', async () => {
    const out = join(dir, 'capture.mp4');
    const phases = new Set<string>();
    const result = await convertRecording(
      request(v27.recordId, 'capture', out, join(dir, 'work-capture'), {
        onProgress: (p) => phases.add(p.phase),
      }),
    );
    expect(result).toMatchObject({ method: 'capture', width: WIDTH, height: HEIGHT });
    expect(result.warnings).toEqual([]);
    expect([...phases]).toEqual(['fetch', 'render', 'compose']);
    const metadata = readFileSync(join(v27.folder, 'metadata.xml'), 'utf8');
    const expected = Number(/<duration>(\d+)<\/duration>/.exec(metadata)?.[1]) / 1000;
    expect(expected).toBe(38);
    expect(Math.abs(result.durationS - expected)).toBeLessThanOrEqual(0.5);
    // The meeting's audio, in place: the fixture's beep at 10.0 s.
    expect(Math.abs(beepOnset(out) - 10)).toBeLessThanOrEqual(0.1);

    // Each picture is the player at a change time of the recording, held until the next one.
    const recording = await readRecording(v27.folder);
    const changes = buildTimeline(recording, { fps: FPS, withChat: false }).runs.map(
      (r) => r.from / FPS,
    );
    expect(result.pictures).toBe(changes.length);
    const shownAt = (t: number) => changes.filter((c) => c <= t).at(-1) ?? 0;
    const samples = [1, 3, 12.5];
    const colours = samples.map((t) => colourAt(shownAt(t)));
    // The samples were chosen where the player draws different colours.
    expect(new Set(colours.map(String)).size).toBe(samples.length);
    for (const [i, t] of samples.entries())
      expectColour(await colourIn(out, t, STATE_X, STATE_Y), colours[i] ?? [0, 0, 0], `${t} s`);
  }, 60_000);

  it('auto falls back to the player when the renderer refuses shapes.svg, and says so', async () => {
    const out = join(dir, 'auto.mp4');
    const result = await convertRecording(request(ENTITY_ID, 'auto', out, join(dir, 'work-auto')));
    expect(result.method).toBe('capture');
    expect(result.warnings[0]?.file).toBe('shapes.svg');
    expect(result.warnings[0]?.en).toMatch(/^shapes\.svg: declares XML entities/);
    expect(result.warnings[0]?.en).toContain("Converted through the server's player instead.");
    expect(result.warnings[0]?.fr).toContain('Converti par le lecteur du serveur à la place.');
    expect(Math.abs(result.durationS - 38)).toBeLessThanOrEqual(0.5);
    // Nothing of the recording parses: one picture per second.
    expect(result.pictures).toBe(38);
    expectColour(await colourIn(out, 2.5, STATE_X, STATE_Y), colourAt(2), '2.5 s');
    expectColour(await colourIn(out, 5.5, STATE_X, STATE_Y), colourAt(5), '5.5 s');
  }, 60_000);

  it('a cancel during the capture closes Chromium and removes the work folder', async () => {
    const workRoot = join(dir, 'work-cancel');
    const out = join(dir, 'cancel.mp4');
    const controller = new AbortController();
    const error = await rejectionOf(
      convertRecording(
        request(v27.recordId, 'capture', out, workRoot, {
          signal: controller.signal,
          onProgress: (p) => {
            if (p.phase === 'render') controller.abort();
          },
        }),
      ),
    );
    expect(error.code).toBe('cancelled');
    expect(liveChildren()).toEqual([]);
    expect(processesIn(workRoot)).toEqual([]);
    // The conversion's own folder (frames, Chromium profile) is gone; the fetched files stay
    // cached under presentation-<id> so that a retry does not download them again.
    expect(readdirSync(workRoot).filter((name) => name.startsWith('convert-'))).toEqual([]);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.part.mp4`)).toBe(false);
  }, 60_000);
});
