// Issue #13 numbers for webinars, with the default settings (WEBINAR_POLL_SECONDS 5):
// 1. start click → SIPMediaGW start request ≤ 1 s: from `webinars.start` invoked to the gateway
//    simulator's receipt of `/start?room=…` (legacy) or `/gateway/start` (current), 10 runs on
//    each generation; and, as a second line, until `webinars.start` resolves (status live);
// 2. BBB end → live stopped ≤ 15 s: a live webinar whose meeting was joined (running) has its
//    meeting ended in the BBB simulator at T; until the gateway simulator receives the stop, and
//    until the webinar's status is `ended` (the `webinars.changed` push). 10 runs, overlapping:
//    10 webinars on 10 gateways in one console, ended one poll period / 10 apart so the ends
//    fall at every phase of the 5 s polls; each run is timed from its own T.
// The simulators run in this process (join: false: no browser, no ffmpeg), the app too; their
// requests cross real sockets, and whatever the simulators cost is counted in the figures.
// Always exits 0 (a bench).
// Run: npm run bench:webinar      (about a minute; light)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundle, log, median } from './lib/harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const appBundle = join(root, 'out', 'bench', 'webinar-app.mjs');
const simBundle = join(root, 'out', 'bench', 'webinar-sims.mjs');
const work = join(tmpdir(), 'regie-bench-webinar');
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const GOALS = { startRequestMs: 1000, endToStopS: 15 };
const GENERATIONS = ['legacy', 'current'];

/** Start requests, not the `auto` probe (a `/start` without a room: bbb.md §4.3). */
const startsOf = (sim) =>
  sim.calls.filter((c) => (c.path === '/start' && c.query.room) || c.path === '/gateway/start');
const stopsOf = (sim) => sim.calls.filter((c) => /stop$/.test(c.path));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  await bundle(
    "export { createApp } from './src-main/app/app.ts';\nexport { createBbbClient } from './src-main/bbb/api/client.ts';",
    appBundle,
  );
  await bundle(
    "export { startBbbSimulator } from './test/helpers/bbbSimulator/index.ts';\nexport { startSipMediaGwSimulator } from './test/helpers/sipmediagwSimulator/index.ts';",
    simBundle,
  );
  pinFixtures(simBundle);
  const mods = { ...(await import(appBundle)), ...(await import(simBundle)) };
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '?';
  const loadBefore = loadavg().map((l) => l.toFixed(2));
  const t0 = performance.now();
  const starts = {};
  let ends = { runs: [], error: null };
  let pollSeconds = null;
  try {
    for (const generation of GENERATIONS) starts[generation] = await benchStarts(mods, generation);
    ends = await benchEnds(mods);
    pollSeconds = ends.pollSeconds;
  } catch (error) {
    ends.error ??= String(error?.stack ?? error);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  print(starts, ends, {
    cpu,
    loadBefore,
    loadAfter: loadavg().map((l) => l.toFixed(2)),
    totalS: (performance.now() - t0) / 1000,
    pollSeconds,
  });
}

/**
 * The SIPMediaGW simulator reads its answers from test/fixtures/sipmediagw relative to its own
 * module (`new URL('../../fixtures/…', import.meta.url)`), which the bundle in out/bench/ is
 * not: its one `import.meta.url` becomes model.ts's address.
 */
function pinFixtures(file) {
  const text = readFileSync(file, 'utf8');
  const uses = text.split('import.meta.url').length - 1;
  if (uses !== 1)
    throw new Error(
      `${file}: expected one import.meta.url (the SIPMediaGW fixtures), found ${uses}; see pinFixtures`,
    );
  const model = pathToFileURL(join(root, 'test', 'helpers', 'sipmediagwSimulator', 'model.ts'));
  writeFileSync(file, text.replace('import.meta.url', JSON.stringify(model.href)));
}

