import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createBbbClient } from '../../src-main/bbb/api/client';
import { openGateway, type GatewayClient } from '../../src-main/webinar/gateway';
import { probeHls } from '../../src-main/webinar/hls/health';
import { startBbbSimulator, type BbbSimulator } from '../helpers/bbbSimulator';
import { startNginxRtmp, type NginxRtmp } from '../helpers/nginxRtmp';
import { descendantsOf } from '../helpers/servers';
import { startSipMediaGwSimulator, type SipSimulator } from '../helpers/sipmediagwSimulator';
import { until } from '../helpers/until';

/*
 * The SIPMediaGW simulator joins for real (issue #13, Tests): on start it opens the relay's room
 * page, fills `#id_name`, follows the relay's redirect into the BBB simulator's join, then pushes
 * an ffmpeg stream to a real nginx-rtmp whose HLS side the health probe sees live; a stop ends
 * the push. The relay here is a stand-in for Régie's (a Pod-style Django form with its CSRF).
 */

const key = 'a'.repeat(54);
const room = '0123456789';

let bbb: BbbSimulator | undefined;
let sip: SipSimulator | undefined;
let nginx: NginxRtmp | undefined;
let gateway: GatewayClient | undefined;
let relay: Server | undefined;
afterEach(async () => {
  await gateway?.close();
  await sip?.close();
  await nginx?.close();
  await bbb?.close();
  relay?.closeAllConnections();
  await new Promise((resolve) => (relay ? relay.close(resolve) : resolve(undefined)));
  bbb = sip = nginx = gateway = relay = undefined;
});

/** The ffmpeg processes this test process has started and that still run. */
const ffmpegChildren = () =>
  descendantsOf(process.pid).filter((pid) => {
    try {
      return readFileSync(`/proc/${String(pid)}/comm`, 'utf8').trim() === 'ffmpeg';
    } catch {
      // Gone while we looked: not running.
      return false;
    }
  });

/** A Pod-like join page: a CSRF cookie and hidden token, `input#id_name`, a 302 to BBB. */
async function startRelay(joinUrlFor: (name: string) => string, page?: string) {
  const posted: string[] = [];
  relay = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://relay');
    if (url.pathname !== `/live/${key}/${room}`) {
      res.writeHead(404).end('not found');
      return;
    }
    if (req.method === 'GET') {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'set-cookie': 'csrftoken=c5rf; Path=/; SameSite=Lax',
      });
      res.end(
        page ??
          `<!DOCTYPE html><html><body><h1>Webinaire</h1>
<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="c5rf">
<input type="text" name="name" id="id_name" maxlength="64"><button>Join</button></form></body></html>`,
      );
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      if (form.get('csrfmiddlewaretoken') !== 'c5rf' || req.headers.cookie !== 'csrftoken=c5rf') {
        res.writeHead(403).end('CSRF verification failed');
        return;
      }
      const name = form.get('name') ?? '';
      posted.push(name);
      res.writeHead(302, { location: joinUrlFor(name) }).end();
    });
  });
  await new Promise<void>((resolve) => relay?.listen(0, '127.0.0.1', resolve));
  const port = (relay.address() as AddressInfo).port;
  return { domain: `127.0.0.1:${String(port)}/live/${key}`, posted };
}

async function startBbb() {
  bbb = await startBbbSimulator({ flavour: 'bbb-3.0' });
  const client = createBbbClient({ url: bbb.url, secret: bbb.secret });
  await client.create([
    ['name', 'Amphi 1'],
    ['meetingID', 'webinar-1'],
  ]);
  return { bbb, client };
}

