import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Client } from 'basic-ftp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RecorderFile } from '../../src-preload/contract';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { recordEvents } from '../helpers/app';
import { makeClip } from '../helpers/clips';
import { sha256 } from '../helpers/files';
import { startProftpd, type Proftpd } from '../helpers/proftpd';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

// Real uploads by FTP (proftpd, /work/shared/recipes/test-servers.md §1) into the drop root of a
// Régie data directory whose watcher runs: proftpd writes under the final name, so a file still
// uploading, or cut off, sits in the folder and must never be offered (issue #3 §2).

const QUIET_SECONDS = 2;
/** Shorter than the quiet period: a recorder whose upload stalls briefly is still uploading. */
const PAUSE_MS = 900;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('FTP uploads into the drop folder (real proftpd, watcher on)', () => {
  let clipsDir: string;
  /** ffmpeg's default: the index (moov) at the end, as recorders write it. About 2 MB. */
  let bigClip: Buffer;
  /** Index first (`-movflags +faststart`): a truncated copy still has its index. */
  let faststartClip: Buffer;
  let smallClip: string;

  let dir: string;
  let dataDir: string;
  let app: RegieApp;
  let ftp: Proftpd;
  let events: { items: RecorderFile[] }[];
  let clients: Client[];

  beforeAll(async () => {
    clipsDir = makeTempDir();
    const base = { width: 1280, height: 720, audio: true, video: true, container: 'mp4' } as const;
    bigClip = readFileSync(await makeClip(clipsDir, 'big', { ...base, seconds: 60 }));
    faststartClip = readFileSync(
      await makeClip(clipsDir, 'fast', { ...base, seconds: 20, faststart: true }),
    );
    smallClip = await makeClip(clipsDir, 'small', {
      ...base,
      width: 320,
      height: 240,
      seconds: 2,
    });
  });
  afterAll(() => removeTempDir(clipsDir));

  beforeEach(async () => {
    dir = makeTempDir();
    dataDir = join(dir, 'data');
    // The folder the recorder's FTP account writes into, made when the recorder is set up.
    mkdirSync(join(dataDir, 'recorders', 'amphi-a'), { recursive: true });
    app = createApp({ dataDir, watch: true });
    await app.api.invoke('settings.set', { key: 'RECORDER_QUIET_SECONDS', value: QUIET_SECONDS });
    await app.api.invoke('settings.set', { key: 'ALLOW_MANUAL_RECORDING_CLAIMING', value: true });
    await app.api.invoke('recorders.create', { name: 'Amphi A', directory: 'amphi-a' });
    events = recordEvents(app, 'inbox.changed');
    ftp = await startProftpd({ root: join(dataDir, 'recorders') });
    clients = [];
  });
  afterEach(async () => {
    for (const client of clients) client.close();
    await app.close();
    await ftp.stop();
    removeTempDir(dir);
  });

  const connect = async (): Promise<Client> => {
    const client = new Client(10_000);
    clients.push(client);
    await client.access({ host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password });
    return client;
  };
  const local = (relPath: string) => join(dataDir, 'recorders', ...relPath.split('/'));
  const sizeOnDisk = (relPath: string) => {
    try {
      return statSync(local(relPath)).size;
    } catch {
      return -1;
    }
  };
  const list = () => app.api.invoke('inbox.list', {});
  const eventsFor = (relPath: string) =>
    events.flatMap((e) => e.items).filter((f) => f.relPath === relPath);
  const statusesOf = (relPath: string) => eventsFor(relPath).map((f) => f.status);

  /** Polls the API (not the clock): what a user of the Inbox would see, with a generous limit. */
  async function waitForFile(
    relPath: string,
    isDone: (file: RecorderFile) => boolean,
    what: string,
    timeoutMs = 25_000,
  ): Promise<RecorderFile> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const file = (await list()).find((f) => f.relPath === relPath);
      if (file && isDone(file)) return file;
      if (Date.now() > deadline) {
        throw new Error(
          `${relPath}: never ${what}; now ${JSON.stringify(file)}\n` +
            `events: ${JSON.stringify(statusesOf(relPath))}\nproftpd: ${ftp.tail()}`,
        );
      }
      await delay(100);
    }
  }
  async function waitForSize(relPath: string, size: number): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (sizeOnDisk(relPath) !== size) {
      if (Date.now() > deadline) {
        throw new Error(
          `${relPath} is ${String(sizeOnDisk(relPath))} bytes, never ${String(size)}`,
        );
      }
      await delay(25);
    }
  }

  /** STOR (or APPE) of `data` from a stream the test feeds, so it decides when bytes arrive. */
  function startUpload(client: Client, relPath: string, command: 'STOR' | 'APPE' = 'STOR') {
    const source = new PassThrough();
    const done =
      command === 'STOR' ? client.uploadFrom(source, relPath) : client.appendFrom(source, relPath);
    // The test decides how the upload ends; a rejection is looked at by whoever awaits `done`.
    done.catch(() => undefined);
    return { source, done };
  }

  /** Sends `data` in chunks, waiting until each has reached the disk, then pausing. */
  async function sendPaced(
    source: PassThrough,
    relPath: string,
    data: Buffer,
    options: { chunkBytes: number; pauseMs: number; offset?: number; upTo?: number },
  ) {
    const offset = options.offset ?? 0;
    const end = options.upTo ?? data.length;
    for (let at = 0; at < end; at += options.chunkBytes) {
      const next = Math.min(at + options.chunkBytes, end);
      source.write(data.subarray(at, next));
      await waitForSize(relPath, offset + next);
      if (next < end) await delay(options.pauseMs);
    }
  }

  /** Half of `data` reaches the server, then the data connection is reset, as a network cut. */
  async function uploadAndCut(relPath: string, data: Buffer): Promise<number> {
    const client = await connect();
    const { source, done } = startUpload(client, relPath);
    const half = Math.floor(data.length / 2);
    await sendPaced(source, relPath, data, { chunkBytes: 64 * 1024, pauseMs: 0, upTo: half });
    client.ftp.dataSocket?.resetAndDestroy();
    client.close();
    await expect(done).rejects.toThrow();
    return half;
  }

  it('never offers a throttled upload that pauses, and offers it once it has ended', async () => {
    const relPath = 'amphi-a/cours-lent.mp4';
    const client = await connect();
    const { source, done } = startUpload(client, relPath);
    await sendPaced(source, relPath, bigClip, { chunkBytes: 256 * 1024, pauseMs: PAUSE_MS });
    source.end();
    await done;
    const seenWhileUploading = events.length;
    expect(sizeOnDisk(relPath)).toBe(bigClip.length);

    const offered = await waitForFile(relPath, (f) => f.status === 'unclaimed', 'offered');
    expect(offered.size).toBe(bigClip.length);
    expect(offered.media?.durationS).toBeGreaterThan(0);
    expect(offered.media).toMatchObject({ width: 1280, height: 720, videoCodec: 'h264' });

    const during = events.slice(0, seenWhileUploading).flatMap((e) => e.items);
    // Seen while it was arriving (the watcher is on), and only ever as incomplete.
    expect(during.length).toBeGreaterThan(0);
    expect(new Set(during.map((f) => f.status))).toEqual(new Set(['incomplete']));
    const sizes = during.map((f) => f.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(sizes.at(-1)).toBeLessThanOrEqual(bigClip.length);
    // After the end: incomplete (the last bytes) until quiet, then offered, nothing in between.
    const after = statusesOf(relPath).slice(seenWhileUploading);
    expect(after.at(-1)).toBe('unclaimed');
    expect(after.filter((s) => s !== 'incomplete')).toEqual(['unclaimed']);
    expect(sha256(local(relPath))).toBe(sha256(join(clipsDir, 'big.mp4')));
  });

  it('never offers an upload cut off half-way (index at the end): invalid, with a reason', async () => {
    const relPath = 'amphi-a/coupe.mp4';
    const half = await uploadAndCut(relPath, bigClip);
    expect(sizeOnDisk(relPath)).toBe(half);

    const file = await waitForFile(relPath, (f) => f.status !== 'incomplete', 'checked');
    expect(file.status).toBe('invalid');
    expect(file.size).toBe(half);
    expect(file.reason?.en).toMatch(/moov atom|index/i);
    expect(file.reason?.fr).toMatch(/moov|index/i);
    // A later pass changes nothing: the same bytes stay invalid and are never offered.
    await app.api.invoke('recorders.scan', {});
    expect((await list()).find((f) => f.relPath === relPath)?.status).toBe('invalid');
    expect(statusesOf(relPath)).not.toContain('unclaimed');
  });

  // Depends on the tail check being added to src-main/media/integrity.ts (checkMediaIntegrity):
  // a faststart MP4 keeps its index at the start, so ffprobe reads a truncated copy without
  // complaint; only a check that the last sample's bytes are in the file catches it.
  it('never offers an upload cut off half-way (faststart: index first): invalid, with a reason', async () => {
    const relPath = 'amphi-a/coupe-faststart.mp4';
    const half = await uploadAndCut(relPath, faststartClip);

    const file = await waitForFile(relPath, (f) => f.status !== 'incomplete', 'checked');
    expect(statusesOf(relPath)).not.toContain('unclaimed');
    expect(file.status).toBe('invalid');
    expect(file.size).toBe(half);
    expect(file.reason?.en).toMatch(/truncated|ends too early|incomplete|missing/i);
  });

  it.each(['APPE', 'REST+STOR'] as const)(
    'offers a resumed upload (%s of the rest after a cut) once complete, with the right size',
    async (resume) => {
      const relPath = `amphi-a/repris-${resume === 'APPE' ? 'appe' : 'rest'}.mp4`;
      const half = await uploadAndCut(relPath, bigClip);
      await waitForFile(relPath, (f) => f.status === 'invalid', 'found invalid after the cut');

      // The recorder reconnects, asks how much arrived, and sends the rest.
      const client = await connect();
      const arrived = await client.size(relPath);
      expect(arrived).toBe(half);
      if (resume === 'REST+STOR') await client.send(`REST ${String(arrived)}`);
      const { source, done } = startUpload(client, relPath, resume === 'APPE' ? 'APPE' : 'STOR');
      await sendPaced(source, relPath, bigClip.subarray(arrived), {
        chunkBytes: 512 * 1024,
        pauseMs: PAUSE_MS,
        offset: arrived,
      });
      source.end();
      await done;
      const resumedAt = events.length;

      const offered = await waitForFile(relPath, (f) => f.status === 'unclaimed', 'offered');
      expect(offered.size).toBe(bigClip.length);
      expect(offered.media?.durationS).toBeGreaterThan(0);
      expect(sha256(local(relPath))).toBe(sha256(join(clipsDir, 'big.mp4')));
      // Offered once, at its full size, and never before the rest had arrived.
      const offers = eventsFor(relPath).filter((f) => f.status === 'unclaimed');
      expect(offers.map((f) => f.size)).toEqual([bigClip.length]);
      expect(
        events
          .slice(0, resumedAt)
          .flatMap((e) => e.items)
          .filter((f) => f.relPath === relPath && f.status === 'unclaimed'),
      ).toEqual([]);
    },
  );

  it('offers a file uploaded as .part then renamed once, and never the .part', async () => {
    const client = await connect();
    await client.uploadFrom(smallClip, 'amphi-a/x.mp4.part');
    // Ignored while it has its temporary name, however long it sits there.
    await delay(QUIET_SECONDS * 1000 + 1500);
    expect(await list()).toEqual([]);

    await client.rename('amphi-a/x.mp4.part', 'amphi-a/x.mp4');
    const offered = await waitForFile('amphi-a/x.mp4', (f) => f.status === 'unclaimed', 'offered');
    expect(offered.size).toBe(statSync(smallClip).size);

    // Another full pass and its quiet period change nothing.
    await app.api.invoke('recorders.scan', {});
    const files = await list();
    expect(files.map((f) => [f.relPath, f.status])).toEqual([['amphi-a/x.mp4', 'unclaimed']]);
    expect(events.filter((e) => e.items.some((f) => f.relPath.endsWith('.part')))).toEqual([]);
    expect(statusesOf('amphi-a/x.mp4').filter((s) => s === 'unclaimed')).toHaveLength(1);
  });

  it('accepts an upper-case .MP4 (Pod skips it, §8.1.3)', async () => {
    const client = await connect();
    await client.uploadFrom(smallClip, 'amphi-a/COURS.MP4');
    const offered = await waitForFile(
      'amphi-a/COURS.MP4',
      (f) => f.status === 'unclaimed',
      'offered',
    );
    expect(offered).toMatchObject({
      fileName: 'COURS.MP4',
      folder: 'amphi-a',
      size: statSync(smallClip).size,
    });
    expect(offered.media?.durationS).toBeGreaterThan(0);
    expect(offered.recorderId).toBe((await app.api.invoke('recorders.list', {}))[0]?.id);
  });

  it('refuses a wrong password (the virtual user is real)', async () => {
    const client = new Client(10_000);
    clients.push(client);
    await expect(
      client.access({ host: ftp.host, port: ftp.port, user: ftp.user, password: 'wrong' }),
    ).rejects.toMatchObject({ code: 530 });
  });
});
