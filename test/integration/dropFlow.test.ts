import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecorderFile, RecorderInput } from '../../src-preload/contract';
import { createApp, type AppConfig, type RegieApp } from '../../src-main/app/app';
import { addUser, recordEvents } from '../helpers/app';
import { makeClip } from '../helpers/clips';
import { rejectionOf } from '../helpers/errors';
import { sha256 } from '../helpers/files';
import { startNotifyServer, type NotifyServer } from '../helpers/notifyServer';
import { parseMail, startSmtpSink, type SmtpSink } from '../helpers/smtpSink';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { mediacoursSmil, treeOf, writeZip, type ZipItem } from '../helpers/zips';

// The drop folder's flow from a complete file to the Inbox, without FTP: files are written
// straight into `<data>/recorders`, and `recorders.scan` (a full pass, then the quiet period)
// drives detection. Pod's side is the notify simulator; mail goes to a real SMTP server.

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(50);
  }
}

const textOf = (raw: string): string => {
  const mail = parseMail(raw);
  const part = mail.parts.find((p) => p.headers.get('content-type')?.startsWith('text/plain'));
  return part?.body ?? mail.body;
};

const jpeg = (n: number): Buffer =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, n)]);

describe('drop folder flow (files written directly, scans through the API)', () => {
  let clipsDir: string;
  let clip: string;
  /** 5.5 s: Pod truncates durations (`int(float(duration))`, pod-behaviour.md §2.2). */
  let oddClip: string;

  let dir: string;
  let dataDir: string;
  let app: RegieApp | undefined;
  let events: { items: RecorderFile[] }[];
  let sink: SmtpSink | undefined;
  let notify: NotifyServer | undefined;

  beforeAll(async () => {
    clipsDir = makeTempDir();
    const base = { width: 320, height: 240, audio: true, video: true, container: 'mp4' } as const;
    clip = await makeClip(clipsDir, 'clip', { ...base, seconds: 2 });
    oddClip = await makeClip(clipsDir, 'pod', { ...base, seconds: 5.5 });
  });
  afterAll(() => removeTempDir(clipsDir));

  beforeEach(() => {
    dir = makeTempDir();
    dataDir = join(dir, 'data');
    app = undefined;
    sink = undefined;
    notify = undefined;
  });
  afterEach(async () => {
    await app?.close();
    vi.useRealTimers();
    await sink?.close();
    await notify?.close();
    removeTempDir(dir);
  });

  /** (Re)opens the data directory; only one app is open at a time. */
  const open = async (config: Partial<AppConfig> = {}): Promise<RegieApp> => {
    await app?.close();
    const opened = createApp({ dataDir, ...config });
    app = opened;
    events = recordEvents(opened, 'inbox.changed');
    return opened;
  };
  const api = () => {
    if (!app) throw new Error('no app open');
    return app.api;
  };
  const set = (key: string, value: unknown) => api().invoke('settings.set', { key, value });
  const scan = () => api().invoke('recorders.scan', {});
  const list = () => api().invoke('inbox.list', {});
  const fileAt = async (relPath: string) => {
    const file = (await list()).find((f) => f.relPath === relPath);
    if (!file) throw new Error(`${relPath} is not known`);
    return file;
  };
  const local = (relPath: string) => join(dataDir, 'recorders', ...relPath.split('/'));
  const drop = (relPath: string, from = clip) => {
    mkdirSync(dirname(local(relPath)), { recursive: true });
    copyFileSync(from, local(relPath));
  };
  const journalKinds = async (kind: string) =>
    (await api().invoke('journal.list', {})).filter((e) => e.kind === kind);
  const useMail = async (extra: { admins?: boolean } = {}) => {
    sink = await startSmtpSink();
    await set('EMAIL_HOST', sink.host);
    await set('EMAIL_PORT', sink.port);
    if (extra.admins) await set('ADMINS', [['Admin Pod', 'admin@univ.fr']]);
    return sink;
  };
  const recorder = (input: RecorderInput) => api().invoke('recorders.create', input);
  const staff = (username: string, email = '') =>
    addUser(app as RegieApp, username, { isStaff: true, email });

  describe('manager mode', () => {
    it('notifies Pod (RECORDER_BASE_URL) with a valid key and URL-encoded values: notified', async () => {
      await open();
      notify = await startNotifyServer({ recorders: [{ addressIp: '192.168.1.10', salt: 'abc' }] });
      await set('RECORDER_QUIET_SECONDS', 1);
      await set('RECORDER_BASE_URL', notify.baseUrl);
      await staff('mgr', 'mgr@univ.fr');
      await recorder({
        name: 'Amphi A',
        directory: 'amphi-a',
        addressIp: '192.168.1.10',
        salt: 'abc',
        manager: 'mgr',
      });
      const relPath = 'amphi-a/Cours n°1 & TD #2.mp4';
      drop(relPath);

      await scan();

      const file = await fileAt(relPath);
      expect(file).toMatchObject({ status: 'notified', notifyState: 'ok', notifyDetail: null });
      expect(notify.requests).toHaveLength(1);
      const [request] = notify.requests;
      expect(request?.path).toBe('/record/recorder_notify/');
      // The simulator answered ok: it recomputed md5(recordingPlace + salt) and it matched.
      const place = '192_168_1_10';
      expect(request?.query.get('recordingPlace')).toBe(place);
      expect(request?.query.get('key')).toBe(createHash('md5').update(`${place}abc`).digest('hex'));
      // `&`, `#`, `°` and spaces survive the query string (decoded as Django would).
      expect(request?.query.get('mediapath')).toBe(local(relPath));
      expect(request?.query.get('course_title')).toBe('Cours n°1 & TD #2.mp4');
      expect([...(request?.query.keys() ?? [])].sort()).toEqual([
        'course_title',
        'key',
        'mediapath',
        'recordingPlace',
      ]);
    });

    it('keeps a refused notification (nok) waiting, retries it, and tells the admins once after 3 failures', async () => {
      // The router retries from a 30 s interval inside the app (retryDue is not reachable
      // through the API): fake setInterval only, and move the app's clock past each retry date.
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      let offsetMs = 0;
      await open({ watch: true, now: () => new Date(Date.now() + offsetMs) });
      // Pod knows the recorder with another salt: every call gets "nok: key is not valid".
      notify = await startNotifyServer({
        recorders: [{ addressIp: '192.168.1.10', salt: 'not-the-same' }],
      });
      await useMail({ admins: true });
      await set('RECORDER_QUIET_SECONDS', 1);
      await set('RECORDER_BASE_URL', notify.baseUrl);
      await staff('mgr', 'mgr@univ.fr');
      await recorder({
        name: 'Amphi A',
        directory: 'amphi-a',
        addressIp: '192.168.1.10',
        salt: 'abc',
        manager: 'mgr',
      });
      const relPath = 'amphi-a/cours.mp4';
      drop(relPath);
      await scan();

      expect(await fileAt(relPath)).toMatchObject({
        status: 'unclaimed',
        notifyState: 'nok',
        notifyDetail: 'key is not valid',
      });
      expect(notify.requests).toHaveLength(1);
      expect(await journalKinds('files.notifyFailed')).toHaveLength(1);

      const retry = async (attempt: number) => {
        offsetMs += 3_600_000 + 1000; // past the longest delay (hourly)
        await vi.advanceTimersByTimeAsync(30_000);
        await until(
          async () => (await journalKinds('files.notifyFailed')).length === attempt,
          `attempt ${String(attempt)}`,
        );
      };
      await retry(2);
      expect(notify.requests).toHaveLength(2);
      expect(sink?.messages).toHaveLength(0);

      await retry(3);
      await until(() => sink?.messages.length === 1, 'the admins’ mail');
      const mail = sink?.messages[0];
      expect(mail?.envelopeTo).toEqual(['admin@univ.fr']);
      const text = textOf(mail?.raw ?? '');
      expect(text).toContain('amphi-a/cours.mp4');
      expect(text).toContain('key is not valid');

      await retry(4);
      expect(notify.requests).toHaveLength(4);
      // Once per file: a fourth failure sends nothing more.
      await delay(1000);
      expect(sink?.messages).toHaveLength(1);
      expect(await fileAt(relPath)).toMatchObject({ status: 'unclaimed', notifyState: 'nok' });
    });

    it('mails the manager itself when RECORDER_BASE_URL is empty, with a link to the file in the console', async () => {
      await open();
      await useMail();
      await set('RECORDER_QUIET_SECONDS', 1);
      await set('REGIE_CONSOLE_URL', 'https://regie.univ.fr/console/');
      await staff('mgr', 'mgr@univ.fr');
      await recorder({ name: 'Amphi A', directory: 'amphi-a', manager: 'mgr' });
      drop('amphi-a/cours.mp4');

      await scan();

      const file = await fileAt('amphi-a/cours.mp4');
      expect(file).toMatchObject({ status: 'notified', notifyState: 'mailed' });
      expect(sink?.messages).toHaveLength(1);
      expect(sink?.messages[0]?.envelopeTo).toEqual(['mgr@univ.fr']);
      const text = textOf(sink?.messages[0]?.raw ?? '');
      expect(text.split(/\r?\n/)).toContain(
        `https://regie.univ.fr/console/#/inbox/${String(file.id)}`,
      );
      expect(text).toContain('cours.mp4');
    });
  });

  describe('no manager', () => {
    it('with claiming off, mails the admins once and leaves the file waiting (unclaimed)', async () => {
      await open();
      await useMail({ admins: true });
      await set('RECORDER_QUIET_SECONDS', 1);
      await recorder({ name: 'Amphi A', directory: 'amphi-a' });
      drop('amphi-a/cours.mp4');

      await scan();
      await scan();
      await scan();

      expect(await fileAt('amphi-a/cours.mp4')).toMatchObject({
        status: 'unclaimed',
        notifyState: 'admins',
      });
      expect(sink?.messages).toHaveLength(1);
      expect(sink?.messages[0]?.envelopeTo).toEqual(['admin@univ.fr']);
      const text = textOf(sink?.messages[0]?.raw ?? '');
      expect(text).toContain('Amphi A');
      expect(text).toContain('amphi-a/cours.mp4');
    });
  });

  describe('folders no recorder owns', () => {
    it('reports an unknown folder once, even after several rescans and a second file; a new recorder takes its files', async () => {
      await open();
      await useMail({ admins: true });
      await set('RECORDER_QUIET_SECONDS', 1);
      await set('ALLOW_MANUAL_RECORDING_CLAIMING', true);
      drop('salle-12/a.mp4');
      await scan();
      await scan();
      drop('salle-12/b.mp4');
      await scan();
      await scan();

      for (const relPath of ['salle-12/a.mp4', 'salle-12/b.mp4']) {
        expect(await fileAt(relPath)).toMatchObject({ status: 'unknown', recorderId: null });
      }
      expect(await journalKinds('recorders.unknownFolder')).toHaveLength(1);
      expect(await api().invoke('unknownFolders.list', {})).toEqual([
        { origin: 'local', folder: 'salle-12', firstSeenAt: expect.any(String), fileCount: 2 },
      ]);
      await until(() => sink?.messages.length === 1, 'the admins’ mail');
      await delay(500);
      expect(sink?.messages).toHaveLength(1);

      const created = await recorder({ name: 'Salle 12', directory: 'salle-12' });
      await until(
        async () => (await list()).every((f) => f.status === 'unclaimed'),
        'the waiting files to be routed',
      );
      for (const file of await list()) expect(file.recorderId).toBe(created.id);
      expect(await api().invoke('unknownFolders.list', {})).toEqual([]);
      expect(await journalKinds('recorders.unknownFolder')).toHaveLength(1);
      expect(sink?.messages).toHaveLength(1);

      // The mail names the file by its path in the drop folder, once.
      const text = textOf(sink?.messages[0]?.raw ?? '');
      expect(text).toContain('salle-12/a.mp4');
      expect(text).not.toContain('salle-12/salle-12');
    });

    it('sends files of unknown folders to DEFAULT_RECORDER_ID', async () => {
      await open();
      await set('RECORDER_QUIET_SECONDS', 1);
      await set('ALLOW_MANUAL_RECORDING_CLAIMING', true);
      const fallback = await recorder({ name: 'Amphi A', directory: 'amphi-a' });
      await set('DEFAULT_RECORDER_ID', fallback.id);
      drop('ailleurs/cours.mp4');

      await scan();

      expect(await fileAt('ailleurs/cours.mp4')).toMatchObject({
        status: 'unclaimed',
        recorderId: fallback.id,
      });
      expect(await journalKinds('recorders.unknownFolder')).toEqual([]);
      expect(await api().invoke('unknownFolders.list', {})).toEqual([]);
    });
  });

  describe('removal', () => {
    it('marks a waiting file removed from the folder as deleted, with a reason', async () => {
      await open();
      await set('RECORDER_QUIET_SECONDS', 1);
      await set('ALLOW_MANUAL_RECORDING_CLAIMING', true);
      await recorder({ name: 'Amphi A', directory: 'amphi-a' });
      drop('amphi-a/cours.mp4');
      await scan();
      expect((await fileAt('amphi-a/cours.mp4')).status).toBe('unclaimed');

      rmSync(local('amphi-a/cours.mp4'));
      await scan();

      const file = await fileAt('amphi-a/cours.mp4');
      expect(file.status).toBe('deleted');
      expect(file.reason?.en).toBe('Removed from the drop folder outside Régie');
      expect(events.at(-1)?.items[0]).toMatchObject({ id: file.id, status: 'deleted' });
    });

    it("journals an unusable file once under its subject, for the Inbox detail's history", async () => {
      await open();
      await set('RECORDER_QUIET_SECONDS', 1);
      await recorder({ name: 'Amphi A', directory: 'amphi-a' });
      mkdirSync(local('amphi-a'), { recursive: true });
      writeFileSync(local('amphi-a/cassé.mp4'), Buffer.alloc(4096, 7));
      await scan();
      const file = await fileAt('amphi-a/cassé.mp4');
      expect(file.status).toBe('invalid');
      await scan();
      const history = await api().invoke('journal.list', { subject: `file:${String(file.id)}` });
      expect(history.map((e) => e.kind)).toEqual(['files.invalid']);
      expect(history[0]?.text.en).toContain('amphi-a/cassé.mp4 is not usable:');
      expect(history[0]?.text.fr).toContain('amphi-a/cassé.mp4 est inutilisable :');
    });

    it('files.delete moves the file to <data>/trash, same bytes, nothing left in the folder', async () => {
      await open();
      await set('RECORDER_QUIET_SECONDS', 1);
      await set('ALLOW_MANUAL_RECORDING_CLAIMING', true);
      await recorder({ name: 'Amphi A', directory: 'amphi-a' });
      drop('amphi-a/cours.mp4');
      await scan();
      const before = sha256(local('amphi-a/cours.mp4'));
      const { id } = await fileAt('amphi-a/cours.mp4');

      expect(await api().invoke('inbox.delete', { ids: [id] })).toEqual({ ids: [id] });

      expect(existsSync(local('amphi-a/cours.mp4'))).toBe(false);
      const file = await fileAt('amphi-a/cours.mp4');
      expect(file.status).toBe('deleted');
      const trashed = /Moved to the trash: (.+)$/.exec(file.reason?.en ?? '')?.[1] ?? '';
      expect(trashed.startsWith(join(dataDir, 'trash') + sep)).toBe(true);
      expect(trashed.endsWith(join('local', 'amphi-a', 'cours.mp4'))).toBe(true);
      expect(sha256(trashed)).toBe(before);
      // A later pass does not bring it back.
      await scan();
      expect((await fileAt('amphi-a/cours.mp4')).status).toBe('deleted');
    });
  });

  describe('audiovideocast', () => {
    const mediacours = (media: Buffer, extra: ZipItem[] = [], smil?: string): ZipItem[] => [
      { name: 'pod/', isDirectory: true },
      {
        name: 'pod/cours.smil',
        data:
          smil ??
          mediacoursSmil({
            images: [
              { src: 'screenshots/D1.jpg', begin: '0' },
              { src: 'screenshots/D2.jpg', begin: '2.5' },
              { src: 'screenshots/D3.jpg', begin: '3.5' },
            ],
          }),
      },
      { name: 'pod/pod.mp4', data: media, compress: false },
      { name: 'pod/screenshots/D1.jpg', data: jpeg(1) },
      { name: 'pod/screenshots/D2.jpg', data: jpeg(2) },
      { name: 'pod/screenshots/D3.jpg', data: jpeg(3) },
      ...extra,
    ];
    const setUp = async () => {
      await open();
      await set('RECORDER_QUIET_SECONDS', 1);
      await set('ALLOW_MANUAL_RECORDING_CLAIMING', true);
      await addUser(app as RegieApp, 'prof');
      await recorder({ name: 'Salle AVC', directory: 'avc', recordingType: 'audiovideocast' });
      mkdirSync(local('avc'), { recursive: true });
    };

    it('claims a mediacours ZIP: a recording whose last slide ends at the media duration, rounded down', async () => {
      await setUp();
      await writeZip(local('avc/pod.zip'), mediacours(readFileSync(oddClip)));
      await scan();
      const file = await fileAt('avc/pod.zip');
      expect(file.status).toBe('unclaimed');

      const [recording] = await api().invoke('inbox.assign', { ids: [file.id], owner: 'prof' });

      const probed = Number(
        execFileSync(
          'ffprobe',
          ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', oddClip],
          { encoding: 'utf8' },
        ),
      );
      expect(probed).toBeGreaterThan(5.4);
      expect(recording).toMatchObject({ type: 'audiovideocast', status: 'queued' });
      expect(recording?.slides).toEqual([
        { index: 1, src: 'screenshots/D1.jpg', start: 0, end: 1 },
        { index: 2, src: 'screenshots/D2.jpg', start: 2, end: 3 },
        { index: 3, src: 'screenshots/D3.jpg', start: 4, end: Math.floor(probed) },
      ]);
      expect((await fileAt('avc/pod.zip')).status).toBe('queued');
      const media = join(dataDir, 'work', 'recordings', String(file.id), 'pod', 'pod.mp4');
      expect(sha256(media)).toBe(sha256(oddClip));
    });

    it('previews a mediacours ZIP, again after a restart (the preview folder is a cache)', async () => {
      await setUp();
      await set('USE_RECORD_PREVIEW', true);
      await writeZip(local('avc/pod.zip'), mediacours(readFileSync(oddClip)));
      await scan();
      const file = await fileAt('avc/pod.zip');
      for (let run = 0; run < 2; run++) {
        if (run === 1) await open();
        const preview = await api().invoke('inbox.preview', { id: file.id });
        expect(preview.kind).toBe('video');
        expect(preview.slides.map((slide) => slide.url)).toEqual(
          [0, 1, 2].map((n) => `/media/file/${String(file.id)}/slide/${String(n)}`),
        );
        const media = (app as RegieApp).mediaPath(file.id);
        expect(media && sha256(media)).toBe(sha256(oddClip));
      }
      // Previewing does not claim: the ZIP still waits in the Inbox.
      expect((await fileAt('avc/pod.zip')).status).toBe('unclaimed');
    });

    it.each([
      [
        'an entry named ../ (zip-slip), refused when the file is checked',
        (media: Buffer) => mediacours(media, [{ name: 'pod/../../../../../evil.txt', data: 'x' }]),
        'detection',
      ],
      [
        'a slide src leaving the folder, refused when it is claimed',
        (media: Buffer) =>
          mediacours(
            media,
            [],
            mediacoursSmil({
              images: [
                { src: 'screenshots/D1.jpg', begin: '0' },
                { src: '../../../../../evil.jpg', begin: '2' },
              ],
            }),
          ),
        'claim',
      ],
    ] as const)(
      'marks a hostile ZIP invalid (%s), writing nothing outside <data>/work',
      async (_what, items, when) => {
        await setUp();
        await writeZip(local('avc/pod.zip'), items(readFileSync(clip)));
        const outsideWork = () => treeOf(dir).filter((p) => !p.startsWith(`data${sep}work`));
        await scan();
        const before = outsideWork().filter((p) => !/regie\.db|logs/.test(p));

        if (when === 'claim') {
          const { id } = await fileAt('avc/pod.zip');
          expect((await fileAt('avc/pod.zip')).status).toBe('unclaimed');
          const error = await rejectionOf(
            api().invoke('inbox.assign', { ids: [id], owner: 'prof' }),
          );
          expect(error.code).toBe('validation');
          expect(error.text.en).toContain('evil.jpg');
        }

        const file = await fileAt('avc/pod.zip');
        expect(file.status).toBe('invalid');
        expect(file.reason?.en).toMatch(/\.\./);
        expect(await api().invoke('recordings.list', {})).toEqual([]);
        expect(treeOf(dir).filter((p) => p.includes('evil'))).toEqual([]);
        expect(outsideWork().filter((p) => !/regie\.db|logs/.test(p))).toEqual(before);
        expect(treeOf(join(dataDir, 'work')).filter((p) => !p.endsWith('/'))).toEqual([]);
      },
    );
  });

  describe('permissions (pod-behaviour.md §8.1.11, §8.1.12)', () => {
    it('a staff member who is not the manager may neither choose the owner nor delete; the manager may delete', async () => {
      await open();
      await set('RECORDER_QUIET_SECONDS', 1);
      await staff('mgr');
      await staff('x');
      await addUser(app as RegieApp, 'other');
      await recorder({ name: 'Amphi A', directory: 'amphi-a', manager: 'mgr' });
      drop('amphi-a/cours.mp4');
      await scan();
      const { id, status } = await fileAt('amphi-a/cours.mp4');
      // The manager has no email address: the notification failed, the file waits.
      expect(status).toBe('unclaimed');

      await open({ operator: 'x' });
      const assign = await rejectionOf(api().invoke('inbox.assign', { ids: [id], owner: 'other' }));
      expect(assign.code).toBe('validation');
      expect(Object.keys(assign.fieldErrors ?? {})).toEqual(['owner']);
      const remove = await rejectionOf(api().invoke('inbox.delete', { ids: [id] }));
      expect(remove.code).toBe('forbidden');
      expect(existsSync(local('amphi-a/cours.mp4'))).toBe(true);
      expect((await fileAt('amphi-a/cours.mp4')).status).toBe('unclaimed');
      expect(await api().invoke('recordings.list', {})).toEqual([]);

      await open({ operator: 'mgr' });
      expect(await api().invoke('inbox.delete', { ids: [id] })).toEqual({ ids: [id] });
      expect(existsSync(local('amphi-a/cours.mp4'))).toBe(false);
      expect((await fileAt('amphi-a/cours.mp4')).status).toBe('deleted');
    });
  });
});
