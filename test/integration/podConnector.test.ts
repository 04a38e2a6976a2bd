import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Video } from '../../src-preload/contract';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { makeClip } from '../helpers/clips';
import { startPodSimulator, type PodSimulator } from '../helpers/podSimulator';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';

/**
 * Issue #11 against the Pod REST simulator (test/helpers/podSimulator, built from
 * reference/pod-behaviour.md §7 and the observations of a real Pod 4.1): the connection
 * test, the mirror and its merge with Régie's users, and the publication of verified videos,
 * exactly once whatever cuts the upload.
 */

let sim: PodSimulator;
let dir: string;
let app: RegieApp;

const open = (options: { watch?: boolean } = {}) => {
  app = createApp({ dataDir: dir, watch: options.watch ?? false, podRetryDelaysMs: [20, 20] });
  return app;
};
const set = async (values: Record<string, unknown>) => {
  for (const [key, value] of Object.entries(values))
    await app.api.invoke('settings.set', { key, value });
};
const connect = (extra: Record<string, unknown> = {}) =>
  set({ POD_URL: sim.url, POD_TOKEN: sim.staffToken, ...extra });

beforeEach(() => {
  dir = makeTempDir();
});
afterEach(async () => {
  await app.close();
  await sim.close();
  removeTempDir(dir);
});

