import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manyRecordings, startBbbSimulator, type BbbSimulator } from '../helpers/bbbSimulator';
import { isolatedEnv, repoRoot, runRegieAsync } from '../helpers/cli';
import { makeClip } from '../helpers/clips';
import { playerFrameRecording } from '../helpers/presentationServer';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

/** `regie migrate` with Pod's flags (issue #12 §8), as a technician's runbook calls it. */

let sim: BbbSimulator;
let dir: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;
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
  sim.recordings = manyRecordings(sim.host, 3);
  for (const r of sim.recordings) {
    r.formats.push({
      type: 'video',
      url: `${sim.host}/playback/video/${r.recordId}/`,
      lengthMinutes: 0,
      sizeBytes: statSync(clip).size,
    });
    sim.videoFiles.set(r.recordId, clip);
  }
  dir = makeTempDir();
  dataDir = join(dir, 'data');
  env = isolatedEnv(dir);
  const secret = join(dir, 'secret');
  writeFileSync(secret, sim.secret);
  await ok('bbb', 'server', 'add', '--name', 'Ancien', '--url', sim.url, '--secret-file', secret);
});
afterEach(async () => {
  await sim.close();
  removeTempDir(dir);
});

// The simulator runs in this process: the CLI must not block its event loop.
const regie = (...args: string[]) => runRegieAsync([...args, '--data', dataDir], env);
async function ok(...args: string[]) {
  const result = await regie(...args);
  if (result.code !== 0) throw new Error(`regie ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

// Each step is a CLI process (about a second each on a loaded machine), several per test.
describe('regie migrate', { timeout: 120_000 }, () => {
  it('--use_export_csv (as Pod spells it) --dry: Pod’s lines and the CSV, nothing else', async () => {
    const csv = join(dir, 'out.csv');
    const text = await ok('migrate', '--server', 'Ancien', '--use_export_csv', csv, '--dry');
    expect(text).toMatch(/^Simulation mode \('dry'\)\. Nothing will be achieved\.$/m);
    expect(text).toContain('***Total number of records: 3***');
    expect(text).toMatch(/^#1 ; Cours 2 — amphi 2,\d{4}-\d\d-\d\d,http/m);
    expect(readFileSync(csv, 'utf8').split('\r\n')[0]).toMatch(/^meeting_name;recording_name;/);
  });

  it('--use-manual-claim: the files in the recorder’s folder; run again, nothing new', async () => {
    await ok('recorder', 'add', '--name', 'Migration', '--directory', 'migration');
    const first = await ok(
      'migrate',
      '--server',
      'Ancien',
      '--use-manual-claim',
      '--recorder',
      'migration',
    );
    expect(first).toMatch(/^Use manual claim for recording #1 \S+$/m);
    expect(first).toMatch(/video playback: download video file into .*\.m4v\.\n {2}> done\./);
    const folder = join(dataDir, 'recorders', 'migration');
    expect(readdirSync(folder)).toHaveLength(3);

    const again = await ok(
      'migrate',
      '--server',
      'Ancien',
      '--use-manual-claim',
      '--recorder',
      'migration',
    );
    expect(again.match(/skipped: already delivered/g)).toHaveLength(3);
    expect(readdirSync(folder)).toHaveLength(3);
  });

  it('killed (SIGKILL) half-way, then run again: the same files as an uninterrupted run', async () => {
    for (const r of sim.recordings) {
      // Presentation only: a conversion of a few seconds each, time enough to kill it.
      r.formats = r.formats.filter((f) => f.type !== 'video');
      sim.presentation.recordings.set(r.recordId, playerFrameRecording('v27').folder);
    }
    await ok('recorder', 'add', '--name', 'Migration', '--directory', 'migration');
    await ok('settings', 'set', 'MIGRATION_CONCURRENCY', '1');
    await ok('settings', 'set', 'BBB_CONVERT_SIZE', '640x360');
    const args = ['migrate', '--server', 'Ancien', '--use-manual-claim', '--recorder', 'migration'];
    const child = spawn(process.execPath, ['bin/regie.js', ...args, '--data', dataDir], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: true,
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('> done.')) resolve();
      });
      void exited.then(() => reject(new Error(`regie migrate ended first:\n${out}`)));
    });
    // The whole group, its ffmpeg too, as when the machine loses power.
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    await exited;
    const folder = join(dataDir, 'recorders', 'migration');
    const visible = () =>
      readdirSync(folder)
        .filter((f) => !f.startsWith('.'))
        .sort();
    expect(visible().length).toBeGreaterThanOrEqual(1);
    expect(visible().length).toBeLessThan(3);

    const again = await ok(...args);
    expect(again).toContain('skipped: already delivered');
    expect(visible()).toHaveLength(3);
    for (const r of sim.recordings)
      expect(visible().some((f) => f.includes(r.recordId))).toBe(true);
    expect(readdirSync(folder).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 180_000);

  it('says what is missing with exit 2', async () => {
    let result = await regie(
      'migrate',
      '--server',
      'Ancien',
      '--use-manual-claim',
      '--use-import-video',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('choose one mode');
    result = await regie(
      'migrate',
      '--server',
      'Ancien',
      '--use-import-video',
      '--admin',
      'nobody',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--admin: name an existing user');
    result = await regie('migrate', '--server', 'Nowhere', '--use-export-csv', 'x.csv');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no BigBlueButton server named "Nowhere"');
  });
});
