import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statfsSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Job, Video } from '../../src-preload/contract';
import { isolatedEnv, repoRoot, runRegie } from '../helpers/cli';
import { makeClip } from '../helpers/clips';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';

/**
 * Issue #4 through the whole console, as an operator runs it: `regie serve` (a real process, with
 * its queue and ffmpeg), the CLI to claim and to read the queue. Covers what only the assembled
 * app can show: the renditions setting, a source that vanishes, a full disk, a killed console.
 */

let clips: string;
let clip720: string;
let dir: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let server: { child: ChildProcess; exited: Promise<unknown> } | undefined;

beforeAll(async () => {
  clips = makeTempDir();
  const base = { audio: true, video: true, container: 'mp4' } as const;
  clip720 = await makeClip(clips, 'cours', { ...base, width: 1280, height: 720, seconds: 8 });
});
afterAll(() => removeTempDir(clips));

beforeEach(() => {
  dir = makeTempDir();
  dataDir = join(dir, 'data');
  env = isolatedEnv(dir);
});
afterEach(async () => {
  await stopServer('SIGTERM');
  spawnSync('umount', ['-l', join(dir, 'small')]);
  removeTempDir(dir);
});

const regie = (...args: string[]): string => {
  const result = runRegie([...args, '--data', dataDir], env);
  if (result.code !== 0) throw new Error(`regie ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
};
const json = <T>(...args: string[]): T => JSON.parse(regie(...args, '--json')) as T;

/** A console ready to claim: a staff owner, the recorder Amphi A, claiming on, quick detection. */
function prepare(settings: Record<string, string> = {}): void {
  regie('user', 'add', 'marie.curie', '--first-name', 'Marie', '--last-name', 'Curie', '--staff');
  regie('recorder', 'add', '--name', 'Amphi A', '--directory', 'amphi-a');
  const all = {
    ALLOW_MANUAL_RECORDING_CLAIMING: 'true',
    RECORDER_QUIET_SECONDS: '0',
    FFMPEG_PRESET: 'ultrafast',
    ...settings,
  };
  for (const [key, value] of Object.entries(all)) regie('settings', 'set', key, value);
}

/** Drops a file in Amphi A's folder, scans, claims it for marie.curie; returns the source path. */
function dropAndClaim(name: string, from = clip720): string {
  const folder = join(dataDir, 'recorders', 'amphi-a');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  copyFileSync(from, path);
  regie('recorder', 'scan');
  const file = json<{ id: number; relPath: string }[]>('recordings', 'list').find(
    (f) => f.relPath === `amphi-a/${name}`,
  );
  if (!file) throw new Error(`${name} was not detected`);
  regie('recordings', 'claim', String(file.id), '--owner', 'marie.curie', '--title', name);
  return path;
}

/** `regie serve` in its own process group, so a SIGKILL takes its ffmpeg down with it. */
async function startServer(): Promise<void> {
  const child = spawn(
    process.execPath,
    ['bin/regie.js', 'serve', '--port', '0', '--no-open', '--json', '--data', dataDir],
    { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', () => resolve());
    void exited.then(() => reject(new Error(`regie serve exited: ${stderr}`)));
  });
  server = { child, exited };
}

async function stopServer(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  if (!server) return;
  const { child, exited } = server;
  server = undefined;
  if (child.exitCode === null && child.pid !== undefined) {
    // SIGKILL goes to the whole group, as when a machine loses power: no clean-up runs.
    if (signal === 'SIGKILL') process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGTERM');
  }
  await exited;
}

const jobs = () => json<Job[]>('jobs', 'list');
const finished = (job: Job | undefined) =>
  job && ['succeeded', 'failed', 'cancelled'].includes(job.status) ? job : undefined;
const libraryEntries = () =>
  existsSync(join(dataDir, 'library')) ? readdirSync(join(dataDir, 'library')) : [];

// Each step runs the real CLI and a real console with ffmpeg: its waits (until(), up to 120 s)
// outlast the default 30 s test timeout on a loaded machine, where a CLI call alone takes ~1 s.
describe('the library pipeline in a running console', { timeout: 180_000 }, () => {
  it('encodes the renditions of VIDEO_RENDITIONS, not a fixed list', async () => {
    prepare();
    const renditions = [
      {
        resolution: '426x240',
        minrate: '200k',
        video_bitrate: '400k',
        maxrate: '600k',
        audio_bitrate: '64k',
        encode_mp4: true,
        encoding_resolution_threshold: 0,
      },
      {
        resolution: '854x480',
        minrate: '500k',
        video_bitrate: '1000k',
        maxrate: '1500k',
        audio_bitrate: '96k',
        encode_mp4: false,
        encoding_resolution_threshold: 0,
      },
    ];
    regie('settings', 'set', 'VIDEO_RENDITIONS', JSON.stringify(renditions));
    dropAndClaim('renditions.mp4');
    await startServer();
    const job = await until('the encode', () => finished(jobs()[0]));
    expect(job.status, job.error?.en).toBe('succeeded');
    const [video] = json<Video[]>('videos', 'list');
    const files = readdirSync(join(dataDir, 'library', String(video?.id)));
    expect(files).toEqual(expect.arrayContaining(['240p.mp4', '240p.m3u8', '480p.m3u8']));
    expect(files).not.toContain('360p.mp4');
    expect(files).not.toContain('480p.mp4');
    const master = readFileSync(
      join(dataDir, 'library', String(video?.id), 'livestream.m3u8'),
      'utf8',
    );
    expect(master).toMatch(/RESOLUTION=426x240[\s\S]*240p\.m3u8/);
    expect(master).toMatch(/RESOLUTION=854x480[\s\S]*480p\.m3u8/);
  });

  it('refuses a bad VIDEO_RENDITIONS with the row and field named, and keeps the old value', () => {
    prepare();
    const bad = runRegie(
      ['settings', 'set', 'VIDEO_RENDITIONS', '[{"resolution":"720p"}]', '--data', dataDir],
      env,
    );
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/rendition 1: resolution "720p" is not WIDTHxHEIGHT/);
    const kept = json<{ key: string; isDefault: boolean }[]>('settings', 'get').find(
      (s) => s.key === 'VIDEO_RENDITIONS',
    );
    expect(kept?.isDefault).toBe(true);
  });

  it('a source deleted during its encode: the video is published, the journal says the source was gone', async () => {
    prepare({ FFMPEG_PRESET: 'veryslow' });
    const source = dropAndClaim('disparu.mp4');
    await startServer();
    // Progress is reported once ffmpeg has the file open.
    await until('the encode to be under way', () =>
      jobs().find((j) => j.status === 'running' && (j.percent ?? 0) > 0),
    );
    spawnSync('rm', ['-f', source]);
    const job = await until('the encode', () => finished(jobs()[0]), { timeoutMs: 120_000 });
    // ffmpeg holds the file open: what it read is whole, and verification proves it.
    expect(job.status, job.error?.en).toBe('succeeded');
    const journal = json<{ kind: string; text: { en: string } }[]>('journal');
    expect(journal.find((e) => e.kind === 'recordings.sourceGone')?.text.en).toMatch(
      /was already gone .* nothing to archive/,
    );
  });

  it('a source deleted before its encode starts: the job fails naming the missing file', async () => {
    prepare();
    const source = dropAndClaim('parti.mp4');
    spawnSync('rm', ['-f', source]);
    await startServer();
    const job = await until('the encode', () => finished(jobs()[0]));
    expect(job.status).toBe('failed');
    expect(job.error?.en).toMatch(/parti\.mp4.*(does not exist|disappeared)/);
    expect(job.error?.fr).toMatch(/parti\.mp4.*(n'existe pas|a disparu)/);
  });

  it('a source cut short during its encode: the job fails verification, no video, no partial file', async () => {
    prepare({ FFMPEG_PRESET: 'veryslow' });
    const source = dropAndClaim('coupe.mp4');
    await startServer();
    await until('the encode to start', () =>
      jobs().find((j) => j.status === 'running' && j.phase === 'encode'),
    );
    // A network share whose file is replaced or cut: the rest of the bytes are gone.
    truncateSync(source, 200_000);
    const job = await until('the encode', () => finished(jobs()[0]), { timeoutMs: 120_000 });
    expect(job.status).toBe('failed');
    // Where the cut lands decides the words: the encode's check (duration, verification), or,
    // when the next ffmpeg of the job opens the cut file, ffmpeg's own "Invalid data" (seen
    // once in a fresh-clone CI run). Either way the job fails and nothing is kept.
    expect(job.error?.en).toMatch(
      /ffmpeg failed|verification|duration|ffmpeg exited .*Invalid data/i,
    );
    expect(json<Video[]>('videos', 'list')).toEqual([]);
    for (const entry of libraryEntries()) {
      expect(readdirSync(join(dataDir, 'library', entry))).toEqual([]);
    }
  });

  it('a full disk: the job fails saying so, nothing partial is kept, the source is intact', async (ctx) => {
    // The data folder on a small tmpfs, filled up once the source is in: 1 MB stays free, room
    // for the database, not for the outputs.
    const small = join(dir, 'small');
    mkdirSync(small);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=40m', 'tmpfs', small]);
    if (mounted.status !== 0) ctx.skip(`mounting a tmpfs needs root: ${String(mounted.stderr)}`);
    dataDir = join(small, 'data');
    prepare({ REGIE_MIN_FREE_MB: '0' });
    const source = dropAndClaim('plein.mp4');
    const { bavail, bsize } = statfsSync(small);
    writeFileSync(join(small, 'filler'), Buffer.alloc(bavail * bsize - 1_000_000));
    const before = readFileSync(source);
    await startServer();
    const job = await until('the encode', () => finished(jobs()[0]), { timeoutMs: 120_000 });
    expect(job.status).toBe('failed');
    expect(job.error?.en).toMatch(/is full: the encode could not write its outputs/);
    expect(job.error?.fr).toMatch(/est plein/);
    expect(readFileSync(source).equals(before)).toBe(true);
    for (const entry of libraryEntries()) {
      expect(readdirSync(join(dataDir, 'library', entry))).toEqual([]);
    }
  });

  it('refuses to start an encode below REGIE_MIN_FREE_MB, naming the folder and the figures', async () => {
    prepare({ REGIE_MIN_FREE_MB: String(1_000_000_000) });
    dropAndClaim('place.mp4');
    await startServer();
    const job = await until('the refusal', () => finished(jobs()[0]));
    expect(job.status).toBe('failed');
    expect(job.error?.en).toMatch(/Not enough free disk space in .*work.* bytes\) needed/);
  });

  it('a console killed during an encode: the job is interrupted, re-runs after restart, one video, no leftovers', async () => {
    prepare({ FFMPEG_PRESET: 'veryslow' });
    const source = dropAndClaim('coupure.mp4');
    await startServer();
    await until('the encode to be under way', () =>
      jobs().find((j) => j.status === 'running' && (j.percent ?? 0) > 0),
    );
    await stopServer('SIGKILL');
    expect(jobs()[0]?.status).toBe('running');
    regie('settings', 'set', 'FFMPEG_PRESET', 'ultrafast');
    await startServer();
    const job = await until('the re-run', () => finished(jobs()[0]), { timeoutMs: 120_000 });
    expect(job.status, job.error?.en).toBe('succeeded');
    expect(job.attempts).toBe(2);
    const videos = json<Video[]>('videos', 'list');
    expect(videos).toHaveLength(1);
    const files = readdirSync(join(dataDir, 'library', String(videos[0]?.id)));
    expect(files.filter((f) => f.startsWith('.'))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['360p.mp4', '720p.mp4', 'livestream.m3u8']));
    // Archived only after the verified publication.
    expect(existsSync(source)).toBe(false);
    expect(readdirSync(join(dataDir, 'archive'), { recursive: true }).join(' ')).toMatch(
      /coupure\.mp4/,
    );
  });
});
