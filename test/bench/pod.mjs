// Issue #11 numbers for the Pod connector:
// 1. a mirror of 20,000 users (1,667 pages of 12 per list, the simulator adding 5 ms to every
//    answer): ≤ 30 s and peak RSS ≤ 300 MB — median of 3 first mirrors on fresh data dirs, and a
//    second mirror on the same dir (nothing changes) as its own line;
// 2. the publication of a 4 GiB file (sparse: reads as zeros): peak RSS ≤ idle + 100 MB, and a
//    throughput close to curl's to the same simulator (≥ ~0.8), i.e. limited by the link.
// The simulator runs in its own process and every measurement in a child process of its own, so
// the RSS figures are the Régie side's alone. Always exits 0 (a bench).
// Run: npm run bench:pod     (heavy: wrap in `flock /tmp/regie-heavy.lock` on a shared machine)
// Quick try: BENCH_USERS=2000 BENCH_UPLOAD_GB=0.5 npm run bench:pod
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bundle,
  cpuSeconds,
  done,
  log,
  median,
  resetPeak,
  runChild,
  startSim,
  vm,
  withSimCpu,
} from './lib/harness.mjs';

/** This script: the children run it again with a flag. */
const self = fileURLToPath(import.meta.url);

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The app and the simulator are TypeScript (the simulator lives in test/): two bundles, so the
// Régie child does not load the simulator and the simulator child does not load the app.
const appBundle = join(root, 'out', 'bench', 'pod-app.mjs');
const simBundle = join(root, 'out', 'bench', 'pod-sim.mjs');
const work = join(tmpdir(), 'regie-bench-pod');
const USERS = Number(process.env.BENCH_USERS ?? 20_000);
const UPLOAD_BYTES = Math.round(Number(process.env.BENCH_UPLOAD_GB ?? 4) * 1024 ** 3);
const LATENCY_MS = 5;
const MIRROR_RUNS = 3;
const UPLOAD_RUNS = 3;
const GOALS = { mirrorS: 30, mirrorMB: 300, uploadOverIdleMB: 100, ratio: 0.8 };