/** A console on a fresh data dir, set up as test/integration/webinar.test.ts does, polls left at default. */
async function openConsole(mods, name, bbb) {
  const dataDir = join(work, name);
  mkdirSync(dataDir, { recursive: true });
  const app = mods.createApp({ dataDir });
  const set = (key, value) => app.api.invoke('settings.set', { key, value });
  await set('USE_MEETING_WEBINAR', true);
  await set('WEBINAR_PUBLIC_URL', 'https://regie.example.org');
  const server = await app.api.invoke('bbbServers.add', {
    name: 'bbb-bench',
    url: bbb.url,
    secret: bbb.secret,
  });
  const poll = (await app.api.invoke('settings.list', {})).find(
    (s) => s.key === 'WEBINAR_POLL_SECONDS',
  );
  return { app, server, pollSeconds: poll?.value };
}

async function addGateway(app, mods, generation, index, sims) {
  const sim = await mods.startSipMediaGwSimulator({ generation, join: false });
  const gateway = await app.api.invoke('gateways.add', {
    name: `gw${index}-${generation}`,
    rtmpUrl: `rtmp://127.0.0.1/live/webinar${index}`,
    hlsUrl: `http://127.0.0.1:1/hls/webinar${index}.m3u8`,
    sipmediagwUrl: sim.url,
    token: sim.token,
  });
  sims.set(gateway.id, sim);
  return sim;
}

const createWebinar = (app, serverId, name, startAt) =>
  app.api.invoke('webinars.create', {
    serverId,
    name,
    startAt,
    durationMinutes: 120,
    enableChat: false,
  });

/** 1. RUNS starts on one gateway of `generation`, each webinar on its own day, ended after. */
async function benchStarts(mods, generation) {
  const bbb = await mods.startBbbSimulator({ flavour: 'bbb-3.0' });
  const { app, server } = await openConsole(mods, `start-${generation}`, bbb);
  const sims = new Map();
  const runs = [];
  try {
    const sim = await addGateway(app, mods, generation, 1, sims);
    for (let run = 1; run <= RUNS; run++) {
      const day = String(run).padStart(2, '0');
      const w = await createWebinar(app, server.id, `Start ${run}`, `2026-12-${day}T09:00:00Z`);
      const before = startsOf(sim).length;
      const clickedAt = Date.now();
      const clicked = performance.now();
      const started = await app.api.invoke('webinars.start', { id: w.id });
      const resolvedMs = performance.now() - clicked;
      const request = startsOf(sim)[before];
      if (started.status !== 'live' || !request)
        throw new Error(`run ${run}: status ${started.status}, start request ${String(!!request)}`);
      runs.push({
        requestMs: request.at - clickedAt,
        resolvedMs: Math.round(resolvedMs * 10) / 10,
      });
      log(
        `start ${generation} ${run}/${RUNS}: request after ${request.at - clickedAt} ms, live after ${resolvedMs.toFixed(0)} ms`,
      );
      await app.api.invoke('webinars.end', { id: w.id });
    }
    return { runs, error: null };
  } catch (error) {
    return { runs, error: String(error?.stack ?? error) };
  } finally {
    await app.close();
    await Promise.all([...sims.values()].map((s) => s.close()));
    await bbb.close();
  }
}

