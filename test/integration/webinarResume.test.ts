import { afterEach, beforeEach, expect, it } from 'vitest';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { startBbbSimulator, type BbbSimulator } from '../helpers/bbbSimulator';
import { startSipMediaGwSimulator, type SipSimulator } from '../helpers/sipmediagwSimulator';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import {
  addBbbServer,
  addGateway,
  enableWebinars,
  joinAsViewer,
  untilWebinar,
} from '../helpers/webinars';

/**
 * Issue #13 §5–6: quitting Régie leaves a live running (the gateway streams on its own); the next
 * start of the console watches it again, once, and still stops it when the meeting ends. A live
 * started by another process (a CLI command) is watched by the running console the same way.
 */

let app: RegieApp | undefined;
let bbb: BbbSimulator | undefined;
let sip: SipSimulator | undefined;
let dir = '';
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(async () => {
  await app?.close();
  await sip?.close();
  await bbb?.close();
  removeTempDir(dir);
});

/** A console on a fresh data dir with one scheduled webinar on the simulators. */
async function consoleWithWebinar(generation: 'legacy' | 'current') {
  bbb = await startBbbSimulator({ flavour: 'bbb-3.0' });
  sip = await startSipMediaGwSimulator({ generation, join: false });
  const console = createApp({ dataDir: dir, watch: true });
  app = console;
  await enableWebinars(console);
  const server = await addBbbServer(console, bbb);
  await addGateway(console, sip);
  const webinar = await console.api.invoke('webinars.create', {
    serverId: server.id,
    name: 'Amphi',
    startAt: '2026-12-07T09:00Z',
    durationMinutes: 60,
  });
  return { console, bbb, sip, webinar };
}

it('resumes the watcher of a live webinar after a restart of the console', async () => {
  const { console, bbb, sip, webinar } = await consoleWithWebinar('legacy');
  await console.api.invoke('webinars.start', { id: webinar.id });
  await joinAsViewer(bbb, webinar.meetingId);
  await untilWebinar(console, webinar.id, 'BBB running', (w) => w.bbb.running === true);

  await console.close();
  expect(sip.running.size).toBe(1);
  const again = createApp({ dataDir: dir, watch: true });
  app = again;
  const resumed = await untilWebinar(again, webinar.id, 'resumed', () => true);
  expect(resumed).toMatchObject({ status: 'live', isWatched: true });

  bbb.meetings = [];
  await untilWebinar(again, webinar.id, 'the stop after the restart', (w) => w.status === 'ended');
  expect(sip.running.size).toBe(0);
  expect(sip.calls.filter((c) => c.path === '/stop')).toHaveLength(1);
}, 120_000);

it('watches a live started by another Régie process (a CLI command) while the console runs', async () => {
  const { console, bbb, sip, webinar } = await consoleWithWebinar('current');
  const cli = createApp({ dataDir: dir });
  await cli.api.invoke('webinars.start', { id: webinar.id });
  await cli.close();
  await joinAsViewer(bbb, webinar.meetingId);
  await untilWebinar(
    console,
    webinar.id,
    'the console watching it',
    (w) => w.isWatched && w.bbb.running === true,
  );

  bbb.meetings = [];
  await untilWebinar(console, webinar.id, 'the stop by the console', (w) => w.status === 'ended');
  expect(sip.running.size).toBe(0);
}, 120_000);