describe.each(['legacy', 'current'] as const)('a %s SIPMediaGW start', (generation) => {
  it(
    'joins through the relay form into BBB, pushes to nginx-rtmp, and stops pushing on stop',
    { timeout: 120_000 },
    async () => {
      const { bbb, client } = await startBbb();
      const { domain, posted } = await startRelay((fullName) =>
        client.joinUrl({ meetingId: 'webinar-1', fullName, role: 'VIEWER' }),
      );
      nginx = await startNginxRtmp();
      sip = await startSipMediaGwSimulator({
        generation,
        joinScheme: 'http',
        displayName: 'Live',
      });
      gateway = await openGateway({
        url: sip.url,
        token: sip.token,
        api: 'auto',
        tlsVerify: true,
        timeoutMs: 10_000,
      });
      const handle = await gateway.start({ room, domain, rtmpDst: nginx.rtmpUrl('webinar1') });
      const entry = sip.running.get(handle.gwId ?? handle.room);
      expect(entry).toBeDefined();

      const pushing = await until(
        'the gateway pushing',
        () => {
          if (entry?.joinError) throw new Error(`join failed: ${entry.joinError}`);
          return entry?.pushing ? entry : undefined;
        },
        { timeoutMs: 60_000, everyMs: 100 },
      );
      expect(posted).toEqual(['Live']);
      expect(pushing.joined?.name).toBe('Live');
      expect(pushing.joined?.joinUrl).toMatch(new RegExp(`^${bbb.url}/join\\?`));
      expect(bbb.joins).toMatchObject([
        { meetingId: 'webinar-1', fullName: 'Live', role: 'VIEWER' },
      ]);
      expect(await client.isMeetingRunning('webinar-1')).toBe(true);

      const url = nginx.hlsUrl('webinar1');
      const live = await until(
        'the HLS side live',
        async () => {
          const health = await probeHls(url);
          return health.state === 'live' ? health : undefined;
        },
        { timeoutMs: 60_000, everyMs: 500 },
      );
      expect(live).toMatchObject({ width: 320, height: 240 });

      expect(ffmpegChildren()).toHaveLength(1);
      await gateway.stop(handle);
      // The stop answered once the push had ended.
      expect(pushing.pushing).toBe(false);
      expect(ffmpegChildren()).toEqual([]);
      expect(sip.running.size).toBe(0);
    },
  );
});

describe('a join that cannot happen', () => {
  it('records why: no form on the page, or BBB refusing the join; nothing is pushed', async () => {
    const { client } = await startBbb();
    const noForm = await startRelay(
      () => client.joinUrl({ meetingId: 'webinar-1', fullName: 'x', role: 'VIEWER' }),
      '<html><body><p>Ce webinaire est terminé.</p></body></html>',
    );
    sip = await startSipMediaGwSimulator({ generation: 'legacy', joinScheme: 'http' });
    gateway = await openGateway({
      url: sip.url,
      token: sip.token,
      api: 'legacy',
      tlsVerify: true,
      timeoutMs: 10_000,
    });
    await gateway.start({ room, domain: noForm.domain, rtmpDst: 'rtmp://127.0.0.1:1/live/x' });
    const entry = sip.running.get(room);
    const error = await until('a join error', () => entry?.joinError ?? undefined, {
      timeoutMs: 30_000,
      everyMs: 50,
    });
    expect(error).toContain('no form with an input#id_name');
    expect(entry).toMatchObject({ joined: null, pushing: false });
    await gateway.stop({ generation: 'legacy', room, gwId: null });

    // The relay sends a join for a meeting BBB does not have: BBB's FAILED answer, said.
    relay?.closeAllConnections();
    await new Promise((resolve) => relay?.close(resolve));
    const wrongMeeting = await startRelay((fullName) =>
      client.joinUrl({ meetingId: 'no-such-meeting', fullName, role: 'VIEWER' }),
    );
    await gateway.start({ room, domain: wrongMeeting.domain, rtmpDst: 'rtmp://127.0.0.1:1/x' });
    const second = sip.running.get(room);
    expect(
      await until('a join error', () => second?.joinError ?? undefined, {
        timeoutMs: 30_000,
        everyMs: 50,
      }),
    ).toContain('FAILED invalidMeetingIdentifier');
    expect(second?.pushing).toBe(false);
    expect(ffmpegChildren()).toEqual([]);
  });
});
