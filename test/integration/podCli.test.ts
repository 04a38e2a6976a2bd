import { spawn } from 'node:child_process';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PodMirrorReport, PodTestReport, Video } from '../../src-preload/contract';
import { isolatedEnv, repoRoot, runRegieAsync } from '../helpers/cli';
import { startPodSimulator, type PodSimulator } from '../helpers/podSimulator';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

/** `regie pod test | mirror | publish | status` (issue #11 §6), as a technician runs them. */

let sim: PodSimulator;
let dir: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  sim = await startPodSimulator({ users: 30, encodingStepMs: 10 });
  dir = makeTempDir();
  dataDir = join(dir, 'data');
  env = isolatedEnv(dir);
});
afterEach(async () => {
  await sim.close();
  removeTempDir(dir);
});

// The simulator runs in this process: the CLI must not block its event loop.
const regie = (...args: string[]) => runRegieAsync([...args, '--data', dataDir], env);
const ok = async (...args: string[]) => {
  const result = await regie(...args);
  if (result.code !== 0) throw new Error(`regie ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
};
const json = async <T>(...args: string[]): Promise<T> =>
  JSON.parse(await ok(...args, '--json')) as T;

async function connect(token = sim.staffToken) {
  await ok('settings', 'set', 'POD_URL', sim.url);
  await ok('settings', 'set', 'POD_TOKEN', token);
  await ok('settings', 'set', 'POD_ENCODING_POLL_SECONDS', '1');
}

// Each step is a CLI process (about a second each on a loaded machine), several per test.
describe('regie pod', { timeout: 120_000 }, () => {
  it('test: a table of checks; a refused token exits 1 with the reason in one line', async () => {
    await connect();
    const text = await ok('pod', 'test');
    expect(text).toMatch(/^check\s+ok\s+detail/m);
    expect(text).toMatch(/^staff\s+yes\s+/m);
    expect((await json<PodTestReport>('pod', 'test')).ok).toBe(true);

    await ok('settings', 'set', 'POD_TOKEN', 'z'.repeat(40));
    const refused = await regie('pod', 'test');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^token\s+NO\s+/m);
    expect(refused.stderr).toMatch(/^regie: The token is refused \(« Token non valide\. »\)/);
    expect(refused.stderr).not.toMatch(/at .*\.js/); // no stack without --debug
  });

  it('says what to set first when Pod is not configured', async () => {
    const result = await regie('pod', 'mirror');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Set POD_URL and POD_TOKEN');
  });

  it('mirror, then publish a Library video as a draft and wait for Pod to encode it', async () => {
    await connect();
    const mirror = await json<PodMirrorReport>('pod', 'mirror');
    expect(mirror.counts.users).toBe(31);
    expect(await ok('pod', 'mirror')).toMatch(/users 31 \(0 new, 0 updated, 0 adopted\)/);

    const id = seedVideo('u8');
    const published = await regie('pod', 'publish', String(id), '--wait', '--json');
    expect(published.code).toBe(0);
    const video = JSON.parse(published.stdout) as Video;
    expect(video.pod).toMatchObject({ state: 'encoded', isDraft: true });
    expect(published.stderr).toContain('upload 100 %');
    expect(sim.videos).toHaveLength(1);

    expect(await ok('pod', 'status', String(id))).toMatch(
      new RegExp(
        `^Video ${String(id)} "Cours": encoded \\(Pod id \\d+\\), draft, step "0: end of encoding" http`,
      ),
    );
    expect(await ok('videos', 'list', '--not-in-pod')).toBe('Every video is in Pod.\n');
    const again = await regie('pod', 'publish', String(id));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is already in Pod');
  });

  it('publish killed mid-upload, then run again: exactly one video in Pod', async () => {
    await connect();
    await ok('pod', 'mirror');
    const id = seedVideo('u3', 400_000_000); // sparse: reads as zeros, takes no disk
    const child = spawn(
      process.execPath,
      ['bin/regie.js', 'pod', 'publish', String(id), '--data', dataDir],
      { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        if (/upload [1-9]\d* %/.test(chunk.toString('utf8'))) resolve();
      });
      void exited.then(() => reject(new Error('regie pod publish ended before the upload')));
    });
    child.kill('SIGKILL');
    await exited;
    expect(sim.videos).toHaveLength(0);

    const again = await regie('pod', 'publish', String(id), '--json');
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as Video).pod.state).toBe('encoding');
    expect(sim.videos).toHaveLength(1);
    expect(sim.videos[0]?.fileSize).toBe(400_000_000);
  });

  it('refuses a bad VIDEO_ID with exit 2', async () => {
    const result = await regie('pod', 'status', 'abc');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('VIDEO_ID must be a video id');
  });
});

/** A verified Library video, as the encode job leaves it (see podConnector.test.ts). */
function seedVideo(owner: string, bytes = 1_500_000): number {
  const db = new Database(join(dataDir, 'regie.db'));
  try {
    const ownerId = (
      db.prepare('SELECT id FROM users WHERE username = ?').get(owner) as { id: number }
    ).id;
    const videoDir = join(dataDir, 'library', '1');
    mkdirSync(videoDir, { recursive: true });
    const source = join(dir, 'cours.mp4');
    writeFileSync(source, '');
    truncateSync(source, bytes);
    db.prepare(
      `INSERT INTO videos (id, owner_id, title, video_type_id, duration_s, is_video, dir,
         renditions_json, source_path, created_at, updated_at)
       VALUES (1, ?, 'Cours', 1, 8, 1, ?, '[]', ?, '2026-03-02T10:00:00Z', '2026-03-02T10:00:00Z')`,
    ).run(ownerId, videoDir, source);
    return 1;
  } finally {
    db.close();
  }
}