/** 2. RUNS live webinars, meetings joined, ended in BBB one poll period / RUNS apart. */
async function benchEnds(mods) {
  const bbb = await mods.startBbbSimulator({ flavour: 'bbb-3.0' });
  const { app, server, pollSeconds } = await openConsole(mods, 'end', bbb);
  const sims = new Map();
  const endedAt = new Map();
  const runs = [];
  try {
    app.events.on('webinars.changed', ({ items }) => {
      for (const v of items)
        if (v.status === 'ended' && !endedAt.has(v.id)) endedAt.set(v.id, Date.now());
    });
    for (let i = 1; i <= RUNS; i++)
      await addGateway(app, mods, GENERATIONS[(i - 1) % GENERATIONS.length], i, sims);
    const webinars = [];
    for (let i = 1; i <= RUNS; i++) {
      // The same slot for all: each gets its own gateway.
      const w = await createWebinar(app, server.id, `End ${i}`, '2026-12-07T09:00:00Z');
      await app.api.invoke('webinars.start', { id: w.id });
      webinars.push(w);
    }
    // Someone joins (the gateway's browser would): BBB runs the meeting from then on.
    const bbbClient = mods.createBbbClient({ url: bbb.url, secret: bbb.secret });
    for (const w of webinars) {
      const url = bbbClient.joinUrl({ meetingId: w.meetingId, fullName: 'Live', role: 'VIEWER' });
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status !== 302) throw new Error(`join ${w.name}: HTTP ${response.status}`);
    }
    // The watchers must have seen each meeting running (armed) before its end counts.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const views = await app.api.invoke('webinars.list', {});
      if (views.every((v) => v.status === 'live' && v.bbb.running === true)) break;
      if (Date.now() > deadline) throw new Error('the watchers did not see the meetings running');
      await sleep(100);
    }
    log(`end: ${RUNS} webinars live, meetings running; ending them in BBB…`);
    const stepMs = ((Number(pollSeconds) || 5) * 1000) / RUNS;
    const base = performance.now();
    const marks = [];
    for (const [i, w] of webinars.entries()) {
      await sleep(Math.max(0, base + i * stepMs - performance.now()));
      const sim = sims.get(w.gatewayId);
      // The moderator's "End meeting": BBB no longer runs it (isMeetingRunning answers false).
      marks.push({
        w,
        sim,
        at: Date.now(),
        callIndex: bbb.calls.length,
        stopsBefore: stopsOf(sim).length,
      });
      bbb.meetings = bbb.meetings.filter((m) => m.meetingId !== w.meetingId);
    }
    const limit = Date.now() + 60_000;
    while (endedAt.size < RUNS && Date.now() < limit) await sleep(100);
    for (const { w, sim, at, callIndex, stopsBefore } of marks) {
      const stop = stopsOf(sim)[stopsBefore];
      const ended = endedAt.get(w.id);
      const polls = bbb.calls
        .slice(callIndex)
        .filter((c) => c.call === 'isMeetingRunning' && c.params.meetingID === w.meetingId).length;
      runs.push({
        generation: sim.generation,
        stopMs: stop ? stop.at - at : null,
        endedMs: ended === undefined ? null : ended - at,
        polls,
      });
      log(
        `end ${runs.length}/${RUNS} (${sim.generation}): stop request after ${stop ? ((stop.at - at) / 1000).toFixed(2) : '—'} s, ended after ${ended === undefined ? '—' : ((ended - at) / 1000).toFixed(2)} s, ${polls} polls`,
      );
    }
    return { runs, pollSeconds, error: null };
  } catch (error) {
    return { runs, pollSeconds, error: String(error?.stack ?? error) };
  } finally {
    await app.close();
    await Promise.all([...sims.values()].map((s) => s.close()));
    await bbb.close();
  }
}

// ——— report ———

const ms = (v) => `${v.toFixed(0)} ms`;
const s = (v) => `${(v / 1000).toFixed(2)} s`;

function row(label, values, fmt, goalMs) {
  if (values.length === 0) return `| ${label} | 0 | — | — | — | ${goalMs ? 'FAIL (no run)' : ''} |`;
  const worst = Math.max(...values);
  const verdict =
    goalMs === undefined ? '—' : worst <= goalMs ? 'PASS' : `FAIL (worst > ${fmt(goalMs)})`;
  return `| ${label} | ${values.length} | ${fmt(median(values))} | ${fmt(worst)} | ${values.map(fmt).join(', ')} | ${verdict} |`;
}

