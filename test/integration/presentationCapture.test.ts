import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveChildren } from '../../src-main/media/children';
import { captureFrames, DEFAULT_CHROMIUM_PATH } from '../../src-main/presentation/capture';
import { rejectionOf } from '../helpers/errors';
import {
  colourAt,
  slideColourAt,
  startFakePlayer,
  type FakePlayer,
  type Rgb,
} from '../helpers/fakePlayer';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

// Run with: flock /tmp/regie-heavy.lock npx vitest run test/integration/presentationCapture.test.ts

async function pixel(file: string, x: number, y: number): Promise<Rgb> {
  const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at] ?? -1, data[at + 1] ?? -1, data[at + 2] ?? -1];
}

/** The Chromium processes still running with a profile inside `dir`. */
/** Chromium processes still using `dir`, once the few milliseconds a SIGKILL takes are past. */
async function chromiumsLeftIn(dir: string): Promise<string[]> {
  for (let tries = 0; tries < 20 && chromiumsIn(dir).length > 0; tries++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  return chromiumsIn(dir);
}

function chromiumsIn(dir: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', dir], { encoding: 'utf8' }).trim().split('\n');
  } catch {
    // pgrep exits 1 when nothing matches.
    return [];
  }
}

describe('presentation capture (headless Chromium stepping the player page)', () => {
  let player: FakePlayer;
  let foreign: Server;
  const foreignRequests: string[] = [];
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(DEFAULT_CHROMIUM_PATH))
      throw new Error(
        `${DEFAULT_CHROMIUM_PATH} is missing: these tests drive Debian's Chromium. Install it (sudo apt install chromium); CI installs it.`,
      );
    foreign = createServer((req, res) => {
      foreignRequests.push(req.url ?? '');
      res.end('reached');
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    const foreignOrigin = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
    player = await startFakePlayer({ slideDelayMs: 300, foreign: foreignOrigin });
    dir = makeTempDir();
  });

  afterAll(async () => {
    await player.close();
    await new Promise<void>((resolve) => foreign.close(() => resolve()));
    removeTempDir(dir);
  });

  it('shows, for each time, what the player draws at that time, controls hidden', async () => {
    const times = [0.5, 1.5, 2.2, 4.9, 5.1, 7.7, 10.3, 10.8];
    const outDir = join(dir, 'frames');
    const progress: number[] = [];
    const runningChildren: number[] = [];
    const result = await captureFrames({
      playerUrl: player.url('ce9b205d-1718870412345'),
      times,
      outDir,
      workDir: dir,
      onProgress: (done, total) => {
        progress.push(done);
        expect(total).toBe(times.length);
        runningChildren.push(liveChildren().length);
      },
    });

    expect(result.size).toEqual({ width: 800, height: 450 });
    expect(result.frames.map((f) => f.time)).toEqual(times);
    expect(result.frames[0]?.file).toBe(join(outDir, 'frame-000001.png'));
    expect(progress).toEqual(times.map((_, i) => i + 1));
    for (const { time, file } of result.frames) {
      const meta = await sharp(file).metadata();
      expect([meta.width, meta.height]).toEqual([800, 450]);
      // Left half: one colour per second, drawn a frame after the event.
      expect(await pixel(file, 50, 400), `state at ${time} s`).toEqual(colourAt(time));
      // Right half: the slide image, which arrives 300 ms after the update asked for it.
      expect(await pixel(file, 600, 300), `slide at ${time} s`).toEqual(slideColourAt(time));
      // The big play button and the fullscreen button are hidden.
      expect(await pixel(file, 200, 225), `play button at ${time} s`).toEqual(colourAt(time));
      expect(await pixel(file, 765, 35), `fullscreen at ${time} s`).toEqual(slideColourAt(time));
    }

    // The browser was one registered child while it ran, and is gone now.
    expect(runningChildren.every((n) => n >= 1)).toBe(true);
    expect(liveChildren()).toEqual([]);
    expect(await chromiumsLeftIn(dir)).toEqual([]);

    // The page's fetch, image and popup towards another server never reached it.
    expect(foreignRequests).toEqual([]);
    const blocked = result.warnings.find((w) => w.en.includes('outside its server'));
    expect(blocked?.en).toMatch(
      /asked for 2 address\(es\) outside its server \(http:\/\/127\.0\.0\.1:/,
    );
    expect(blocked?.fr).toContain('hors de son serveur');
  });

  it('names the path and the fix when Chromium is missing', async () => {
    const error = await rejectionOf(
      captureFrames({
        playerUrl: player.url('x'),
        times: [1],
        outDir: join(dir, 'missing'),
        workDir: dir,
        chromiumPath: '/nonexistent/chromium',
      }),
    );
    expect(error.code).toBe('program');
    expect(error.text.en).toContain('/nonexistent/chromium');
    expect(error.text.en).toContain('apt install chromium');
    expect(error.text.fr).toContain('apt install chromium');
  });

  it('says Chromium did not start when the program is broken', async () => {
    const error = await rejectionOf(
      captureFrames({
        playerUrl: player.url('x'),
        times: [1],
        outDir: join(dir, 'broken'),
        workDir: dir,
        chromiumPath: '/bin/false',
      }),
    );
    expect(error.code).toBe('program');
    expect(error.text.en).toContain('Chromium (/bin/false) did not start');
    expect(liveChildren()).toEqual([]);
  });

  it('refuses a player URL that is not http(s) before starting anything', async () => {
    const error = await rejectionOf(
      captureFrames({ playerUrl: 'file:///etc/passwd', times: [1], outDir: join(dir, 'file') }),
    );
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(['playerUrl']);
  });

  it('gives a remote error naming the URL when the page has no #presentation', async () => {
    const url = player.url('nopresentation');
    const started = Date.now();
    const error = await rejectionOf(
      captureFrames({
        playerUrl: url,
        times: [1],
        outDir: join(dir, 'none'),
        workDir: dir,
        pageTimeoutMs: 1500,
      }),
    );
    expect(error.code).toBe('remote');
    expect(error.text.en).toContain(url);
    expect(error.text.en).toContain('#presentation');
    expect(error.text.fr).toContain(url);
    // The page timeout, plus starting and closing the browser; not the 60 s default.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await chromiumsLeftIn(dir)).toEqual([]);
  });

  it('gives a remote error naming the URL when the player page is not found', async () => {
    const url = `${player.origin}/playback/presentation/2.3/a/b`;
    const error = await rejectionOf(
      captureFrames({ playerUrl: url, times: [1], outDir: join(dir, '404'), workDir: dir }),
    );
    expect(error.code).toBe('remote');
    expect(error.text.en).toContain(`${url} answered HTTP 404`);
  });

  it('stops with a remote error when the page tries to leave for another server', async () => {
    const error = await rejectionOf(
      captureFrames({
        playerUrl: player.url('leave'),
        times: [1, 2, 3, 4, 5],
        outDir: join(dir, 'leave'),
        workDir: dir,
      }),
    );
    expect(error.code).toBe('remote');
    expect(error.text.en).toMatch(
      /tried to go to another address \(http:\/\/127\.0\.0\.1:\d+\/elsewhere\)/,
    );
    expect(foreignRequests).toEqual([]);
    expect(await chromiumsLeftIn(dir)).toEqual([]);
  });

  it('closes the browser when the caller cancels', async () => {
    const controller = new AbortController();
    const times = Array.from({ length: 100 }, (_, i) => i / 10);
    const error = await rejectionOf(
      captureFrames({
        playerUrl: player.url('cancelled'),
        times,
        outDir: join(dir, 'cancel'),
        workDir: dir,
        signal: controller.signal,
        onProgress: (done) => {
          if (done === 3) controller.abort();
        },
      }),
    );
    expect(error.code).toBe('cancelled');
    expect(liveChildren()).toEqual([]);
    expect(await chromiumsLeftIn(dir)).toEqual([]);
  });

  it('closes the browser when the caller cancels while it starts', async () => {
    const controller = new AbortController();
    const capture = captureFrames({
      playerUrl: player.url('early'),
      times: [1],
      outDir: join(dir, 'early'),
      workDir: dir,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    expect((await rejectionOf(capture)).code).toBe('cancelled');
    expect(liveChildren()).toEqual([]);
    expect(await chromiumsLeftIn(dir)).toEqual([]);
  });
});
