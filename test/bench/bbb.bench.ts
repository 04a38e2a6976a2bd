import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { bundleScript } from '../helpers/bundle';
import { repoRoot } from '../helpers/cli';

/**
 * Issue #5 numbers, against the BBB simulator running in its own process (so its XML writing is
 * not counted as Régie's):
 * - mirroring a server with 20,000 recordings, paginated (2.7) and unpaged (Scalelite): wall time
 *   and peak RSS of `regie bbb recordings --mirror` (≤ 10 s, ≤ 300 MB);
 * - a poll pass over 200 running meetings of 30 people: CPU time of the pass (≤ 1 s), first
 *   (everything new), then unchanged, then with every meeting's head count changed.
 */
const childSource = `
import { manyRecordings, startBbbSimulator } from './test/helpers/bbbSimulator';
const [flavour, recordings, meetings] = process.argv.slice(2);
const sim = await startBbbSimulator({ flavour });
sim.recordings = manyRecordings(sim.host, Number(recordings));
const people = (m) => Array.from({ length: 30 }, (_, i) => ({
  userId: String(m * 100 + i),
  fullName: i < 2 ? 'Enseignant ' + m + '-' + i : 'Étudiant ' + m + '-' + i,
  role: i < 2 ? 'MODERATOR' : 'VIEWER',
}));
sim.meetings = Array.from({ length: Number(meetings) }, (_, m) => ({
  meetingId: 'cours-' + m,
  internalMeetingId: (m.toString(16).padStart(8, '0')).repeat(5) + '-1763629200000',
  name: 'Cours ' + m,
  createTime: 1763629200000,
  recording: true,
  metadata: { 'bbb-origin': 'Moodle', 'bbb-origin-server-name': 'moodle.univ.example' },
  attendees: people(m),
}));
process.stdin.on('data', () => { for (const m of sim.meetings) m.attendees.pop(); process.stdout.write('changed\\n'); });
process.stdout.write(JSON.stringify({ url: sim.url, secret: sim.secret }) + '\\n');
`;

let dir: string;
let script: string;
const children: ChildProcess[] = [];
const mb = (bytes: number) => (bytes / 1_048_576).toFixed(0);

async function simulator(flavour: string, recordings: number, meetings: number) {
  const child = spawn(process.execPath, [script, flavour, String(recordings), String(meetings)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve) => lines.once('line', resolve));
  const { url, secret } = JSON.parse(first) as { url: string; secret: string };
  return {
    url,
    secret,
    change: () =>
      new Promise<void>((resolve) => {
        lines.once('line', () => resolve());
        child.stdin.write('x');
      }),
  };
}

function run(
  args: string[],
  dataDir: string,
): Promise<{ seconds: number; peakMb: string; stderr: string }> {
  const timed = existsSync('/usr/bin/time');
  const command = timed ? '/usr/bin/time' : process.execPath;
  const full = [
    ...(timed ? ['-f', 'PEAK %M', process.execPath] : []),
    'bin/regie.js',
    ...args,
    '--data',
    dataDir,
  ];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, full, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`regie ${args.join(' ')}: ${stderr}`));
      const kb = Number(/PEAK (\d+)/.exec(stderr)?.[1] ?? NaN);
      resolve({
        seconds: (performance.now() - started) / 1000,
        peakMb: Number.isFinite(kb) ? (kb / 1024).toFixed(0) : 'n/a',
        stderr,
      });
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'regie-bench-bbb-'));
  script = join(dir, 'sim.mjs');
  await bundleScript(childSource, script);
}, 120_000);

afterAll(() => {
  for (const child of children) child.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('BBB recordings mirror, 20,000 recordings (goal ≤ 10 s, ≤ 300 MB)', () => {
  for (const flavour of ['bbb-2.7', 'scalelite'] as const) {
    let n = 0;
    let sim: Awaited<ReturnType<typeof simulator>>;
    bench(
      `${flavour}: regie bbb recordings --mirror, into an empty mirror`,
      async () => {
        sim ??= await simulator(flavour, 20_000, 0);
        const dataDir = join(dir, `${flavour}-${String(n++)}`);
        const secretFile = join(dir, 'secret');
        writeFileSync(secretFile, sim.secret);
        await run(
          ['bbb', 'server', 'add', '--name', 'S', '--url', sim.url, '--secret-file', secretFile],
          dataDir,
        );
        const result = await run(
          ['bbb', 'recordings', '--server', 'S', '--mirror', '--limit', '1'],
          dataDir,
        );
        const line = result.stderr.split('\n').find((l) => l.startsWith('S:')) ?? '';
        console.log(
          `${flavour}: ${result.seconds.toFixed(2)} s (whole command), peak RSS ${result.peakMb} MB — ${line}`,
        );
      },
      { iterations: 3, warmupIterations: 0, time: 0 },
    );
  }
});

describe('BBB poll pass over 200 running meetings of 30 people (goal ≤ 1 s of CPU)', () => {
  let app: RegieApp;
  let sim: Awaited<ReturnType<typeof simulator>>;
  const cpuOf = async (label: string) => {
    const before = process.cpuUsage();
    const started = performance.now();
    const report = await app.api.invoke('bbbMeetings.poll', {});
    const cpu = process.cpuUsage(before);
    console.log(
      `poll (${label}): CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, wall ${(performance.now() - started).toFixed(0)} ms, ${String(report.servers[0]?.written)} meetings written`,
    );
  };
  bench(
    'first pass, unchanged pass, changed pass',
    async () => {
      sim ??= await simulator('bbb-2.7', 0, 200);
      app = createApp({ dataDir: join(dir, `poll-${String(Date.now())}`) });
      await app.api.invoke('bbbServers.add', { name: 'S', url: sim.url, secret: sim.secret });
      await cpuOf('first, 200 new meetings, 6,000 people');
      await cpuOf('nothing changed');
      await sim.change();
      await cpuOf('every meeting changed');
      console.log(`RSS ${mb(process.memoryUsage().rss)} MB`);
      await app.close();
    },
    { iterations: 3, warmupIterations: 0, time: 0 },
  );
});