describe('pod test', () => {
  it('says each thing that works: reachable, JSON API, token, staff, apps', async () => {
    sim = await startPodSimulator({ users: 3 });
    open();
    await connect();
    const report = await app.api.invoke('pod.test', {});
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual([
      ['reachable', true],
      ['api', true],
      ['token', true],
      ['staff', true],
      ['apps', true],
    ]);
    expect(report.ok).toBe(true);
    expect(report.apps).toContain('meeting_live_gateway');
    expect(report.absentApps).toEqual([]);
    expect((await app.api.invoke('pod.status', {})).lastTest?.ok).toBe(true);
  });

  it('names the bad token, the user who is not staff, and the absent live app', async () => {
    sim = await startPodSimulator({ users: 3, live: false });
    open();
    await connect({ POD_TOKEN: 'c'.repeat(40) });
    let report = await app.api.invoke('pod.test', {});
    expect(report.ok).toBe(false);
    expect(report.checks.at(-1)?.name).toBe('token');
    expect(report.checks.at(-1)?.text.fr).toContain('Token non valide.');
    expect(report.checks.at(-1)?.text.en).toContain('POD_TOKEN');

    await set({ POD_TOKEN: sim.userToken });
    report = await app.api.invoke('pod.test', {});
    expect(report.checks.at(-1)?.name).toBe('staff');
    expect(report.checks.at(-1)?.text.fr).toContain('Statut équipe');

    await set({ POD_TOKEN: sim.staffToken });
    report = await app.api.invoke('pod.test', {});
    expect(report.ok).toBe(true);
    expect(report.absentApps).toEqual(['live']);
  });

  it('says an HTML page is not Pod, and an unreachable Pod is unreachable', async () => {
    sim = await startPodSimulator({ users: 3 });
    open();
    await connect();
    sim.htmlNext('/rest/', 200);
    let report = await app.api.invoke('pod.test', {});
    expect(report.checks.at(-1)).toMatchObject({ name: 'api', ok: false });
    expect(report.checks.at(-1)?.text.en).toContain('HTML page');

    const closed = sim.url;
    await sim.close();
    await set({ POD_URL: closed });
    report = await app.api.invoke('pod.test', {});
    expect(report.checks).toHaveLength(1);
    expect(report.checks[0]?.text.en).toMatch(/no answer \(ECONNREFUSED/);
    sim = await startPodSimulator({ users: 1 }); // afterEach closes one
  });
});

describe('pod mirror', () => {
  it('mirrors 2,000 users with their owners, and merges them with Régie users by username', async () => {
    sim = await startPodSimulator({ users: 2_000 });
    open();
    await connect();
    await app.api.invoke('users.create', { username: 'u5', firstName: 'Local', lastName: 'Five' });
    await app.api.invoke('users.create', { username: 'local.only', firstName: 'L', lastName: 'O' });

    const report = await app.api.invoke('pod.mirror', {});
    expect(report.ok).toBe(true);
    expect(report.counts).toMatchObject({
      users: 2_001,
      types: sim.types.length,
      sites: 1,
      recorders: sim.recorders.length,
      buildings: sim.buildings.length,
      broadcasters: sim.broadcasters.length,
      liveGateways: sim.liveGateways.length,
    });
    expect(report.usersAdded).toBe(2_000);
    expect(report.usersAdopted).toBe(1);
    expect(report.regieOnly).toEqual(['local.only']);
    // 2,001 users and 2,001 owners, 12 a page: 167 pages each.
    expect(sim.requests.filter((r) => r.path.startsWith('/rest/users/')).length).toBe(167);

    const users = await app.api.invoke('users.list', {});
    const u5 = users.find((u) => u.username === 'u5');
    expect(u5).toMatchObject({ origin: 'pod', inPod: true, firstName: 'Prénom5' });
    expect(users.find((u) => u.username === 'local.only')).toMatchObject({
      origin: 'regie',
      inPod: false,
    });
    const owner = sim.owners.find(
      (o) => o.userId === sim.users.find((u) => u.username === 'u3')?.id,
    );
    expect(users.find((u) => u.username === 'u3')?.affiliation).toBe(owner?.affiliation);

    // Pod is the truth for its users.
    await expect(
      app.api.invoke('users.update', { id: u5?.id ?? 0, patch: { firstName: 'X' } }),
    ).rejects.toThrow(/comes from Pod/);

    // A second mirror changes nothing it does not have to, and sees a rename in Pod.
    const renamed = sim.users.find((u) => u.username === 'u9');
    if (renamed) renamed.firstName = 'Renommé';
    const again = await app.api.invoke('pod.mirror', {});
    expect([again.usersAdded, again.usersUpdated, again.usersAdopted]).toEqual([0, 1, 0]);
    expect(
      (await app.api.invoke('users.list', {})).find((u) => u.username === 'u9')?.firstName,
    ).toBe('Renommé');
    const catalog = await app.api.invoke('pod.catalog', {});
    expect(catalog.types.map((t) => t.id).sort()).toEqual(sim.types.map((t) => t.id).sort());
    expect(catalog.broadcasters[0]?.buildingName).toBe(sim.buildings[0]?.name);
  });

  it('leaves the last mirror in place and says why when Pod refuses the token', async () => {
    sim = await startPodSimulator({ users: 20 });
    open();
    await connect();
    await app.api.invoke('pod.mirror', {});
    await set({ POD_TOKEN: 'd'.repeat(40) });
    await expect(app.api.invoke('pod.mirror', {})).rejects.toThrow(/token is refused/);
    const status = await app.api.invoke('pod.status', {});
    expect(status.lastMirror?.ok).toBe(false);
    expect(status.counts.users).toBe(21);
  });
});

/** A verified video in the Library, as the encode job leaves it, without running ffmpeg. */
function seedVideo(owner: string, options: { title?: string; bytes?: number } = {}): number {
  const db = new Database(join(dir, 'regie.db'));
  try {
    const ownerId = (
      db.prepare('SELECT id FROM users WHERE username = ?').get(owner) as {
        id: number;
      }
    ).id;
    const id = (
      db.prepare('SELECT coalesce(max(id), 0) + 1 AS n FROM videos').get() as {
        n: number;
      }
    ).n;
    const videoDir = join(dir, 'library', String(id));
    mkdirSync(videoDir, { recursive: true });
    const source = join(dir, `source-${String(id)}.mp4`);
    writeFileSync(source, Buffer.alloc(options.bytes ?? 2_000_000, 1));
    writeFileSync(join(videoDir, '720p.mp4'), Buffer.alloc(500_000, 2));
    const at = '2026-03-02T10:00:00.000Z';
    db.prepare(
      `INSERT INTO videos (id, owner_id, title, video_type_id, description, duration_s, is_video, dir,
         renditions_json, source_path, created_at, updated_at)
       VALUES (?, ?, ?, 1, 'Un cours', 8, 1, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      ownerId,
      options.title ?? `Cours ${String(id)}`,
      videoDir,
      JSON.stringify([
        { name: '720p', kind: 'mp4', file: '720p.mp4', height: 720, sizeBytes: 500_000 },
      ]),
      source,
      at,
      at,
    );
    return id;
  } finally {
    db.close();
  }
}

const video = async (id: number): Promise<Video> => {
  const found = (await app.api.invoke('videos.list', {})).find((v) => v.id === id);
  if (!found) throw new Error(`no video ${String(id)}`);
  return found;
};
const podEnded = (id: number) =>
  until(`video ${String(id)} to leave the queue`, async () => {
    const v = await video(id);
    return ['queued', 'uploading'].includes(v.pod.state) ? undefined : v;
  });
const uploads = () => sim.requests.filter((r) => r.method === 'POST' && r.path === '/rest/videos/');

// podEnded() waits up to 60 s for the queue: the test may take that long on a loaded machine.
describe('pod publish', { timeout: 90_000 }, () => {
  beforeEach(async () => {
    sim = await startPodSimulator({ users: 12, encodingStepMs: 10 });
    open({ watch: true });
    await connect({ POD_ENCODING_POLL_SECONDS: 1 });
    await app.api.invoke('pod.mirror', {});
  });

  it('sends a verified video as a draft of its owner, streamed, then follows its encoding', async () => {
    const id = seedVideo('u4');
    await app.api.invoke('pod.publish', { videoId: id });
    const sent = await podEnded(id);
    expect(sent.pod.state).toBe('encoding');
    const podVideo = sim.videos[0];
    const podUser = sim.users.find((u) => u.username === 'u4');
    expect(podVideo).toMatchObject({
      title: `Cours ${String(id)}`,
      ownerId: podUser?.id,
      isDraft: true,
      siteIds: [1],
      typeId: 1,
      dateEvt: '2026-03-02',
      fileSize: 2_000_000,
    });
    expect(podVideo?.description).toContain('Un cours');
    expect(sent.pod).toMatchObject({
      videoId: podVideo?.id,
      isDraft: true,
      pageUrl: `${sim.url}/video/${podVideo?.slug ?? ''}/`,
    });
    const encoded = await until('Pod to encode it', async () => {
      const v = await app.api.invoke('pod.refresh', { videoId: id });
      return v.pod.state === 'encoding' ? undefined : v;
    });
    expect(encoded.pod).toMatchObject({ state: 'encoded', step: '0: end of encoding' });
    await expect(app.api.invoke('pod.publish', { videoId: id })).rejects.toThrow(/already in Pod/);
  });

  it('sends it public when asked', async () => {
    const id = seedVideo('u2');
    await app.api.invoke('pod.publish', { videoId: id, mode: 'public' });
    expect((await podEnded(id)).pod.isDraft).toBe(false);
    expect(sim.videos[0]?.isDraft).toBe(false);
  });

  it('leaves exactly one video in Pod when the upload is cut after Pod stored it', async () => {
    const id = seedVideo('u5', { bytes: 3_000_000 });
    sim.cutNextUpload({ afterBytes: 1_000_000, storeFirst: true });
    await app.api.invoke('pod.publish', { videoId: id });
    const sent = await podEnded(id);
    expect(sent.pod.state).toBe('encoding');
    expect(uploads()).toHaveLength(1);
    expect(sim.videos).toHaveLength(1);
    expect(sent.pod.videoId).toBe(sim.videos[0]?.id);
  });

  it('uploads again when the cut came before Pod stored anything, still one video', async () => {
    const id = seedVideo('u5', { bytes: 3_000_000 });
    sim.cutNextUpload({ afterBytes: 1_000_000 });
    await app.api.invoke('pod.publish', { videoId: id });
    expect((await podEnded(id)).pod.state).toBe('encoding');
    expect(uploads()).toHaveLength(2);
    expect(sim.videos).toHaveLength(1);
  });

  it('finds the video in Pod after a publish that ended without its answer (a crash)', async () => {
    await app.close();
    app = createApp({ dataDir: dir, watch: true, podRetryDelaysMs: [] });
    const id = seedVideo('u6');
    sim.cutNextUpload({ afterBytes: 500_000, storeFirst: true });
    await app.api.invoke('pod.publish', { videoId: id });
    const failed = await podEnded(id);
    expect(failed.pod.state).toBe('refused');
    expect(failed.pod.videoId).toBeNull();
    // Published again, the next process looks Pod up before sending anything.
    await app.close();
    open({ watch: true });
    await app.api.invoke('pod.publish', { videoId: id });
    expect((await podEnded(id)).pod.state).toBe('encoding');
    expect(uploads()).toHaveLength(1);
    expect(sim.videos).toHaveLength(1);
    expect(sim.requests.some((r) => r.path.startsWith('/rest/videos/?owner='))).toBe(true);
  });

  it('says the nginx limit is too small on 413, and keeps Régie’s video', async () => {
    await sim.close();
    sim = await startPodSimulator({ users: 12, maxBodyBytes: 1_000_000 });
    await connect();
    await app.api.invoke('pod.mirror', {});
    const id = seedVideo('u3', { bytes: 3_000_000 });
    await app.api.invoke('pod.publish', { videoId: id });
    const refused = await podEnded(id);
    expect(refused.pod.state).toBe('refused');
    expect(refused.pod.error?.en).toContain('client_max_body_size');
    expect(refused.pod.error?.fr).toContain('client_max_body_size');
    expect(existsSync(join(dir, 'library', String(id), '720p.mp4'))).toBe(true);
    expect(existsSync(join(dir, `source-${String(id)}.mp4`))).toBe(true);
  });

  it('shows Pod’s field errors in both languages', async () => {
    await set({ POD_SITE_ID: 99 });
    const id = seedVideo('u3');
    await app.api.invoke('pod.publish', { videoId: id });
    const refused = await podEnded(id);
    expect(refused.pod.state).toBe('refused');
    expect(refused.pod.error?.fr).toContain("sites : Lien non valide : l'objet n'existe pas.");
    expect(refused.pod.error?.en).toContain('sites: Invalid hyperlink - Object does not exist.');
    expect(sim.videos).toHaveLength(0);
  });

  it('refuses an owner Pod does not know, naming them and the fix', async () => {
    await app.api.invoke('users.create', { username: 'nobody.pod', firstName: 'N', lastName: 'P' });
    const id = seedVideo('nobody.pod');
    await app.api.invoke('pod.publish', { videoId: id });
    const refused = await podEnded(id);
    expect(refused.pod.error?.en).toMatch(/nobody\.pod is not a user of Pod/);
    expect(uploads()).toHaveLength(0);
  });

  it('marks a video whose encoding failed in Pod', async () => {
    sim.failNextEncoding();
    const id = seedVideo('u7');
    await app.api.invoke('pod.publish', { videoId: id });
    await podEnded(id);
    const failed = await until('Pod to fail', async () => {
      const v = await app.api.invoke('pod.refresh', { videoId: id });
      return v.pod.state === 'encoding' ? undefined : v;
    });
    expect(failed.pod.state).toBe('failed');
    expect(failed.pod.error?.en).toContain("Pod's encoding failed: -1");
  });
});

describe('pod publish queue', () => {
  it('lets a video be published again once its waiting job was cancelled', async () => {
    sim = await startPodSimulator({ users: 5 });
    open(); // no watch: the queue does not run, the job waits
    await connect();
    await app.api.invoke('pod.mirror', {});
    const id = seedVideo('u2');
    expect((await app.api.invoke('pod.publish', { videoId: id })).pod.state).toBe('queued');
    await expect(app.api.invoke('pod.publish', { videoId: id })).rejects.toThrow(
      /on its way to Pod/,
    );
    const job = (await app.api.invoke('jobs.list', {})).find((j) => j.kind === 'podPublish');
    await app.api.invoke('jobs.cancel', { id: job?.id ?? 0 });
    expect((await app.api.invoke('pod.publish', { videoId: id })).pod.state).toBe('queued');
  });
});

// A real encode (ffmpeg) sits in the middle: the wait for Pod is up to 120 s, not vitest's 30 s
// default, which a loaded machine passed.
describe('publish from the Library to Pod, end to end', { timeout: 180_000 }, () => {
  let clips: string;
  let clip: string;
  beforeAll(async () => {
    clips = makeTempDir();
    clip = await makeClip(clips, 'cours', {
      seconds: 3,
      width: 640,
      height: 360,
      audio: true,
      video: true,
      container: 'mp4',
    });
  });
  afterAll(() => removeTempDir(clips));

  it('mirrors 2,000 users, then a claimed recording becomes a draft video of its owner', async () => {
    sim = await startPodSimulator({ users: 2_000, encodingStepMs: 10 });
    open({ watch: true });
    await connect({
      ALLOW_MANUAL_RECORDING_CLAIMING: true,
      RECORDER_QUIET_SECONDS: 0,
      FFMPEG_PRESET: 'ultrafast',
    });
    expect((await app.api.invoke('pod.mirror', {})).counts.users).toBe(2_001);
    await app.api.invoke('recorders.create', { name: 'Amphi A', directory: 'amphi-a' });
    const folder = join(dir, 'recorders', 'amphi-a');
    mkdirSync(folder, { recursive: true });
    copyFileSync(clip, join(folder, 'cours.mp4'));
    const file = await until('the file to be claimable', async () => {
      await app.api.invoke('recorders.scan', {});
      return (await app.api.invoke('inbox.list', {})).find((f) => f.status === 'unclaimed');
    });
    await app.api.invoke('inbox.assign', {
      ids: [file.id],
      owner: 'u1234',
      title: 'Cours de physique',
    });
    const published = await until(
      'the video to reach Pod',
      async () => {
        const v = (await app.api.invoke('videos.list', {}))[0];
        return v && v.pod.state === 'encoding' ? v : undefined;
      },
      { timeoutMs: 120_000 },
    );
    const owner = sim.users.find((u) => u.username === 'u1234');
    expect(sim.videos).toHaveLength(1);
    expect(sim.videos[0]).toMatchObject({
      title: 'Cours de physique',
      ownerId: owner?.id,
      isDraft: true,
      fileName: 'cours.mp4',
    });
    expect(published.pod.videoId).toBe(sim.videos[0]?.id);
    // The source went to the archive once the video was verified (REGIE_SOURCE_AFTER_PUBLISH);
    // Pod got it from there, whole.
    expect(sim.videos[0]?.fileSize).toBe(statSync(clip).size);
    expect(existsSync(join(folder, 'cours.mp4'))).toBe(false);
  });
});
