import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileStatus, MediaSummary } from '../../src-preload/contract';
import { bi } from '../../src-main/ground/errors';
import { openDatabase, type Db } from '../../src-main/db/open';
import {
  createRecorderFilesRepository,
  type RecorderFilesRepository,
  type StoredFile,
} from '../../src-main/drop/recorderFilesRepository';
import {
  createDropTracker,
  type DropTracker,
  type VerifyResult,
} from '../../src-main/drop/tracker';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';

// The tracker alone, on a real database (the schema the app migrates to) with an injected clock
// and a fake disk: what it does is decided by what it observes and when, nothing else.

const QUIET_MS = 5000;
const ORIGIN = 'local';
const REL = 'amphi-a/cours.mp4';
const PATH = '/drop/amphi-a/cours.mp4';
const media: MediaSummary = {
  durationS: 12.5,
  width: 1280,
  height: 720,
  videoCodec: 'h264',
  audioCodec: 'aac',
};

describe('drop tracker: when is a file complete', () => {
  let dir: string;
  let db: Db;
  let repo: RecorderFilesRepository;
  let clock: number;
  /** The fake disk: what restat reads. */
  let disk: Map<string, { size: number; mtimeMs: number }>;
  let verified: { size: number; at: number }[];
  let routed: { id: number; size: number; media: MediaSummary | null; at: number }[];
  let changed: { id: number; status: FileStatus; size: number }[];
  let errors: unknown[];
  let verifyResult: (file: StoredFile) => VerifyResult;
  let duringVerify: () => void;
  /** Holds every check until it resolves (a slow ffprobe). */
  let verifyGate: Promise<void>;

  beforeEach(() => {
    dir = makeTempDir();
    db = openDatabase({ file: join(dir, 'regie.db') }).db;
    repo = createRecorderFilesRepository(db);
    clock = 1_000_000;
    disk = new Map();
    verified = [];
    routed = [];
    changed = [];
    errors = [];
    verifyResult = () => ({ ok: true, media });
    duringVerify = () => undefined;
    verifyGate = Promise.resolve();
  });
  afterEach(() => {
    db.close();
    removeTempDir(dir);
    // A check or a route that threw is reported through onError, never silently.
    expect(errors).toEqual([]);
  });

  /** A tracker as the drop service wires it; route does what the router does for a known recorder. */
  const newTracker = (): DropTracker =>
    createDropTracker({
      repo,
      now: () => clock,
      quietMs: () => QUIET_MS,
      verify: async (file) => {
        verified.push({ size: file.size, at: clock });
        duringVerify();
        await verifyGate;
        return verifyResult(file);
      },
      route: (file) => {
        routed.push({ id: file.id, size: file.size, media: file.media, at: clock });
        repo.update(file.id, { status: 'unclaimed' }, new Date(clock).toISOString());
        return Promise.resolve();
      },
      restat: (file) => disk.get(file.localPath) ?? null,
      changed: (file) => changed.push({ id: file.id, status: file.status, size: file.size }),
      onError: (error) => errors.push(error),
    });

  const write = (size: number, mtimeMs = clock) => disk.set(PATH, { size, mtimeMs });
  /** What a rescan does: observe the file as the disk shows it, with the stored row. */
  const rescan = (tracker: DropTracker) => {
    const seen = disk.get(PATH);
    if (!seen) throw new Error('nothing on disk');
    return tracker.observe(ORIGIN, { relPath: REL, ...seen }, PATH, repo.snapshot(ORIGIN).get(REL));
  };
  const at = async (tracker: DropTracker, ms: number) => {
    clock = ms;
    await tracker.tick();
  };
  const stored = () => {
    const file = repo.byPath(ORIGIN, REL);
    if (!file) throw new Error(`${REL} not stored`);
    return file;
  };

  it('does not settle a growing file until its size and date have been still for the quiet period', async () => {
    const tracker = newTracker();
    const t0 = clock;
    write(100);
    expect(rescan(tracker)).toBe(true);
    expect(stored()).toMatchObject({ status: 'incomplete', size: 100 });

    // It grows 3 s later: the quiet period starts again from when Régie sees the change.
    write(200, t0 + 3000);
    await at(tracker, t0 + 3000);
    expect(stored()).toMatchObject({ status: 'incomplete', size: 200 });
    await at(tracker, t0 + 5000);
    await at(tracker, t0 + 3000 + QUIET_MS - 1);
    expect(verified).toEqual([]);
    expect(routed).toEqual([]);

    await at(tracker, t0 + 3000 + QUIET_MS);
    expect(verified).toEqual([{ size: 200, at: t0 + 3000 + QUIET_MS }]);
    expect(routed).toEqual([{ id: stored().id, size: 200, media, at: t0 + 3000 + QUIET_MS }]);
    expect(stored()).toMatchObject({ status: 'unclaimed', media });
    expect(stored().detectedAt).toBe(new Date(t0 + 3000 + QUIET_MS).toISOString());

    // Settled once: later ticks and passes do nothing more.
    await at(tracker, t0 + 60_000);
    expect(rescan(tracker)).toBe(false);
    await at(tracker, t0 + 120_000);
    expect(verified).toHaveLength(1);
    expect(routed).toHaveLength(1);
    expect(changed.map((c) => [c.status, c.size])).toEqual([
      ['incomplete', 100],
      ['incomplete', 200],
    ]);
    expect(errors).toEqual([]);
  });

  it('a check cut short by quitting gives no verdict: the next start checks the file again', async () => {
    const tracker = newTracker();
    const t0 = clock;
    write(100);
    rescan(tracker);
    let release: () => void = () => undefined;
    verifyGate = new Promise((resolve) => (release = resolve));
    clock = t0 + QUIET_MS;
    const ticked = tracker.tick();
    await until('the check under way', () => (verified.length === 1 ? true : undefined), {
      everyMs: 1,
    });

    // Quitting kills ffprobe: what it says then is about the kill, not the file.
    const idle = tracker.idle();
    verifyResult = () => ({ ok: false, reason: bi('killed by SIGTERM', 'tué par SIGTERM') });
    release();
    await Promise.all([idle, ticked]);
    expect(stored()).toMatchObject({ status: 'incomplete', reason: null });
    expect(routed).toEqual([]);

    verifyResult = () => ({ ok: true, media });
    const next = newTracker();
    expect(rescan(next)).toBe(false);
    await at(next, t0 + 2 * QUIET_MS);
    expect(routed).toEqual([{ id: stored().id, size: 100, media, at: t0 + 2 * QUIET_MS }]);
  });

  it('counts only the mtime too: same size, new date is a change', async () => {
    const tracker = newTracker();
    const t0 = clock;
    write(100, t0);
    rescan(tracker);
    write(100, t0 + 4000);
    await at(tracker, t0 + 4000);
    await at(tracker, t0 + QUIET_MS);
    expect(verified).toEqual([]);
    await at(tracker, t0 + 4000 + QUIET_MS);
    expect(verified).toHaveLength(1);
  });

  it('does not route a file that grew while it was being checked; it waits again', async () => {
    const tracker = newTracker();
    const t0 = clock;
    write(100);
    rescan(tracker);
    duringVerify = () => {
      write(150, clock);
      duringVerify = () => undefined;
    };
    await at(tracker, t0 + QUIET_MS);
    expect(verified).toEqual([{ size: 100, at: t0 + QUIET_MS }]);
    expect(routed).toEqual([]);
    expect(stored()).toMatchObject({ status: 'incomplete', size: 150 });
    expect(tracker.pendingCount()).toBe(1);

    await at(tracker, t0 + 2 * QUIET_MS - 1);
    expect(routed).toEqual([]);
    await at(tracker, t0 + 2 * QUIET_MS);
    expect(routed.map((r) => r.size)).toEqual([150]);
  });

  it('after a restart (new tracker, same database) re-watches an incomplete file from when it is seen again', async () => {
    const first = newTracker();
    const t0 = clock;
    write(100);
    rescan(first);
    await at(first, t0 + 2000);
    expect(stored().status).toBe('incomplete');

    // Régie stops here and starts again much later; the upload has not changed meanwhile.
    const second = newTracker();
    clock = t0 + 3_600_000;
    expect(second.pendingCount()).toBe(0);
    await second.tick();
    expect(verified).toEqual([]);

    // The first pass after start finds it: it is not new, but it is watched again, from now,
    // never judged complete because its stored date is old.
    const restartedAt = clock;
    expect(rescan(second)).toBe(false);
    expect(second.pendingCount()).toBe(1);
    expect(stored()).toMatchObject({ status: 'incomplete', size: 100 });
    await at(second, restartedAt + QUIET_MS - 1);
    expect(verified).toEqual([]);
    await at(second, restartedAt + QUIET_MS);
    expect(routed.map((r) => [r.size, r.at])).toEqual([[100, restartedAt + QUIET_MS]]);
    expect(stored().status).toBe('unclaimed');
  });

  it('puts an offered file that changes back to incomplete, then offers it again once quiet', async () => {
    const tracker = newTracker();
    const t0 = clock;
    write(100);
    rescan(tracker);
    await at(tracker, t0 + QUIET_MS);
    expect(stored()).toMatchObject({ status: 'unclaimed', media });

    // The recorder uploads the same name again.
    write(300, t0 + 10_000);
    clock = t0 + 10_000;
    expect(rescan(tracker)).toBe(false);
    expect(stored()).toMatchObject({
      status: 'incomplete',
      size: 300,
      reason: null,
      media: null,
      detectedAt: null,
    });
    expect(changed.at(-1)).toEqual({ id: stored().id, status: 'incomplete', size: 300 });
    await at(tracker, t0 + 10_000 + QUIET_MS - 1);
    expect(routed).toHaveLength(1);
    await at(tracker, t0 + 10_000 + QUIET_MS);
    expect(routed.map((r) => r.size)).toEqual([100, 300]);
    expect(stored()).toMatchObject({ status: 'unclaimed', size: 300, media });
  });

  it('reports a file that does not open as invalid, and checks it again when it changes', async () => {
    const tracker = newTracker();
    const t0 = clock;
    verifyResult = () => ({ ok: false, reason: bi('moov atom not found', 'atome moov absent') });
    write(100);
    rescan(tracker);
    await at(tracker, t0 + QUIET_MS);
    expect(stored()).toMatchObject({ status: 'invalid', reason: { en: 'moov atom not found' } });
    expect(routed).toEqual([]);

    verifyResult = () => ({ ok: true, media });
    write(400, t0 + 20_000);
    clock = t0 + 20_000;
    rescan(tracker);
    expect(stored()).toMatchObject({ status: 'incomplete', reason: null });
    await at(tracker, t0 + 20_000 + QUIET_MS);
    expect(stored()).toMatchObject({ status: 'unclaimed', size: 400 });
  });

  it('leaves a claimed file alone when the folder copy changes', async () => {
    const tracker = newTracker();
    const t0 = clock;
    write(100);
    rescan(tracker);
    await at(tracker, t0 + QUIET_MS);
    repo.update(stored().id, { status: 'queued' }, new Date(clock).toISOString());

    write(999, t0 + 10_000);
    clock = t0 + 10_000;
    rescan(tracker);
    expect(stored()).toMatchObject({ status: 'queued', size: 100 });
    expect(tracker.pendingCount()).toBe(0);
  });

  it('marks files that vanish as deleted, with a reason: while pending, and once offered', async () => {
    const tracker = newTracker();
    const t0 = clock;
    write(100);
    rescan(tracker);
    const pendingId = stored().id;
    disk.delete(PATH);
    await at(tracker, t0 + 1000);
    expect(repo.byId(pendingId)).toMatchObject({
      status: 'deleted',
      reason: { en: 'Removed from the drop folder outside Régie' },
    });
    expect(tracker.pendingCount()).toBe(0);
    await at(tracker, t0 + QUIET_MS + 1000);
    expect(verified).toEqual([]);

    // An offered file is no longer polled by the tick: the rescan reports it gone.
    const other = tracker.observe(
      ORIGIN,
      { relPath: 'amphi-a/autre.mp4', size: 50, mtimeMs: clock },
      '/drop/amphi-a/autre.mp4',
    );
    expect(other).toBe(true);
    disk.set('/drop/amphi-a/autre.mp4', { size: 50, mtimeMs: clock });
    await at(tracker, clock + QUIET_MS);
    const offered = repo.byPath(ORIGIN, 'amphi-a/autre.mp4');
    expect(offered?.status).toBe('unclaimed');
    tracker.vanished([offered?.id ?? 0]);
    expect(repo.byId(offered?.id ?? 0)).toMatchObject({
      status: 'deleted',
      reason: { fr: 'Retiré du dossier de dépôt en dehors de Régie' },
    });
    expect(changed.filter((c) => c.status === 'deleted').map((c) => c.id)).toEqual([
      pendingId,
      offered?.id,
    ]);
    expect(tracker.isOpen('deleted')).toBe(false);
  });
});