async function main() {
  await bundle("export { createApp } from './src-main/app/app.ts';", appBundle);
  await bundle(
    "export { startPodSimulator } from './test/helpers/podSimulator/index.ts';",
    simBundle,
  );
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '?';
  const loadBefore = loadavg().map((l) => l.toFixed(2));
  const t0 = performance.now();

  const mirrors = { first: [], second: [] };
  for (let run = 1; run <= MIRROR_RUNS; run++) {
    const sim = await startSim(self, { users: USERS, latencyMs: LATENCY_MS });
    const dataDir = join(work, `mirror-${run}`);
    try {
      for (const which of ['first', 'second']) {
        log(`mirror ${run}/${MIRROR_RUNS} (${which}) of ${USERS} users…`);
        const r = await withSimCpu(sim, () => runChild(self, '--mirror', { ...sim.info, dataDir }));
        mirrors[which].push(r);
        log(
          r.error
            ? `  failed: ${r.error}`
            : `  ${(r.ms / 1000).toFixed(1)} s, ${r.requests} requests, peak ${r.peakMB} MB`,
        );
      }
    } finally {
      sim.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  const file = join(work, 'big.mp4');
  writeFileSync(file, '');
  truncateSync(file, UPLOAD_BYTES); // sparse: no disk used, reads as zeros
  const uploads = { regie: [], curl: [] };
  const sim = await startSim(self, { users: 30, latencyMs: LATENCY_MS });
  try {
    // Alternated, so a load change on the machine touches both sides alike.
    for (let run = 1; run <= UPLOAD_RUNS; run++) {
      log(`upload ${run}/${UPLOAD_RUNS} of ${gib(UPLOAD_BYTES)} with curl…`);
      const c = await withSimCpu(sim, () => curlUpload(sim.info, file));
      uploads.curl.push(c);
      log(c.error ? `  failed: ${c.error}` : `  ${c.mbps.toFixed(0)} MB/s`);
      log(`upload ${run}/${UPLOAD_RUNS} of ${gib(UPLOAD_BYTES)} by Régie…`);
      const dataDir = join(work, `publish-${run}`);
      const r = await withSimCpu(sim, () =>
        runChild(self, '--publish', { ...sim.info, dataDir, file }),
      );
      rmSync(dataDir, { recursive: true, force: true });
      uploads.regie.push(r);
      log(
        r.error
          ? `  failed: ${r.error}`
          : `  ${r.mbps.toFixed(0)} MB/s, idle ${r.idleMB} MB, peak ${r.peakMB} MB`,
      );
    }
  } finally {
    sim.stop();
    rmSync(work, { recursive: true, force: true });
  }

  print(mirrors, uploads, {
    cpu,
    loadBefore,
    loadAfter: loadavg().map((l) => l.toFixed(2)),
    totalS: (performance.now() - t0) / 1000,
  });
}

/** The baseline: the same form, posted by curl to the same simulator. */
function curlUpload(info, file) {
  const link = (route, id) => `${info.url}/rest/${route}/${id}/`;
  const out = spawnSync(
    'curl',
    [
      '-sS',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code} %{time_total} %{size_upload}',
      '-H',
      `Authorization: Token ${info.token}`,
      '-F',
      `video=@${file};type=video/mp4`,
      '-F',
      'title=curl baseline',
      '-F',
      `owner=${link('users', 2)}`,
      '-F',
      `type=${link('types', 1)}`,
      '-F',
      `sites=${link('sites', 1)}`,
      '-F',
      'is_draft=true',
      `${info.url}/rest/videos/`,
    ],
    { encoding: 'utf8' },
  );
  const [status, seconds, sent] = out.stdout.trim().split(' ');
  if (status !== '201') return { error: `curl: HTTP ${status} ${out.stderr.trim()}` };
  return { seconds: Number(seconds), mbps: Number(sent) / 1e6 / Number(seconds) };
}

// ——— children ———

async function simChild(options) {
  const { startPodSimulator } = await import(simBundle);
  const sim = await startPodSimulator(options);
  process.stdout.write(`${JSON.stringify({ url: sim.url, token: sim.staffToken })}\n`);
  process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
}

function sampler() {
  let max = 0;
  const timer = setInterval(() => (max = Math.max(max, process.memoryUsage().rss)), 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.round(max / 1024 ** 2);
    },
  };
}

async function openApp(dataDir, info, watch) {
  const { createApp } = await import(appBundle);
  mkdirSync(dataDir, { recursive: true });
  const app = createApp({ dataDir, watch });
  for (const [key, value] of Object.entries({ POD_URL: info.url, POD_TOKEN: info.token }))
    await app.api.invoke('settings.set', { key, value });
  return app;
}

async function mirrorChild({ dataDir, ...info }) {
  try {
    // As `regie pod mirror` runs it: no queue, no watchers.
    const app = await openApp(dataDir, info, false);
    const openMB = vm('VmRSS');
    const samples = sampler();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const report = await app.api.invoke('pod.mirror', {});
    const ms = performance.now() - t0;
    const cpuS = cpuSeconds(process.cpuUsage(cpu0));
    const sampledMB = samples.stop();
    const peakMB = vm('VmHWM');
    await app.close();
    if (!report.ok) throw new Error(JSON.stringify(report.error));
    done({
      ms,
      cpuS,
      requests: report.requests,
      users: report.counts.users,
      added: report.usersAdded,
      updated: report.usersUpdated,
      openMB,
      peakMB,
      sampledMB,
    });
  } catch (error) {
    done({ error: String(error?.stack ?? error) });
  }
}

