import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { RegieError } from '../../src-main/ground/errors';
import {
  fetchRecording,
  openLocalRecording,
  type FetchProgress,
} from '../../src-main/presentation/source';
import {
  playerFrameRecording,
  startPresentationServer,
  type PresentationServer,
} from '../helpers/presentationServer';
import { startBbbSimulator } from '../helpers/bbbSimulator';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

const v25 = playerFrameRecording('v25');
const v27 = playerFrameRecording('v27');

let tmp: string;
let server: PresentationServer;
beforeEach(async () => {
  tmp = makeTempDir();
  server = await startPresentationServer({
    [v25.recordId]: v25.folder,
    [v27.recordId]: v27.folder,
  });
});
afterEach(async () => {
  await server.close();
  removeTempDir(tmp);
});

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Every file BBB publishes for a fixture (its reference frames are not part of a recording). */
function publishedFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(folder, full));
    }
  };
  walk(folder);
  return out.filter((p) => p !== 'frames.json' && !p.startsWith('frames/'));
}

async function failure(promise: Promise<unknown>): Promise<RegieError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegieError);
  return error as RegieError;
}

describe('fetchRecording (issue 10 §1: a published presentation into the cache)', () => {
  it.each([
    ['2.5 (slide PNGs)', v25],
    ['2.7 (slide SVGs, tldraw.json)', v27],
  ])('fetches a %s recording whole, byte for byte', async (_, rec) => {
    const dir = join(tmp, `presentation-${rec.recordId}`);
    const seen: FetchProgress[] = [];
    const result = await fetchRecording({
      baseUrl: server.baseUrl(rec.recordId),
      dir,
      onProgress: (p) => seen.push(p),
    });
    // Text files and thumbnails are published but not drawn: only what the renderer needs.
    const needed = publishedFiles(rec.folder).filter(
      (p) => !p.includes('/textfiles/') && !p.includes('/thumbnails/'),
    );
    expect([...result.files].sort()).toEqual([...needed].sort());
    for (const p of needed) expect(sha(join(dir, p)), p).toBe(sha(join(rec.folder, p)));
    expect(result.missing).toContain('layout.xml');
    expect(result.missing).toContain('notes.html');
    expect(result.warnings).toEqual([]);
    const last = seen.at(-1);
    expect(last?.filesDone).toBe(last?.filesTotal);
    const bytes = needed.reduce((n, p) => n + statSync(join(rec.folder, p)).size, 0);
    expect(last?.bytes).toBe(bytes);
    // The deskshare.xml of the fixtures is empty: the screen-share video is not asked for.
    expect(server.requests.some((r) => r.path.startsWith('deskshare/'))).toBe(false);
    expect(server.requests.some((r) => r.path.startsWith('audio/'))).toBe(false);
  });

  it('asks the server nothing on a second run', async () => {
    const dir = join(tmp, 'cache');
    const first = await fetchRecording({ baseUrl: server.baseUrl(v25.recordId), dir });
    const asked = server.requests.length;
    expect(asked).toBeGreaterThan(10);
    const second = await fetchRecording({ baseUrl: server.baseUrl(v25.recordId), dir });
    expect(server.requests.length).toBe(asked);
    expect(second).toEqual(first);
  });

  it('resumes a file after a stalled server: the first run names it, the second completes it', async () => {
    const dir = join(tmp, 'cache');
    const webcams = 'video/webcams.webm';
    server.stallAfterBytes.set(webcams, 50_000);
    const started = Date.now();
    const error = await failure(
      fetchRecording({ baseUrl: server.baseUrl(v25.recordId), dir, idleTimeoutMs: 1000 }),
    );
    expect(error.code).toBe('remote');
    expect(error.text.en).toContain(webcams);
    expect(error.text.en).toContain('127.0.0.1');
    expect(error.text.en).toContain('stalled');
    expect(error.text.fr).toContain(webcams);
    // Bounded by the idle timeout, not by a default minute (generous bound for a loaded machine).
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(statSync(join(dir, `${webcams}.part`)).size).toBe(50_000);
    expect(existsSync(join(dir, webcams))).toBe(false);

    server.stallAfterBytes.clear();
    server.requests.length = 0;
    let bytes = 0;
    const result = await fetchRecording({
      baseUrl: server.baseUrl(v25.recordId),
      dir,
      onProgress: (p) => (bytes = p.bytes),
    });
    expect(result.files).toContain(webcams);
    expect(bytes).toBe(statSync(join(v25.folder, webcams)).size - 50_000);
    expect(sha(join(dir, webcams))).toBe(sha(join(v25.folder, webcams)));
    expect(server.requests.filter((r) => r.path === webcams)).toEqual([
      { path: webcams, range: 'bytes=50000-', status: 206 },
    ]);
    // Only what the first run had not finished is asked again.
    expect(server.requests.some((r) => r.path === 'metadata.xml')).toBe(false);
  });

  it('treats a 404 on optional files as absent, and a missing slide image as a warning', async () => {
    const slide2 =
      'presentation/8692ce1af11e2632a6e77ea41a2d33edbbfea990-1718870416666/slide-2.png';
    for (const p of ['cursor.xml', 'panzooms.xml', 'slides_new.xml', slide2])
      server.notFound.add(p);
    const result = await fetchRecording({
      baseUrl: server.baseUrl(v25.recordId),
      dir: join(tmp, 'cache'),
    });
    expect(result.missing).toEqual(
      expect.arrayContaining(['cursor.xml', 'panzooms.xml', 'slides_new.xml', slide2]),
    );
    expect(result.files).not.toContain('cursor.xml');
    expect(result.files).toContain('video/webcams.webm');
    expect(result.warnings).toEqual([expect.objectContaining({ file: slide2 })]);
    expect(result.warnings[0]?.en).toContain('slide-2.png');
  });

  it('falls back to audio/audio.* when there is no webcams file, first that exists', async () => {
    const folder = join(tmp, 'published');
    cpSync(v25.folder, folder, { recursive: true });
    rmSync(join(folder, 'video'), { recursive: true });
    cpSync(join(v25.folder, 'video', 'webcams.webm'), join(folder, 'audio', 'audio.ogg'));
    server.recordings.set(v25.recordId, folder);
    const result = await fetchRecording({
      baseUrl: server.baseUrl(v25.recordId),
      dir: join(tmp, 'cache'),
    });
    expect(result.files).toContain('audio/audio.ogg');
    expect(result.files).not.toContain('video/webcams.webm');
    expect(result.warnings).toEqual([]);
    const media = server.requests.filter((r) => /^(video|audio)\//.test(r.path));
    expect(media.map((r) => `${r.path} ${String(r.status)}`)).toEqual([
      'video/webcams.webm 404',
      'video/webcams.mp4 404',
      'audio/audio.webm 404',
      'audio/audio.ogg 200',
    ]);
  });

  it('says clearly when the server has no such recording', async () => {
    const unknown = `${'0'.repeat(40)}-1700000000000`;
    const error = await failure(
      fetchRecording({ baseUrl: server.baseUrl(unknown), dir: join(tmp, 'cache') }),
    );
    expect(error.code).toBe('not_found');
    expect(error.text.en).toContain(`no presentation recording ${unknown} on 127.0.0.1:`);
    expect(error.text.fr).toContain(unknown);
    expect(server.requests.map((r) => r.path)).toEqual([]);
  });

  it('refuses hostile hrefs in shapes.svg with a warning, and never asks for them', async () => {
    const folder = join(tmp, 'published');
    cpSync(v25.folder, folder, { recursive: true });
    const hostile = [
      '../../../../etc/passwd',
      '%2e%2e/%2e%2e/secret.png',
      'http://evil.example.org/x.png',
      '/etc/passwd',
      'file:///etc/passwd',
      'manifest.json',
    ];
    const svg = readFileSync(join(folder, 'shapes.svg'), 'utf8').replace(
      '</svg>',
      `${hostile.map((h, i) => `<image class="slide" id="bad${String(i)}" in="1" out="2" xlink:href="${h}" width="10" height="10"/>`).join('\n')}\n<g class="canvas"><image href='presentation/poll_result1.svg' width="1"/></g></svg>`,
    );
    writeFileSync(join(folder, 'shapes.svg'), svg);
    writeFileSync(join(folder, 'presentation', 'poll_result1.svg'), '<svg/>');
    // Captions: one VTT per listed locale; a locale that is not a plain name is not asked for.
    writeFileSync(
      join(folder, 'captions.json'),
      JSON.stringify([
        { locale: 'fr', localeName: 'Français' },
        { locale: 'de', localeName: 'Deutsch' },
        { locale: '../../x', localeName: 'x' },
      ]),
    );
    writeFileSync(join(folder, 'caption_fr.vtt'), 'WEBVTT\n');
    server.recordings.set(v25.recordId, folder);
    const result = await fetchRecording({
      baseUrl: server.baseUrl(v25.recordId),
      dir: join(tmp, 'cache'),
    });
    expect(result.warnings.map((w) => w.file)).toEqual(hostile.map(() => 'shapes.svg'));
    for (const [i, h] of hostile.entries()) expect(result.warnings[i]?.en).toContain(h);
    // Images inside canvases (poll results) are fetched like slides.
    expect(result.files).toContain('presentation/poll_result1.svg');
    expect(result.files).toContain('caption_fr.vtt');
    expect(result.missing).toContain('caption_de.vtt');
    const asked = server.requests.map((r) => r.path);
    expect(asked.filter((p) => /passwd|evil|secret|manifest|\.\./.test(p))).toEqual([]);
    expect(readdirSync(join(tmp, 'cache')).sort()).toEqual(
      ['caption_fr.vtt', 'captions.json', 'cursor.xml', 'deskshare.xml', 'manifest.json']
        .concat(['metadata.xml', 'panzooms.xml'])
        .concat(['presentation', 'presentation_text.json', 'shapes.svg', 'slides_new.xml', 'video'])
        .sort(),
    );
  });

  it('stops promptly on cancel, keeping the .part for a resume', async () => {
    const dir = join(tmp, 'cache');
    server.stallAfterBytes.set('video/webcams.webm', 30_000);
    const controller = new AbortController();
    const started = Date.now();
    const run = fetchRecording({
      baseUrl: server.baseUrl(v25.recordId),
      dir,
      signal: controller.signal,
      idleTimeoutMs: 60_000,
      onProgress: (p) => {
        if (p.bytes > 0 && existsSync(join(dir, 'video/webcams.webm.part'))) controller.abort();
      },
    });
    const error = await failure(run);
    expect(error.code).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(existsSync(join(dir, 'video/webcams.webm.part'))).toBe(true);
  });

  it('follows Scalelite’s redirect', async () => {
    const result = await fetchRecording({
      baseUrl: `${server.host}/scalelite/presentation/${v27.recordId}/`,
      dir: join(tmp, 'cache'),
    });
    expect(result.files).toContain('tldraw.json');
    expect(result.files).toContain('video/webcams.webm');
  });

  it('refuses a media file over the limit, naming it, and drops its .part', async () => {
    const dir = join(tmp, 'cache');
    const error = await failure(
      fetchRecording({ baseUrl: server.baseUrl(v25.recordId), dir, maxMediaBytes: 100_000 }),
    );
    expect(error.text.en).toContain('video/webcams.webm');
    expect(error.text.en).toContain('larger than');
    expect(existsSync(join(dir, 'video/webcams.webm.part'))).toBe(false);
    const text = await failure(
      fetchRecording({
        baseUrl: server.baseUrl(v25.recordId),
        dir: join(tmp, 'other'),
        maxTextBytes: 2000,
      }),
    );
    expect(text.text.en).toMatch(/^shapes\.svg from 127\.0\.0\.1:\d+ is larger than/);
  });
});

describe('the BBB simulator serves presentation recordings too', () => {
  it('answers the fetcher like the plain server', async () => {
    const sim = await startBbbSimulator({ flavour: 'bbb-3.0' });
    try {
      const v30 = playerFrameRecording('v30');
      sim.presentation.recordings.set(v30.recordId, v30.folder);
      const result = await fetchRecording({
        baseUrl: `${sim.host}/presentation/${v30.recordId}/`,
        dir: join(tmp, 'cache'),
      });
      expect(result.files).toEqual(expect.arrayContaining(['tldraw.json', 'video/webcams.webm']));
      expect(result.warnings).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});

describe('openLocalRecording (a published folder read in place)', () => {
  it('lists the same files as a fetch, without copying', async () => {
    const local = await openLocalRecording(v27.folder);
    const fetched = await fetchRecording({
      baseUrl: server.baseUrl(v27.recordId),
      dir: join(tmp, 'cache'),
    });
    expect([...local.files].sort()).toEqual([...fetched.files].sort());
    expect([...local.missing].sort()).toEqual([...fetched.missing].sort());
    expect(local.warnings).toEqual([]);
  });

  it('counts a symbolic link leaving the folder as absent', async () => {
    const folder = join(tmp, 'published');
    cpSync(v25.folder, folder, { recursive: true });
    writeFileSync(join(tmp, 'outside.xml'), '<recording/>');
    rmSync(join(folder, 'cursor.xml'));
    symlinkSync(join(tmp, 'outside.xml'), join(folder, 'cursor.xml'));
    const local = await openLocalRecording(folder);
    expect(local.files).not.toContain('cursor.xml');
    expect(local.missing).toContain('cursor.xml');
    expect(local.files).toContain('panzooms.xml');
  });

  it('refuses a folder without shapes.svg, naming it', async () => {
    const folder = join(tmp, 'published');
    cpSync(v25.folder, folder, { recursive: true });
    rmSync(join(folder, 'shapes.svg'));
    const error = await failure(openLocalRecording(folder));
    expect(error.code).toBe('not_found');
    expect(error.text.en).toContain('shapes.svg is missing');
  });
});
