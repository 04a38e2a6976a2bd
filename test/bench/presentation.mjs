// Issue #10 numbers: the `render` method on generated 30-minute BBB recordings (generator
// defaults: 40 slides, 300 annotation states, 20,000 cursor events, webcams), for the three
// formats (2.5 svg, 2.7 tldraw1, 3.0 tldraw2), without and with a 10-minute screen share
// (600–1200 s), at 1280×720 layout `slides`, plus `slides+webcams` once on 3.0.
// Measures wall time (speed = duration / seconds), the CPU seconds of the whole process tree,
// peak memory of the conversion (node + its ffmpeg children) and the time of each phase, then
// checks the goals: ≥ 20× without screen share, ≥ 8× with, ≤ 1 GB. Always exits 0 (a bench).
// Run: npm run bench:presentation     (heavy: wrap in `flock /tmp/regie-heavy.lock` if shared)
// The recordings are cached in <tmpdir>/regie-bench-presentation/ (the generator reuses a folder
// whose options.json matches), so re-runs only convert.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// renderVideo and the generator are TypeScript (the generator lives in test/, outside the
// built entries), so the bench bundles its own entry the way the node build does.
const bundle = join(root, 'out', 'bench', 'presentation.mjs');
const cacheDir = join(tmpdir(), 'regie-bench-presentation');
// BENCH_DURATION_S shortens the recording for a quick try; the goals are for 1800 s.
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 1800);
const SHARE = { start: DURATION_S / 3, end: (2 * DURATION_S) / 3 }; // 600–1200 s of 30 min
const FPS = 10; // the render method's cursor rate (methods/types.ts)
const GOALS = { plainX: 20, shareX: 8, peakMB: 1024 };
const FORMATS = [
  { format: 'svg', label: '2.5 svg' },
  { format: 'tldraw1', label: '2.7 tldraw1' },
  { format: 'tldraw2', label: '3.0 tldraw2' },
];

if (process.argv[2] === '--child') await child(JSON.parse(process.argv[3]));
else await main();