async function publishChild({ dataDir, file, ...info }) {
  try {
    // As the console runs: the job queue (which runs podPublish) starts with the watchers.
    const app = await openApp(dataDir, info, true);
    await app.api.invoke('pod.mirror', {});
    const id = await seedVideo(dataDir, file, 'u1');
    const state = async () =>
      (await app.api.invoke('videos.list', {})).find((v) => v.id === id)?.pod;
    await new Promise((resolve) => setTimeout(resolve, 1000)); // settle after the mirror
    const idleMB = vm('VmRSS');
    resetPeak();
    const samples = sampler();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await app.api.invoke('pod.publish', { videoId: id });
    let pod = await state();
    let uploadStart = null;
    while (pod && ['queued', 'uploading'].includes(pod.state)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      pod = await state();
      if (pod?.state === 'uploading') uploadStart ??= performance.now();
    }
    const ms = performance.now() - t0;
    const cpuS = cpuSeconds(process.cpuUsage(cpu0));
    const sampledMB = samples.stop();
    const peakMB = vm('VmHWM');
    await app.close();
    if (pod?.state !== 'encoding' && pod?.state !== 'encoded')
      throw new Error(`ended ${pod?.state}: ${JSON.stringify(pod?.error)}`);
    const size = statSync(file).size;
    done({
      ms,
      cpuS,
      queuedMs: uploadStart === null ? null : uploadStart - t0,
      mbps: size / 1e6 / (ms / 1000),
      idleMB,
      peakMB,
      sampledMB,
    });
  } catch (error) {
    done({ error: String(error?.stack ?? error) });
  }
}

/** A verified Library video whose source is `file` (as the integration test seeds one). */
async function seedVideo(dataDir, file, owner) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(join(dataDir, 'regie.db'));
  try {
    const ownerId = db.prepare('SELECT id FROM users WHERE username = ?').get(owner).id;
    const id = db.prepare('SELECT coalesce(max(id), 0) + 1 AS n FROM videos').get().n;
    const videoDir = join(dataDir, 'library', String(id));
    mkdirSync(videoDir, { recursive: true });
    const at = '2026-03-02T10:00:00.000Z';
    db.prepare(
      `INSERT INTO videos (id, owner_id, title, video_type_id, description, duration_s, is_video, dir,
         renditions_json, source_path, created_at, updated_at)
       VALUES (?, ?, ?, 1, 'Un cours', 3600, 1, ?, '[]', ?, ?, ?)`,
    ).run(id, ownerId, 'Bench 4 Go', videoDir, file, at, at);
    return id;
  } finally {
    db.close();
  }
}

// ——— report ———

const gib = (bytes) => `${(bytes / 1024 ** 3).toFixed(bytes < 1024 ** 3 ? 2 : 0)} GiB`;

