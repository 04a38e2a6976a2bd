import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openDatabase, type Db } from '../../src-main/db/open';
import { createJobQueue, type Job, type JobQueue } from '../../src-main/jobs';
import { bundleScript } from '../helpers/bundle';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

/**
 * A separate Régie process running the real queue: it starts a job whose handler hangs, says so
 * on stdout, and is then killed with SIGKILL, leaving the row `running` as a crash would.
 */
const childSource = `
import { openDatabase } from './src-main/db/open';
import { createJobQueue } from './src-main/jobs';

const [file, workDir] = process.argv.slice(2);
const { db } = openDatabase({ file });
const queue = createJobQueue({
  db,
  now: () => new Date(),
  concurrency: () => 1,
  workDir,
  minFreeBytes: () => 0,
  events: { changed() {}, progressed() {} },
  handlers: {
    encode: async (ctx) => {
      ctx.recordCommand('ffmpeg -i in.mp4 out.mp4');
      ctx.progress({ phase: 'encode', percent: 12 });
      process.stdout.write('running ' + String(ctx.job.id) + '\\n');
      await new Promise(() => {});
    },
  },
});
await queue.start();
await queue.enqueue('encode', 'recording:12', { source: 'in.mp4' });
setInterval(() => {}, 1000);
`;

let dir: string;
let db: Db | undefined;
let child: ChildProcess | undefined;
let queue: JobQueue | undefined;

beforeEach(() => {
  dir = makeTempDir();
});

afterEach(async () => {
  child?.kill('SIGKILL');
  await queue?.stop();
  db?.close();
  removeTempDir(dir);
});

describe('job queue: crash recovery', () => {
  it('a job left running by a killed process is marked interrupted and re-run', async () => {
    const script = join(dir, 'crashing-regie.mjs');
    await bundleScript(childSource, script);
    const file = join(dir, 'regie.db');
    const workDir = join(dir, 'work');

    const crashing = spawn(process.execPath, [script, file, workDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = crashing;
    let stderr = '';
    crashing.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      crashing.once('exit', (_code, signal) => resolve(signal)),
    );
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: crashing.stdout }).once('line', resolve);
      void exited.then(() => reject(new Error(`the child exited early: ${stderr}`)));
    });
    expect(line).toMatch(/^running \d+$/);
    const id = Number(line.split(' ')[1]);

    crashing.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    db = openDatabase({ file }).db;
    const left = db.prepare('SELECT status, phase, commands_json FROM jobs WHERE id = ?').get(id);
    expect(left).toEqual({
      status: 'running',
      phase: 'encode',
      commands_json: JSON.stringify(['ffmpeg -i in.mp4 out.mp4']),
    });

    const changes: Job[] = [];
    const payloads: unknown[] = [];
    queue = createJobQueue({
      db,
      now: () => new Date(),
      concurrency: () => 1,
      workDir,
      minFreeBytes: () => 0,
      events: { changed: (job) => changes.push(job), progressed: () => {} },
      handlers: {
        encode: ({ job, progress }) => {
          payloads.push(job.payload);
          progress({ phase: 'verify', percent: 100 });
          return Promise.resolve();
        },
      },
    });
    const result = await queue.start();

    expect(result.recovered).toEqual([
      { id, kind: 'encode', subject: 'recording:12', cause: 'crash', phase: 'encode' },
    ]);
    expect(result.text?.en).toBe(
      `1 interrupted job queued again (1 left running by a crash): #${String(id)} encode recording:12.`,
    );
    expect(result.text?.fr).toContain(`#${String(id)} encode recording:12`);
    while (changes.at(-1)?.status !== 'succeeded') {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const interrupted = changes.find((job) => job.status === 'interrupted');
    expect(interrupted?.error?.en).toContain('Régie stopped without finishing this job');
    expect(changes.map((job) => job.status)).toEqual([
      'interrupted',
      'queued',
      'running',
      'succeeded',
    ]);
    expect(payloads).toEqual([{ source: 'in.mp4' }]);
    expect(await queue.get(id)).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      phase: 'verify',
      percent: 100,
      error: null,
    });
  });
});
