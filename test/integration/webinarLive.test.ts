import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HlsHealth } from '../../src-preload/contract';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { startHost, type RunningHost } from '../../src-main/host/server';
import { startBbbSimulator, type BbbSimulator } from '../helpers/bbbSimulator';
import { startNginxRtmp, type NginxRtmp } from '../helpers/nginxRtmp';
import { startSipMediaGwSimulator, type SipSimulator } from '../helpers/sipmediagwSimulator';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';
import { addBbbServer, addGateway, enableWebinars, untilWebinar } from '../helpers/webinars';

/**
 * Issue #13, the whole chain with real pieces where they can run here: Régie's web host serves
 * the join relay; the SIPMediaGW simulator, started by Régie, opens it, fills `#id_name`, is sent
 * into the BBB simulator as a viewer and pushes an ffmpeg stream to a real nginx-rtmp, whose HLS
 * side Régie's health probe sees live. The moderator ends the meeting in BBB: the watcher stops
 * the live, the push ends, the stream goes stale.
 */

let dir: string;
let app: RegieApp;
let host: RunningHost;
let bbb: BbbSimulator;
let sip: SipSimulator;
let nginx: NginxRtmp;

beforeEach(async () => {
  dir = makeTempDir();
  const root = join(dir, 'renderer');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>console</title>');
  app = createApp({ dataDir: join(dir, 'data'), watch: false });
  host = await startHost({ app, staticDir: root });
  bbb = await startBbbSimulator({ flavour: 'bbb-3.0' });
  nginx = await startNginxRtmp({ hlsCleanup: false });
});
afterEach(async () => {
  await app.close();
  await host.close();
  await sip.close();
  await nginx.close();
  await bbb.close();
  removeTempDir(dir);
});

const healthOf = (gatewayId: number, state: HlsHealth['state']) => async () => {
  const health = await app.api.invoke('gateways.health', { id: gatewayId });
  return health.state === state ? health : undefined;
};

describe.each(['legacy', 'current'] as const)(
  'a live webinar through a %s SIPMediaGW',
  (generation) => {
    it('joins through the relay as a viewer, streams to nginx-rtmp, and stops when BBB ends the meeting', async () => {
      sip = await startSipMediaGwSimulator({ generation, joinScheme: 'http' });
      await enableWebinars(app, { publicUrl: `http://127.0.0.1:${String(host.port)}` });
      const server = await addBbbServer(app, bbb);
      const gateway = await addGateway(app, sip, {
        rtmpUrl: nginx.rtmpUrl('amphi'),
        hlsUrl: nginx.hlsUrl('amphi'),
        api: generation,
      });
      expect((await app.api.invoke('gateways.health', { id: gateway.id })).state).toBe('noStream');
      const w = await app.api.invoke('webinars.create', {
        serverId: server.id,
        name: 'Amphi L1',
        startAt: '2026-12-07T09:00Z',
        durationMinutes: 60,
        enableChat: true,
      });

      const live = await app.api.invoke('webinars.start', { id: w.id });
      expect(live.status).toBe('live');
      const running = await until(
        'the gateway joined and pushing',
        () => {
          const entry = [...sip.running.values()][0];
          if (entry?.joinError) throw new Error(`join failed: ${entry.joinError}`);
          return entry?.pushing ? entry : undefined;
        },
        { timeoutMs: 60_000 },
      );
      expect(running.joined?.name).toBe('SIPMediaGW');
      expect(bbb.joins.at(-1)).toMatchObject({
        meetingId: w.meetingId,
        fullName: 'SIPMediaGW',
        role: 'VIEWER',
      });

      const health = await until('the HLS side live', healthOf(gateway.id, 'live'), {
        timeoutMs: 60_000,
        everyMs: 500,
      });
      expect(health.width).toBe(320);
      expect(health.height).toBe(240);
      await untilWebinar(app, w.id, 'BBB running', (v) => v.bbb.running === true);

      // The moderator ends the meeting in BBB.
      bbb.meetings = [];
      const ended = await untilWebinar(
        app,
        w.id,
        'the automatic stop',
        (v) => v.status === 'ended',
      );
      expect(ended.isWatched).toBe(false);
      expect(sip.running.size).toBe(0);
      await until('the HLS side stale', healthOf(gateway.id, 'stale'), {
        timeoutMs: 60_000,
        everyMs: 1_000,
      });
    }, 240_000);
  },
);
