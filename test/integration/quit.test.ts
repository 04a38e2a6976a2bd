import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Job } from '../../src-preload/contract';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { liveChildren } from '../../src-main/media/children';
import { addUser } from '../helpers/app';
import { makeClip } from '../helpers/clips';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';

/**
 * A normal quit (issue #9 §7): `await app.close()` stops every program Régie started and records
 * the running job as interrupted by the quit, not left by a crash; the next start runs it again.
 * A stand-in ffmpeg makes "an encode under way" deterministic: it reports a quarter of the source
 * done at 2× and then waits to be stopped. The same run shows the encode's ETA (§5).
 */
const fakeFfmpeg = `#!/bin/sh
if [ "$1" = "-version" ]; then echo "ffmpeg version 6.0-stand-in"; exit 0; fi
printf 'out_time_us=1000000\\nspeed=2.00x\\nprogress=continue\\n'
exec sleep 600
`;

let clips: string;
let clip: string;
let dir: string;
let dataDir: string;
let app: RegieApp | undefined;

beforeAll(async () => {
  clips = makeTempDir();
  clip = await makeClip(clips, 'cours', {
    width: 320,
    height: 240,
    seconds: 4,
    audio: true,
    video: true,
    container: 'mp4',
  });
});
afterAll(() => removeTempDir(clips));

beforeEach(() => {
  dir = makeTempDir();
  dataDir = join(dir, 'data');
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  removeTempDir(dir);
});

const open = (watch: boolean) => {
  app = createApp({ dataDir, watch });
  return app.api;
};
const reopen = async (watch: boolean) => {
  await app?.close();
  return open(watch);
};
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A claimed recording whose encode job is queued, with the stand-in ffmpeg set. */
async function queuedEncode(): Promise<Job> {
  const api = open(false);
  const ffmpeg = join(dir, 'ffmpeg');
  writeFileSync(ffmpeg, fakeFfmpeg);
  chmodSync(ffmpeg, 0o755);
  for (const [key, value] of Object.entries({
    FFMPEG_CMD: ffmpeg,
    FFMPEG_PRESET: 'ultrafast',
    REGIE_MIN_FREE_MB: 0,
    RECORDER_QUIET_SECONDS: 0,
    ALLOW_MANUAL_RECORDING_CLAIMING: true,
  }))
    await api.invoke('settings.set', { key, value });
  await addUser(app as RegieApp, 'prof', { isStaff: true });
  await api.invoke('recorders.create', { name: 'Amphi A', directory: 'amphi-a' });
  mkdirSync(join(dataDir, 'recorders', 'amphi-a'), { recursive: true });
  copyFileSync(clip, join(dataDir, 'recorders', 'amphi-a', 'cours.mp4'));
  await api.invoke('recorders.scan', {});
  const [file] = await api.invoke('inbox.list', {});
  await api.invoke('inbox.assign', { ids: [file?.id ?? 0], owner: 'prof' });
  const [job] = await api.invoke('jobs.list', {});
  if (!job) throw new Error('no job queued');
  return job;
}

describe('quitting (issue #9 §7)', () => {
  it('stops every child, records the running job as interrupted by the quit, and runs it at the next start', async () => {
    const queued = await queuedEncode();
    const api = await reopen(true);

    const encoding = await until('the encode under way', async () =>
      (await api.invoke('jobs.list', {})).find((j) => j.id === queued.id && j.etaS !== null),
    );
    // §5: the ETA comes from the probed duration: a quarter done at 2× leaves ¾ of it / 2.
    const probed = Number(
      execFileSync(
        'ffprobe',
        ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', clip],
        {
          encoding: 'utf8',
        },
      ),
    );
    expect(encoding).toMatchObject({
      status: 'running',
      phase: 'encode',
      percent: expect.closeTo(25, 0),
    });
    expect(encoding.etaS).toBeCloseTo((probed * 0.75) / 2, 1);

    const children = liveChildren();
    expect(children.length).toBeGreaterThan(0);
    await app?.close();
    expect(liveChildren()).toEqual([]);
    expect(children.filter(isAlive)).toEqual([]);

    const after = await reopen(false);
    const [stopped] = await after.invoke('jobs.list', {});
    expect(stopped).toMatchObject({ id: queued.id, status: 'interrupted' });
    expect(stopped?.error?.en).toMatch(/^Interrupted \(quit\)/);
    expect(stopped?.error?.fr).toMatch(/^Interrompue \(arrêt\)/);
    // The source is untouched: it is moved only once a video is verified.
    expect(existsSync(join(dataDir, 'recorders', 'amphi-a', 'cours.mp4'))).toBe(true);

    await after.invoke('settings.reset', { key: 'FFMPEG_CMD' });
    const again = await reopen(true);
    const done = await until('the job run again', async () => {
      const job = (await again.invoke('jobs.list', {})).find((j) => j.id === queued.id);
      return job?.status === 'succeeded' || job?.status === 'failed' ? job : undefined;
    });
    expect(done, JSON.stringify(done.error)).toMatchObject({ status: 'succeeded', attempts: 2 });
    const [recovered] = (await again.invoke('journal.list', {})).filter(
      (e) => e.kind === 'jobs.recovered',
    );
    expect(recovered?.text.en).toMatch(/\(0 left running by a crash\)/);
  });
});