function print(starts, ends, machine) {
  const out = [];
  out.push(`Machine: ${availableParallelism()} cores, ${machine.cpu}; node ${process.version}`);
  out.push(
    `Load average before: ${machine.loadBefore.join(' ')}, after: ${machine.loadAfter.join(' ')}; bench ${machine.totalS.toFixed(0)} s`,
  );
  out.push(
    `WEBINAR_POLL_SECONDS ${String(machine.pollSeconds)} (default); BBB 3.0 and SIPMediaGW simulators in the bench's process (join: false), gateways added with api auto.`,
  );
  out.push('');
  out.push('| measure | runs | median | worst | each | goal |');
  out.push('|---|---:|---:|---:|---|---|');
  const all = (key) => GENERATIONS.flatMap((g) => (starts[g]?.runs ?? []).map((r) => r[key]));
  for (const g of GENERATIONS)
    out.push(
      row(
        `start click → SIPMediaGW start request (${g})`,
        (starts[g]?.runs ?? []).map((r) => r.requestMs),
        ms,
        GOALS.startRequestMs,
      ),
    );
  out.push(
    row(
      'start click → SIPMediaGW start request (both)',
      all('requestMs'),
      ms,
      GOALS.startRequestMs,
    ),
  );
  for (const g of GENERATIONS)
    out.push(
      row(
        `start click → webinars.start resolved, live (${g})`,
        (starts[g]?.runs ?? []).map((r) => r.resolvedMs),
        ms,
      ),
    );
  out.push(row('start click → webinars.start resolved, live (both)', all('resolvedMs'), ms));
  const done = (key) => ends.runs.map((r) => r[key]).filter((v) => v !== null);
  const missing = (key) => ends.runs.length - done(key).length;
  out.push(row('BBB end → SIPMediaGW stop request', done('stopMs'), s, GOALS.endToStopS * 1000));
  out.push(row('BBB end → webinar status ended', done('endedMs'), s, GOALS.endToStopS * 1000));
  out.push('');
  out.push(
    `Goals: start request ≤ ${GOALS.startRequestMs} ms; BBB end → live stopped ≤ ${GOALS.endToStopS} s (checked on the worst run). Times across the simulators are Date.now() (1 ms). The first start of each generation includes the gateway's one-time API probe (auto).`,
  );
  out.push(
    `End runs: ${ends.runs.length} webinars live at once on ${ends.runs.length} gateways (${GENERATIONS.join('/')} alternating), meetings ended ${((Number(machine.pollSeconds) || 5) / RUNS).toFixed(2)} s apart (by the rule, between one and two poll periods after the end, plus the stop); isMeetingRunning polls from each end to its stop: ${ends.runs.map((r) => r.polls).join(', ')}.`,
  );
  if (missing('stopMs') || missing('endedMs'))
    out.push(
      `Runs without a stop request: ${missing('stopMs')}; never ended: ${missing('endedMs')} (counted as FAIL).`,
    );
  for (const e of [...GENERATIONS.map((g) => starts[g]?.error), ends.error].filter(Boolean))
    out.push(`\nError: ${e}`);
  process.stdout.write(`${out.join('\n')}\n`);

  const summary = (values) =>
    values.length ? { median: median(values), worst: Math.max(...values), each: values } : null;
  const stopWorst = done('stopMs').length ? Math.max(...done('stopMs')) : Infinity;
  const endedWorst = done('endedMs').length ? Math.max(...done('endedMs')) : Infinity;
  const requests = all('requestMs');
  process.stdout.write(
    `${JSON.stringify({
      bench: 'webinar',
      machine: { cores: availableParallelism(), ...machine },
      startRequestMs: {
        ...Object.fromEntries(
          GENERATIONS.map((g) => [g, summary((starts[g]?.runs ?? []).map((r) => r.requestMs))]),
        ),
        both: summary(requests),
      },
      startResolvedMs: {
        ...Object.fromEntries(
          GENERATIONS.map((g) => [g, summary((starts[g]?.runs ?? []).map((r) => r.resolvedMs))]),
        ),
        both: summary(all('resolvedMs')),
      },
      endToStopRequestMs: summary(done('stopMs')),
      endToEndedMs: summary(done('endedMs')),
      pollsAfterEnd: ends.runs.map((r) => r.polls),
      pass: {
        startRequest:
          requests.length === RUNS * GENERATIONS.length &&
          Math.max(...requests) <= GOALS.startRequestMs,
        endToStop:
          ends.runs.length === RUNS &&
          missing('stopMs') === 0 &&
          missing('endedMs') === 0 &&
          Math.max(stopWorst, endedWorst) <= GOALS.endToStopS * 1000,
      },
      errors: [...GENERATIONS.map((g) => starts[g]?.error), ends.error].filter(Boolean),
    })}\n`,
  );
}

try {
  await main();
} catch (error) {
  process.stdout.write(`Error: ${String(error?.stack ?? error)}\n`);
}
process.exit(0);
