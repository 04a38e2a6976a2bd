import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MigrationItemView } from '../../src-preload/contract';
import Database from 'better-sqlite3';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { findListedRecording, listRecordings } from '../../src-main/migration/listing';
import { manyRecordings, startBbbSimulator, type BbbSimulator } from '../helpers/bbbSimulator';
import { startPodSimulator } from '../helpers/podSimulator';
import { makeClip } from '../helpers/clips';
import { playerFrameRecording } from '../helpers/presentationServer';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';

/**
 * Issue #12 against the BBB simulator: the listing's stable order and positions, the plan, the
 * three modes, dry runs, and runs that are resumed or repeated (reference/pod-behaviour.md §3,
 * §8.3).
 */

let sim: BbbSimulator;
let dir: string;
let app: RegieApp;
let clips: string;
let clip: string;

beforeAll(async () => {
  clips = makeTempDir();
  clip = await makeClip(clips, 'bbb', {
    seconds: 2,
    width: 320,
    height: 180,
    audio: true,
    video: true,
    container: 'mp4',
  });
});
afterAll(() => removeTempDir(clips));
beforeEach(async () => {
  sim = await startBbbSimulator({ flavour: 'bbb-2.7' });
  dir = makeTempDir();
  app = createApp({ dataDir: dir });
});
afterEach(async () => {
  await app.close();
  await sim.close();
  removeTempDir(dir);
});

async function addServer() {
  const server = await app.api.invoke('bbbServers.add', {
    name: 'Ancien',
    url: sim.url,
    secret: sim.secret,
  });
  await app.api.invoke('bbbRecordings.mirror', { serverId: server.id });
  return server;
}

/** `count` recordings; the ones named in `video` get BBB's video format, served. */
function recordings(count: number, video: number[] = []) {
  sim.recordings = manyRecordings(sim.host, count);
  for (const i of video) {
    const r = sim.recordings[i];
    if (!r) continue;
    r.formats.push({
      type: 'video',
      url: `${sim.host}/playback/video/${r.recordId}/`,
      lengthMinutes: 0,
      sizeBytes: statSync(clip).size,
    });
    sim.videoFiles.set(r.recordId, clip);
  }
}

describe('listing and plan', () => {
  it('orders 3,000 recordings newest first, so positions 1 to 2 are the two most recent', async () => {
    recordings(3_000);
    const server = await addServer();
    const csvPath = join(dir, 'out.csv');
    const run = await app.api.invoke('migration.plan', {
      serverId: server.id,
      mode: 'export_csv',
      csvPath,
      dry: true,
    });
    expect(run.total).toBe(3_000);
    const items = await app.api.invoke('migration.items', { runId: run.id, limit: 3 });
    const newest = [...sim.recordings].sort((a, b) => b.startTime - a.startTime);
    expect(items.map((i) => i.recordId)).toEqual(newest.slice(0, 3).map((r) => r.recordId));

    // §3.7: Pod's columns, `;`, written in a dry run too.
    const lines = readFileSync(csvPath, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'meeting_name;recording_name;start_date;origin;origin_server_name;origin_version;origin_context;origin_id;origin_label;description;published;state;source_url',
    );
    expect(lines).toHaveLength(3_001);
    expect(lines[1]).toContain(';Moodle;moodle.univ.example;');

    // One recording read alone (a job's way) has the position the whole list gives it.
    const db = new Database(join(dir, 'regie.db'), { readonly: true });
    try {
      const listed = listRecordings(db, server.id);
      for (const r of [listed[0], listed[1_500], listed[2_999]])
        expect(findListedRecording(db, server.id, r?.recordId ?? '')?.position).toBe(r?.position);
    } finally {
      db.close();
    }

    const two = await app.api.invoke('migration.plan', {
      serverId: server.id,
      mode: 'export_csv',
      csvPath,
      min: 1,
      max: 2,
      dry: true,
    });
    expect(two.total).toBe(2);
    const again = await app.api.invoke('migration.items', { runId: two.id });
    expect(again.map((i) => i.recordId)).toEqual(newest.slice(0, 2).map((r) => r.recordId));
  });

  it('reads a Scalelite server whole (it ignores offset/limit) and plans the same way', async () => {
    await sim.close();
    sim = await startBbbSimulator({ flavour: 'scalelite' });
    recordings(1_200);
    const server = await addServer();
    const run = await app.api.invoke('migration.plan', {
      serverId: server.id,
      mode: 'export_csv',
      csvPath: join(dir, 'scalelite.csv'),
      min: 1_000,
      dry: true,
    });
    expect(run.total).toBe(201);
    const [first] = await app.api.invoke('migration.items', { runId: run.id, limit: 1 });
    expect(first?.position).toBe(1_000);
  });

  it('summarises the stored list, filters lines by action, and a run can be cancelled then resumed', async () => {
    recordings(6, [0]);
    const server = await addServer();
    const snapshot = await app.api.invoke('migration.snapshot', { serverId: server.id });
    expect(snapshot).toMatchObject({
      count: 6,
      states: [{ state: 'published', count: 6 }],
      originServers: [{ name: 'moodle.univ.example', count: 6 }],
    });
    expect(snapshot.refreshedAt).not.toBeNull();
    const recorder = await app.api.invoke('recorders.create', { name: 'M', directory: 'm' });
    const run = await app.api.invoke('migration.plan', {
      serverId: server.id,
      mode: 'manual_claim',
      recorderId: recorder.id,
    });
    const converts = await app.api.invoke('migration.items', { runId: run.id, action: 'convert' });
    expect(converts).toHaveLength(5);
    // The queue does not run here (no watch): the jobs wait, the cancel finds them waiting.
    await app.api.invoke('migration.start', { runId: run.id });
    const waiting = async () =>
      (await app.api.invoke('jobs.list', {})).filter(
        (j) => j.kind === 'migrationItem' && j.status === 'queued',
      ).length;
    expect(await waiting()).toBe(6);
    const cancelled = await app.api.invoke('migration.cancel', { runId: run.id });
    expect(cancelled).toMatchObject({ status: 'cancelled', byState: { planned: 6 } });
    expect(await waiting()).toBe(0);
    await app.api.invoke('migration.start', { runId: run.id });
    expect(await waiting()).toBe(6);
  });

  it('refuses a plan without what its mode needs, naming the fields', async () => {
    recordings(2);
    const server = await addServer();
    await expect(
      app.api.invoke('migration.plan', { serverId: server.id, mode: 'manual_claim' }),
    ).rejects.toThrow(/recorderId: choose the recorder/);
    await expect(
      app.api.invoke('migration.plan', { serverId: server.id, mode: 'import_video', admin: 'x' }),
    ).rejects.toThrow(/admin: name an existing user/);
  });
});