function print(mirrors, uploads, machine) {
  const out = [];
  const list = (rows, f) => rows.map(f).join(', ');
  const fail = (why) => (why.length ? `FAIL (${why.join(', ')})` : 'PASS');
  out.push(`Machine: ${availableParallelism()} cores, ${machine.cpu}; node ${process.version}`);
  out.push(
    `Load average before: ${machine.loadBefore.join(' ')}, after: ${machine.loadAfter.join(' ')}; bench ${machine.totalS.toFixed(0)} s`,
  );
  out.push(
    `Simulator in its own process, ${LATENCY_MS} ms added to every answer; RSS and "Régie CPU" are the Régie process's alone.`,
  );
  out.push('');
  out.push(
    `| mirror of ${USERS} users | runs | seconds (median; each) | Régie CPU s | simulator CPU s | requests | users in Régie | peak RSS MB (VmHWM; each) | RSS once open | goal |`,
  );
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const [which, label] of [
    ['first', 'first (fresh data dir)'],
    ['second', 'second (same dir, nothing changed)'],
  ]) {
    const ok = mirrors[which].filter((r) => !r.error);
    if (ok.length === 0) {
      out.push(`| ${label} | 0 | — | — | — | — | — | — | — | FAIL (error) |`);
      continue;
    }
    const s = median(ok.map((r) => r.ms)) / 1000;
    const mb = median(ok.map((r) => r.peakMB));
    const why = [
      s > GOALS.mirrorS ? `> ${GOALS.mirrorS} s` : '',
      mb > GOALS.mirrorMB ? `> ${GOALS.mirrorMB} MB` : '',
    ].filter(Boolean);
    out.push(
      `| ${label} | ${ok.length} | ${s.toFixed(1)} (${list(ok, (r) => (r.ms / 1000).toFixed(1))}) | ${median(ok.map((r) => r.cpuS)).toFixed(1)} | ${median(ok.map((r) => r.simCpuS)).toFixed(1)} | ${median(ok.map((r) => r.requests))} | ${median(ok.map((r) => r.users))} | ${mb} (${list(ok, (r) => r.peakMB)}) | ${median(ok.map((r) => r.openMB))} | ${fail(why)} |`,
    );
  }
  out.push(`Goal: ≤ ${GOALS.mirrorS} s, peak RSS ≤ ${GOALS.mirrorMB} MB.`);
  out.push('');
  const regie = uploads.regie.filter((r) => !r.error);
  const curl = uploads.curl.filter((r) => !r.error);
  const curlMBps = curl.length ? median(curl.map((r) => r.mbps)) : NaN;
  out.push(
    `| publish of ${gib(UPLOAD_BYTES)} | runs | MB/s (median; each) | ratio to curl | Régie CPU s / wall s | simulator CPU s | idle RSS MB | peak RSS MB | peak − idle | goal |`,
  );
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  if (curl.length)
    out.push(
      `| curl -F, same simulator | ${curl.length} | ${curlMBps.toFixed(0)} (${list(curl, (r) => r.mbps.toFixed(0))}) | 1 | — / ${median(curl.map((r) => r.seconds)).toFixed(1)} | ${median(curl.map((r) => r.simCpuS)).toFixed(1)} | — | — | — | baseline |`,
    );
  else out.push('| curl -F, same simulator | 0 | — | — | — | — | — | — | — | FAIL (error) |');
  if (regie.length) {
    const mbps = median(regie.map((r) => r.mbps));
    const over = median(regie.map((r) => r.peakMB - r.idleMB));
    const ratio = mbps / curlMBps;
    const why = [
      over > GOALS.uploadOverIdleMB ? `peak > idle + ${GOALS.uploadOverIdleMB} MB` : '',
      !(ratio >= GOALS.ratio) ? `ratio ${ratio.toFixed(2)} < ${GOALS.ratio}` : '',
    ].filter(Boolean);
    out.push(
      `| Régie pod.publish (queue → encoding) | ${regie.length} | ${mbps.toFixed(0)} (${list(regie, (r) => r.mbps.toFixed(0))}) | ${ratio.toFixed(2)} | ${median(regie.map((r) => r.cpuS)).toFixed(1)} / ${(median(regie.map((r) => r.ms)) / 1000).toFixed(1)} | ${median(regie.map((r) => r.simCpuS)).toFixed(1)} | ${median(regie.map((r) => r.idleMB))} | ${median(regie.map((r) => r.peakMB))} (${list(regie, (r) => r.peakMB)}) | ${over} | ${fail(why)} |`,
    );
  } else out.push('| Régie pod.publish | 0 | — | — | — | — | — | — | — | FAIL (error) |');
  out.push(
    `Goal: peak RSS ≤ idle + ${GOALS.uploadOverIdleMB} MB; throughput ≥ ~${GOALS.ratio} × curl's (limited by the link, not by Régie). Régie's time runs from pod.publish to the state leaving queued/uploading (job pick-up, upload, launch_encode_view), curl's is the upload alone. Idle: after opening the console (watch on) and a mirror of 31 users.`,
  );
  for (const r of [...mirrors.first, ...mirrors.second, ...uploads.regie, ...uploads.curl])
    if (r.error) out.push(`\nError: ${r.error}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

// Last, once every constant above is initialised.
const mode = process.argv[2];
if (mode === '--sim') await simChild(JSON.parse(process.argv[3]));
else if (mode === '--mirror') await mirrorChild(JSON.parse(process.argv[3]));
else if (mode === '--publish') await publishChild(JSON.parse(process.argv[3]));
else await main();
