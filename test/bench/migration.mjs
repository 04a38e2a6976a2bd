// Issue #12 number for the migration wizard: listing and planning 20,000 recordings takes
// ≤ 15 s and ≤ 400 MB peak RSS (Pod does it in one call that can time out).
// Listing: `bbbRecordings.mirror` of the server (paginated on BBB 3.0, the whole list at once on
// Scalelite); planning: `migration.plan` dry, in the three modes (import video, Pod's CSV — written
// in a dry run too —, manual claim into a recorder's folder). Median of 3 runs per flavour, each on
// a fresh data dir in a child process of its own; the simulator runs in yet another process, so
// the RSS figures are the Régie side's alone. Always exits 0 (a bench).
// Run: npm run bench:migration   (heavy: wrap in `flock /tmp/regie-heavy.lock` on a shared machine)
// Quick try: BENCH_RECORDINGS=2000 BENCH_RUNS=1 npm run bench:migration
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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

// gc() before each step: its peak is its own working set, not garbage left by the one before.
const childNodeArgs = [
  '--expose-gc',
  ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
];
/** This script: the children run it again with a flag. */
const self = fileURLToPath(import.meta.url);

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The app and the simulator are TypeScript (the simulator lives in test/): two bundles, so the
// Régie child does not load the simulator and the simulator child does not load the app.
const appBundle = join(root, 'out', 'bench', 'migration-app.mjs');
const simBundle = join(root, 'out', 'bench', 'migration-sim.mjs');
const work = join(tmpdir(), 'regie-bench-migration');
const RECORDINGS = Number(process.env.BENCH_RECORDINGS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const FLAVOURS = (process.env.BENCH_FLAVOURS ?? 'bbb-3.0,scalelite').split(',');
const GOALS = { totalS: 15, peakMB: 400 };
const PHASES = [
  ['listing', 'listing: bbbRecordings.mirror'],
  ['importVideo', 'plan import_video (dry)'],
  ['exportCsv', 'plan export_csv (dry, CSV written)'],
  ['manualClaim', 'plan manual_claim (dry)'],
];

async function main() {
  await bundle("export { createApp } from './src-main/app/app.ts';", appBundle);
  await bundle(
    "export { manyRecordings, startBbbSimulator } from './test/helpers/bbbSimulator/index.ts';",
    simBundle,
  );
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '?';
  const loadBefore = loadavg().map((l) => l.toFixed(2));
  const t0 = performance.now();

  const results = {};
  try {
    for (const flavour of FLAVOURS) {
      results[flavour] = [];
      const sim = await startSim(self, { flavour, recordings: RECORDINGS });
      try {
        for (let run = 1; run <= RUNS; run++) {
          log(`${flavour}: listing and planning ${RECORDINGS} recordings, run ${run}/${RUNS}…`);
          const dataDir = join(work, `${flavour}-${run}`);
          const r = await withSimCpu(sim, () =>
            runChild(self, '--measure', { ...sim.info, dataDir }, { nodeArgs: childNodeArgs }),
          );
          rmSync(dataDir, { recursive: true, force: true });
          results[flavour].push(r);
          log(
            r.error
              ? `  failed: ${r.error}`
              : `  ${PHASES.map(([k]) => `${k} ${(r[k].ms / 1000).toFixed(1)} s`).join(', ')}; total ${(r.totalMs / 1000).toFixed(1)} s, peak ${r.peakMB} MB`,
          );
        }
      } finally {
        sim.stop();
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  print(results, {
    cpu,
    loadBefore,
    loadAfter: loadavg().map((l) => l.toFixed(2)),
    totalS: (performance.now() - t0) / 1000,
  });
}

// ——— children ———

async function simChild({ flavour, recordings }) {
  const { manyRecordings, startBbbSimulator } = await import(simBundle);
  const sim = await startBbbSimulator({ flavour });
  sim.recordings = manyRecordings(sim.host, recordings);
  process.stdout.write(`${JSON.stringify({ url: sim.url, secret: sim.secret })}\n`);
  process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
}

/** `f()` timed, with its CPU seconds and the process's peak RSS while it ran. */
async function phase(f) {
  globalThis.gc?.();
  resetPeak();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  return {
    value,
    ms: performance.now() - t0,
    cpuS: cpuSeconds(process.cpuUsage(cpu0)),
    peakMB: vm('VmHWM'),
  };
}

async function measureChild({ dataDir, url, secret }) {
  try {
    const { createApp } = await import(appBundle);
    mkdirSync(dataDir, { recursive: true });
    // As `regie migrate` runs it: no queue, no watchers.
    const app = createApp({ dataDir, watch: false });
    const server = await app.api.invoke('bbbServers.add', { name: 'Ancien', url, secret });
    await app.api.invoke('users.create', { username: 'admin.bbb', firstName: 'A', lastName: 'B' });
    const recorder = await app.api.invoke('recorders.create', {
      name: 'Migration',
      directory: 'migration',
    });
    const openMB = vm('VmRSS');
    const openPeakMB = vm('VmHWM');
    const csvPath = join(dataDir, 'migration.csv');
    const serverId = server.id;
    const plan = (options) =>
      phase(
        async () =>
          (await app.api.invoke('migration.plan', { serverId, dry: true, ...options })).total,
      );

    const listing = await phase(async () => {
      const [report] = await app.api.invoke('bbbRecordings.mirror', { serverId });
      return report;
    });
    const importVideo = await plan({ mode: 'import_video', admin: 'admin.bbb' });
    const exportCsv = await plan({ mode: 'export_csv', csvPath });
    const manualClaim = await plan({ mode: 'manual_claim', recorderId: recorder.id });
    const csvLines = readFileSync(csvPath, 'utf8').trimEnd().split('\r\n').length - 1;
    const csvMB = statSync(csvPath).size / 1024 ** 2;
    await app.close();
    const phases = { listing, importVideo, exportCsv, manualClaim };
    const out = {};
    for (const [k, p] of Object.entries(phases))
      out[k] = {
        ms: p.ms,
        cpuS: p.cpuS,
        peakMB: p.peakMB,
        total: typeof p.value === 'number' ? p.value : undefined,
      };
    done({
      ...out,
      totalMs: Object.values(phases).reduce((sum, p) => sum + p.ms, 0),
      // One wizard run: the listing, then the plan of its mode (here the slowest of the three).
      wizardMs: listing.ms + Math.max(importVideo.ms, exportCsv.ms, manualClaim.ms),
      wizardCpuS: listing.cpuS + Math.max(importVideo.cpuS, exportCsv.cpuS, manualClaim.cpuS),
      peakMB: Math.max(openPeakMB, ...Object.values(phases).map((p) => p.peakMB)),
      openMB,
      mirror: summariseReport(listing.value),
      csvLines,
      csvMB,
    });
  } catch (error) {
    done({ error: String(error?.stack ?? error) });
  }
}

/** The mirror report's numbers (requests, counts), whatever their names. */
function summariseReport(report) {
  const out = {};
  for (const [k, v] of Object.entries(report ?? {})) if (typeof v === 'number') out[k] = v;
  return out;
}

// ——— report ———

function print(results, machine) {
  const out = [];
  const s = (ms) => (ms / 1000).toFixed(1);
  const each = (rows, f) => rows.map(f).join(', ');
  out.push(`Machine: ${availableParallelism()} cores, ${machine.cpu}; node ${process.version}`);
  out.push(
    `Load average before: ${machine.loadBefore.join(' ')}, after: ${machine.loadAfter.join(' ')}; bench ${machine.totalS.toFixed(0)} s`,
  );
  out.push(
    `${RECORDINGS} recordings (presentation format, Moodle metadata); simulator in its own process, no added latency; RSS and "Régie CPU" are the Régie process's alone (VmHWM, reset before each step).`,
  );
  for (const flavour of Object.keys(results)) {
    const ok = results[flavour].filter((r) => !r.error);
    out.push('');
    out.push(`### ${flavour}${ok[0] ? ` — mirror report: ${JSON.stringify(ok[0].mirror)}` : ''}`);
    out.push('');
    out.push(
      '| step | runs | seconds (median; each) | Régie CPU s | peak RSS MB (median; each) | lines |',
    );
    out.push('|---|---:|---:|---:|---:|---:|');
    if (ok.length === 0) {
      out.push('| all | 0 | — | — | — | — |');
      continue;
    }
    for (const [k, label] of PHASES)
      out.push(
        `| ${label} | ${ok.length} | ${s(median(ok.map((r) => r[k].ms)))} (${each(ok, (r) => s(r[k].ms))}) | ${median(ok.map((r) => r[k].cpuS)).toFixed(1)} | ${median(ok.map((r) => r[k].peakMB))} (${each(ok, (r) => r[k].peakMB)}) | ${k === 'listing' ? (ok[0].mirror.listed ?? '—') : median(ok.map((r) => r[k].total))} |`,
      );
    const wizardS = median(ok.map((r) => r.wizardMs)) / 1000;
    const peak = median(ok.map((r) => r.peakMB));
    const why = [
      wizardS > GOALS.totalS ? `> ${GOALS.totalS} s` : '',
      peak > GOALS.peakMB ? `> ${GOALS.peakMB} MB` : '',
    ].filter(Boolean);
    out.push(
      `| **listing + slowest plan (one wizard run)** | ${ok.length} | ${s(median(ok.map((r) => r.wizardMs)))} (${each(ok, (r) => s(r.wizardMs))}) | ${median(ok.map((r) => r.wizardCpuS)).toFixed(1)} | ${peak} (${each(ok, (r) => r.peakMB)}) | ${why.length ? `FAIL (${why.join(', ')})` : 'PASS'} |`,
    );
    out.push(
      `Listing + all 3 plans: ${s(median(ok.map((r) => r.totalMs)))} s (${each(ok, (r) => s(r.totalMs))}); simulator CPU ${median(ok.map((r) => r.simCpuS)).toFixed(1)} s. RSS once open: ${median(ok.map((r) => r.openMB))} MB; CSV: ${median(ok.map((r) => r.csvLines))} rows, ${median(ok.map((r) => r.csvMB)).toFixed(1)} MB.`,
    );
  }
  out.push('');
  out.push(
    `Goal (issue #12): listing and planning ${RECORDINGS} recordings ≤ ${GOALS.totalS} s, peak RSS ≤ ${GOALS.peakMB} MB. Checked on one wizard run: the listing then one plan (the slowest mode's); the peak is the highest of the steps, each measured from a collected heap (gc() before it), the listing's included.`,
  );
  for (const flavour of Object.keys(results))
    for (const r of results[flavour]) if (r.error) out.push(`\nError (${flavour}): ${r.error}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

// Last, once every constant above is initialised.
const mode = process.argv[2];
if (mode === '--sim') await simChild(JSON.parse(process.argv[3]));
else if (mode === '--measure') await measureChild(JSON.parse(process.argv[3]));
else await main();