describe('manual claim', () => {
  async function prepare() {
    await app.api.invoke('settings.set', { key: 'BBB_CONVERT_SIZE', value: '640x360' });
    const recorder = await app.api.invoke('recorders.create', {
      name: 'Migration',
      directory: 'migration',
    });
    const server = await addServer();
    return { recorder, server };
  }
  const files = (recorderDir: string) =>
    existsSync(recorderDir)
      ? readdirSync(recorderDir)
          .filter((f) => !f.startsWith('.'))
          .sort()
      : [];

  it('downloads video playbacks, converts a presentation, names files by record id; a re-run adds nothing', async () => {
    recordings(3, [0, 2]);
    const presentationOnly = sim.recordings[1]?.recordId ?? '';
    sim.presentation.recordings.set(presentationOnly, playerFrameRecording('v27').folder);
    const { recorder, server } = await prepare();
    const options = { serverId: server.id, mode: 'manual_claim' as const, recorderId: recorder.id };

    const dry = await app.api.invoke('migration.plan', { ...options, dry: true });
    expect(dry.byAction).toEqual({ download: 2, convert: 1 });
    expect(files(recorder.dropPath)).toEqual([]);

    const run = await app.api.invoke('migration.plan', options);
    const lines: MigrationItemView[] = [];
    const done = await app.migrateNow(run.id, {
      signal: new AbortController().signal,
      concurrency: 2,
      onItem: (item) => lines.push(item),
    });
    expect(done.status, JSON.stringify(lines.map((l) => l.error))).toBe('done');
    const names = files(recorder.dropPath);
    expect(names).toHaveLength(3);
    for (const r of sim.recordings) expect(names.some((n) => n.includes(r.recordId))).toBe(true);
    expect(names.filter((n) => n.endsWith('.m4v'))).toHaveLength(2);
    expect(names.find((n) => n.includes(presentationOnly))).toMatch(/\.mp4$/);

    const rerun = await app.api.invoke('migration.plan', options);
    expect(rerun.byAction).toEqual({ skip: 3 });
    expect((await app.api.invoke('migration.items', { runId: rerun.id }))[0]?.reason.en).toMatch(
      /^already delivered: /,
    );
  }, 180_000);

  it('a run stopped half-way and run again ends with exactly the files of an uninterrupted one', async () => {
    recordings(4, [0, 1, 2, 3]);
    const { recorder, server } = await prepare();
    const options = { serverId: server.id, mode: 'manual_claim' as const, recorderId: recorder.id };
    const first = await app.api.invoke('migration.plan', options);
    const stop = new AbortController();
    await app.migrateNow(first.id, {
      signal: stop.signal,
      concurrency: 1,
      onItem: (item) => {
        if (item.state === 'done') stop.abort();
      },
    });
    const half = files(recorder.dropPath);
    expect(half.length).toBeGreaterThanOrEqual(1);
    expect(half.length).toBeLessThan(4);

    const second = await app.api.invoke('migration.plan', options);
    await app.migrateNow(second.id, {
      signal: new AbortController().signal,
      concurrency: 2,
      onItem: () => undefined,
    });
    const all = files(recorder.dropPath);
    expect(all).toHaveLength(4);
    expect(all).toEqual(
      sim.recordings
        .map((r) => all.find((n) => n.includes(r.recordId)) ?? `missing ${r.recordId}`)
        .sort(),
    );
    // Nothing left half-written beside them.
    expect(readdirSync(recorder.dropPath).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 120_000);
});

describe('import video', () => {
  it('one external recording per recording and owner, the admin when nobody is known; a re-run adds none', async () => {
    recordings(5);
    await app.api.invoke('users.create', { username: 'admin.bbb', firstName: 'A', lastName: 'B' });
    const server = await addServer();
    const options = { serverId: server.id, mode: 'import_video' as const, admin: 'admin.bbb' };

    const dry = await app.api.invoke('migration.plan', { ...options, dry: true });
    expect(dry.byAction).toEqual({ external: 5 });
    await expect(app.api.invoke('migration.start', { runId: dry.id })).rejects.toThrow(/dry run/);
    expect(await app.api.invoke('externalRecordings.list', {})).toEqual([]);

    const run = await app.api.invoke('migration.plan', options);
    const done = await app.api.invoke('migration.start', { runId: run.id });
    expect(done.status).toBe('done');
    const externals = await app.api.invoke('externalRecordings.list', {});
    expect(externals).toHaveLength(5);
    expect(externals.every((e) => e.ownerUsername === 'admin.bbb')).toBe(true);
    expect(externals[0]?.sourceUrl).toContain('/playback/presentation/2.3/');

    const rerun = await app.api.invoke('migration.plan', options);
    expect(rerun.byAction).toEqual({ skip: 5 });
    await app.api.invoke('migration.start', { runId: rerun.id });
    expect(await app.api.invoke('externalRecordings.list', {})).toHaveLength(5);
  });

  it("gives a recording made with Pod to the meeting's owner in Pod first (§3.6.2)", async () => {
    recordings(3);
    const pod = await startPodSimulator({ users: 5 });
    try {
      const owner = pod.users.find((u) => u.username === 'u3');
      pod.meetingSessions.push({
        id: 1,
        name: 'Cours avec Pod',
        meetingId: sim.recordings[1]?.meetingId ?? '',
        ownerId: owner?.id ?? 0,
        isWebinar: false,
        siteId: 1,
      });
      await app.api.invoke('settings.set', { key: 'POD_URL', value: pod.url });
      await app.api.invoke('settings.set', { key: 'POD_TOKEN', value: pod.staffToken });
      expect((await app.api.invoke('pod.mirror', {})).counts.meetings).toBe(1);
    } finally {
      await pod.close();
    }
    await app.api.invoke('users.create', { username: 'admin.bbb', firstName: 'A', lastName: 'B' });
    const server = await addServer();
    const run = await app.api.invoke('migration.plan', {
      serverId: server.id,
      mode: 'import_video',
      admin: 'admin.bbb',
      dry: true,
    });
    const items = await app.api.invoke('migration.items', { runId: run.id });
    const withPod = items.find((i) => i.recordId === sim.recordings[1]?.recordId);
    expect(withPod?.owners).toEqual(['u3']);
    expect(withPod?.reason.en).toBe("the meeting's owner in Pod (a BBB session made with Pod)");
    expect(items.filter((i) => i.owners[0] === 'admin.bbb')).toHaveLength(2);
  });

  it('publishes a chosen external recording to its owner: converted, then in the Library', async () => {
    await app.close();
    app = createApp({ dataDir: dir, watch: true });
    await app.api.invoke('settings.set', { key: 'FFMPEG_PRESET', value: 'ultrafast' });
    recordings(2, [0, 1]);
    await app.api.invoke('users.create', { username: 'admin.bbb', firstName: 'A', lastName: 'B' });
    const server = await addServer();
    const run = await app.api.invoke('migration.plan', {
      serverId: server.id,
      mode: 'import_video',
      admin: 'admin.bbb',
    });
    await app.api.invoke('migration.start', { runId: run.id });
    const [first] = await app.api.invoke('externalRecordings.list', {});
    await app.api.invoke('externalRecordings.publish', { ids: [first?.id ?? 0] });
    const video = await until(
      'the video in the Library',
      async () => (await app.api.invoke('videos.list', {}))[0],
      { timeoutMs: 120_000 },
    );
    expect(video).toMatchObject({ title: first?.name });
    const owner = (await app.api.invoke('users.list', {})).find((u) => u.username === 'admin.bbb');
    expect(video.ownerId).toBe(owner?.id);
    expect(
      (await app.api.invoke('externalRecordings.list', {})).find((e) => e.id === first?.id)?.state,
    ).toBe('published');
  }, 150_000);
});
