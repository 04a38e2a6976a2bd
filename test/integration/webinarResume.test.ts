import { afterEach, beforeEach, expect, it } from 'vitest';
import { createBbbClient } from '../../src-main/bbb/api/client';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { addUser } from '../helpers/app';
import { startBbbSimulator, type BbbSimulator } from '../helpers/bbbSimulator';
import { startSipMediaGwSimulator, type SipSimulator } from '../helpers/sipmediagwSimulator';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';

/**
 * Issue #13 §5–6: quitting Régie leaves a live running (the gateway streams on its own); the next
 * start of the console watches it again, once, and still stops it when the meeting ends.
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

it('resumes the watcher of a live webinar after a restart of the console', async () => {
  bbb = await startBbbSimulator({ flavour: 'bbb-3.0' });
  sip = await startSipMediaGwSimulator({ generation: 'legacy', join: false });
  app = createApp({ dataDir: dir, watch: true });
  await addUser(app, 'prof', { affiliation: 'faculty' });
  for (const [key, value] of [
    ['USE_MEETING_WEBINAR', true],
    ['WEBINAR_PUBLIC_URL', 'https://regie.example.org'],
    ['WEBINAR_POLL_SECONDS', 1],
  ] as const)
    await app.api.invoke('settings.set', { key, value });
  const server = await app.api.invoke('bbbServers.add', {
    name: 'bbb',
    url: bbb.url,
    secret: bbb.secret,
  });
  await app.api.invoke('gateways.add', {
    rtmpUrl: 'rtmp://127.0.0.1/live/amphi',
    hlsUrl: 'http://127.0.0.1:1/hls/amphi.m3u8',
    sipmediagwUrl: sip.url,
    token: sip.token,
  });
  const w = await app.api.invoke('webinars.create', {
    serverId: server.id,
    name: 'Amphi',
    startAt: '2026-12-07T09:00Z',
    durationMinutes: 60,
  });
  await app.api.invoke('webinars.start', { id: w.id });
  const join = createBbbClient({ url: bbb.url, secret: bbb.secret }).joinUrl({
    meetingId: w.meetingId,
    fullName: 'Live',
    role: 'VIEWER',
  });
  await fetch(join, { redirect: 'manual' });
  await until(
    'BBB running',
    async () => {
      const v = (await app?.api.invoke('webinars.list', {}))?.find((x) => x.id === w.id);
      return v?.bbb.running ? true : undefined;
    },
    { timeoutMs: 30_000 },
  );

  await app.close();
  expect(sip.running.size).toBe(1);
  app = createApp({ dataDir: dir, watch: true });
  const resumed = (await app.api.invoke('webinars.list', {})).find((x) => x.id === w.id);
  expect(resumed).toMatchObject({ status: 'live', isWatched: true });

  bbb.meetings = [];
  await until(
    'the automatic stop after the restart',
    async () => {
      const v = (await app?.api.invoke('webinars.list', {}))?.find((x) => x.id === w.id);
      return v?.status === 'ended' ? v : undefined;
    },
    { timeoutMs: 60_000 },
  );
  expect(sip.running.size).toBe(0);
  expect(sip.calls.filter((c) => c.path === '/stop')).toHaveLength(1);
}, 120_000);

it('watches a live started by another Régie process (a CLI command) while the console runs', async () => {
  bbb = await startBbbSimulator({ flavour: 'bbb-3.0' });
  sip = await startSipMediaGwSimulator({ generation: 'current', join: false });
  app = createApp({ dataDir: dir, watch: true });
  await addUser(app, 'prof', { affiliation: 'faculty' });
  for (const [key, value] of [
    ['USE_MEETING_WEBINAR', true],
    ['WEBINAR_PUBLIC_URL', 'https://regie.example.org'],
    ['WEBINAR_POLL_SECONDS', 1],
  ] as const)
    await app.api.invoke('settings.set', { key, value });
  const server = await app.api.invoke('bbbServers.add', {
    name: 'bbb',
    url: bbb.url,
    secret: bbb.secret,
  });
  await app.api.invoke('gateways.add', {
    rtmpUrl: 'rtmp://127.0.0.1/live/amphi',
    hlsUrl: 'http://127.0.0.1:1/hls/amphi.m3u8',
    sipmediagwUrl: sip.url,
    token: sip.token,
  });
  const w = await app.api.invoke('webinars.create', {
    serverId: server.id,
    name: 'Amphi',
    startAt: '2026-12-07T09:00Z',
    durationMinutes: 60,
  });

  const cli = createApp({ dataDir: dir });
  await cli.api.invoke('webinars.start', { id: w.id });
  await cli.close();
  await fetch(
    createBbbClient({ url: bbb.url, secret: bbb.secret }).joinUrl({
      meetingId: w.meetingId,
      fullName: 'Live',
      role: 'VIEWER',
    }),
    { redirect: 'manual' },
  );
  await until(
    'the console watching it',
    async () => {
      const v = (await app?.api.invoke('webinars.list', {}))?.find((x) => x.id === w.id);
      return v?.isWatched && v.bbb.running ? true : undefined;
    },
    { timeoutMs: 30_000 },
  );

  bbb.meetings = [];
  await until(
    'the automatic stop by the console',
    async () => {
      const v = (await app?.api.invoke('webinars.list', {}))?.find((x) => x.id === w.id);
      return v?.status === 'ended' ? v : undefined;
    },
    { timeoutMs: 60_000 },
  );
  expect(sip.running.size).toBe(0);
}, 120_000);