async function main() {
  const { build } = await import('esbuild');
  await build({
    stdin: {
      contents: [
        "export { renderVideo } from './src-main/presentation/methods/render.ts';",
        "export { generatePresentation } from './test/generate/presentation/index.ts';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  const { generatePresentation } = await import(bundle);
  mkdirSync(cacheDir, { recursive: true });
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '?';
  const loadBefore = loadavg().map((l) => l.toFixed(2));

  const cases = [];
  for (const { format, label } of FORMATS) {
    for (const share of [false, true]) {
      cases.push({ format, label, share, layout: 'slides' });
    }
  }
  cases.push({ format: 'tldraw2', label: '3.0 tldraw2', share: false, layout: 'slides+webcams' });

  const rows = [];
  for (const c of cases) {
    const name = `${c.format}-${c.share ? 'share' : 'plain'}`;
    const started = performance.now();
    const recording = await generatePresentation({
      format: c.format,
      dir: join(cacheDir, name),
      durationS: DURATION_S,
      slides: 40,
      annotationStates: 300,
      cursorEvents: 20000,
      deskshare: c.share ? [SHARE] : [],
    });
    const generatedS = (performance.now() - started) / 1000;
    if (generatedS > 1) log(`generated ${name} in ${generatedS.toFixed(0)} s`);
    log(`converting ${c.label}, ${caseName(c)}, ${c.layout}…`);
    const row = { ...c, ...(await convert(recording.dir, c.layout)) };
    rows.push(row);
    log(
      row.error
        ? `  failed: ${row.error}`
        : `  ${row.seconds.toFixed(1)} s, ${(DURATION_S / row.seconds).toFixed(1)}×, ${row.peakMB} MB`,
    );
  }

  const loadAfter = loadavg().map((l) => l.toFixed(2));
  print(rows, { cpu, loadBefore, loadAfter });
}

/** One conversion in a child Node process, its ffmpeg children's memory sampled from /proc. */
async function convert(dir, layout) {
  const work = join(cacheDir, 'work');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const timeFile = join(work, 'time.txt');
  const args = { dir, layout, out: join(work, 'out.mp4'), workDir: join(work, 'tmp') };
  // /usr/bin/time's user+sys counts every waited-for descendant (the ffmpeg processes too).
  const proc = spawn(
    '/usr/bin/time',
    [
      '-f',
      '%e %U %S',
      '-o',
      timeFile,
      process.execPath,
      fileURLToPath(import.meta.url),
      '--child',
      JSON.stringify(args),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  proc.stdout.on('data', (chunk) => (stdout += chunk));
  const memory = { ffmpegKB: 0, totalKB: 0 };
  const sampler = setInterval(() => sample(proc.pid, memory), 200);
  const code = await new Promise((resolve) => proc.on('close', resolve));
  clearInterval(sampler);
  const result = JSON.parse(stdout.trim().split('\n').pop() || '{}');
  const times = readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number);
  rmSync(work, { recursive: true, force: true });
  if (code !== 0 || result.error) return { error: result.error ?? `exit code ${code}` };
  const nodeMB = Math.round(result.maxRssKB / 1024);
  const ffmpegMB = Math.round(memory.ffmpegKB / 1024);
  return {
    seconds: result.seconds,
    cpuS: (times[1] ?? 0) + (times[2] ?? 0),
    nodeMB,
    ffmpegMB,
    // Upper bound: node's own peak plus the largest sum of the ffmpeg peaks alive together.
    peakMB: nodeMB + ffmpegMB,
    // What the sampler saw at one instant (node + ffmpeg resident together).
    sampledMB: Math.round(memory.totalKB / 1024),
    pictures: result.pictures,
    phases: result.phases,
  };
}

/**
 * Reads the process tree under `rootPid`: the sum of VmHWM (each process's peak so far) of the
 * ffmpeg processes alive now, and the sum of VmRSS of the whole tree now; keeps the maxima.
 */
function sample(rootPid, memory) {
  const parent = new Map();
  const comm = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      comm.set(Number(entry), stat.slice(stat.indexOf('(') + 1, close));
      parent.set(Number(entry), Number(stat.slice(close + 2).split(' ')[1]));
    } catch {
      // exited while we read
    }
  }
  const inTree = (pid) => {
    for (let p = pid; p > 1; p = parent.get(p) ?? 0) if (p === rootPid) return true;
    return false;
  };
  let ffmpeg = 0;
  let total = 0;
  for (const pid of parent.keys()) {
    if (pid === rootPid || !inTree(pid)) continue;
    const status = (() => {
      try {
        return readFileSync(`/proc/${pid}/status`, 'utf8');
      } catch {
        return '';
      }
    })();
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    if (comm.get(pid) === 'ffmpeg') ffmpeg += kb('VmHWM');
    if (comm.get(pid) !== 'time') total += kb('VmRSS');
  }
  memory.ffmpegKB = Math.max(memory.ffmpegKB, ffmpeg);
  memory.totalKB = Math.max(memory.totalKB, total);
}

/** Child side: one renderVideo, its phases timed from onProgress; one JSON line on stdout. */
async function child({ dir, layout, out, workDir }) {
  const { renderVideo } = await import(bundle);
  const t0 = performance.now();
  const at = () => (performance.now() - t0) / 1000;
  const marks = { firstRender: null, lastRender: null, lastSegment: null };
  try {
    const result = await renderVideo({
      dir,
      out,
      workDir,
      ffmpeg: 'ffmpeg',
      ffprobe: 'ffprobe',
      width: 1280,
      height: 720,
      layout,
      withChat: false,
      locale: 'en',
      fps: FPS,
      onProgress: ({ phase, percent }) => {
        if (phase === 'render') {
          marks.firstRender ??= at();
          marks.lastRender = at();
        } else if (phase === 'compose' && percent < 100) marks.lastSegment = at();
      },
    });
    const seconds = at();
    const render = marks.lastRender ?? 0;
    const segments = marks.lastSegment ?? render;
    process.stdout.write(
      `${JSON.stringify({
        seconds,
        pictures: result.pictures,
        maxRssKB: process.resourceUsage().maxRSS,
        phases: {
          // reading the recording, probing its media, the first picture
          prepare: marks.firstRender ?? 0,
          render: render - (marks.firstRender ?? 0),
          // cursor sprites and the segments encoded in parallel
          segments: segments - render,
          // the join with the audio and the verification
          join: seconds - segments,
        },
      })}\n`,
    );
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ error: String(error?.stack ?? error) })}\n`);
  }
}

function caseName(c) {
  return c.share ? `screen share ${SHARE.start}–${SHARE.end} s` : 'no screen share';
}

function log(line) {
  process.stderr.write(`${line}\n`);
}

function print(rows, machine) {
  const out = [];
  out.push(`Machine: ${availableParallelism()} cores, ${machine.cpu}`);
  out.push(
    `Load average before: ${machine.loadBefore.join(' ')}, after: ${machine.loadAfter.join(' ')}`,
  );
  out.push(
    `ffmpeg: ${spawnSync('ffmpeg', ['-version'], { encoding: 'utf8' }).stdout.split('\n')[0]}`,
  );
  out.push(
    `Recording: ${DURATION_S / 60} min, 40 slides, 300 annotation states, 20,000 cursor events, webcams; 1280×720, ${FPS} fps`,
  );
  out.push('');
  out.push(
    '| format | case | layout | seconds | × real time | CPU s | peak MB (node + ffmpeg) | sampled MB | pictures drawn | goal |',
  );
  out.push('|---|---|---|---:|---:|---:|---:|---:|---:|---|');
  for (const r of rows) {
    if (r.error) {
      out.push(
        `| ${r.label} | ${caseName(r)} | ${r.layout} | — | — | — | — | — | — | FAIL (error) |`,
      );
      continue;
    }
    const speed = DURATION_S / r.seconds;
    const speedGoal = r.share ? GOALS.shareX : GOALS.plainX;
    const ok = speed >= speedGoal && r.peakMB <= GOALS.peakMB;
    const why = [
      speed < speedGoal ? `< ${speedGoal}×` : '',
      r.peakMB > GOALS.peakMB ? `> ${GOALS.peakMB} MB` : '',
    ].filter(Boolean);
    out.push(
      `| ${r.label} | ${caseName(r)} | ${r.layout} | ${r.seconds.toFixed(1)} | ${speed.toFixed(1)}× | ${r.cpuS.toFixed(0)} | ${r.peakMB} (${r.nodeMB} + ${r.ffmpegMB}) | ${r.sampledMB} | ${r.pictures} | ${ok ? 'PASS' : `FAIL (${why.join(', ')})`} |`,
    );
  }
  out.push('');
  out.push(
    `Goals: ≥ ${GOALS.plainX}× without screen share, ≥ ${GOALS.shareX}× with, peak ≤ ${GOALS.peakMB} MB.`,
  );
  out.push('');
  out.push(
    'Phases (s): prepare = read + probe + first picture; render = pictures; segments = cursor sprites + parallel segment encodes; join = join with audio + verify.',
  );
  out.push('');
  out.push('| format | case | layout | prepare | render | segments | join |');
  out.push('|---|---|---|---:|---:|---:|---:|');
  for (const r of rows.filter((row) => !row.error)) {
    const p = r.phases;
    out.push(
      `| ${r.label} | ${caseName(r)} | ${r.layout} | ${p.prepare.toFixed(1)} | ${p.render.toFixed(1)} | ${p.segments.toFixed(1)} | ${p.join.toFixed(1)} |`,
    );
  }
  for (const r of rows.filter((row) => row.error))
    out.push(`\n${r.label} ${caseName(r)}: ${r.error}`);
  process.stdout.write(`${out.join('\n')}\n`);
}
