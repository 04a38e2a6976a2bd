import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHlsWatch, probeHls } from '../../src-main/webinar/hls/health';
import {
  startNginxRtmp,
  pushTestStream,
  type NginxRtmp,
  type TestStream,
} from '../helpers/nginxRtmp';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';

/*
 * The HLS health probe (issue #13 §1) against a real nginx-rtmp fed by ffmpeg (recipes §3), then
 * against small HTTP servers for what nginx-rtmp never does: master playlists, no Last-Modified,
 * a skewed clock, redirects, self-signed TLS, errors.
 */

describe('a real nginx-rtmp stream', () => {
  let nginx: NginxRtmp | undefined;
  let push: TestStream | undefined;
  afterEach(async () => {
    await push?.stop();
    await nginx?.close();
    push = undefined;
    nginx = undefined;
  });

  it(
    'is noStream before the push, live at 320×240 during it, stale after it',
    { timeout: 120_000 },
    async () => {
      // hls_cleanup off: the playlist stays after the publisher leaves, so the probe sees it age.
      nginx = await startNginxRtmp({ hlsCleanup: false });
      const url = nginx.hlsUrl('webinar1');
      const watch = createHlsWatch();

      const before = await probeHls(url, { watch });
      expect(before.state).toBe('noStream');
      expect(before.text.en).toContain(url);

      push = pushTestStream(nginx.rtmpUrl('webinar1'));
      const stream = push;
      const live = await until(
        'a live HLS health',
        async () => {
          if (stream.hasExited()) throw new Error(`ffmpeg stopped:\n${stream.tail()}`);
          const health = await probeHls(url, { watch });
          return health.state === 'live' && health.segmentCount >= 2 ? health : undefined;
        },
        { timeoutMs: 60_000, everyMs: 500 },
      );
      expect(live).toMatchObject({ width: 320, height: 240, targetDurationSeconds: 1 });
      // A 320×240 test pattern at ultrafast x264 plus AAC: a few hundred kb/s, never 0 or 10 Mb/s.
      expect(live.bitrateKbps).toBeGreaterThan(30);
      expect(live.bitrateKbps).toBeLessThan(5000);
      expect(live.lastSegmentAgeSeconds).toBeLessThanOrEqual(6);
      expect(live.text.en).toMatch(/^Live: 1\.0 s segments, 320×240, [\d,]+ kb\/s, last segment/);
      expect(live.text.fr).toMatch(/^En direct : segments de 1,0 s, 320×240, /);

      await push.stop();
      const stale = await until(
        'a stale HLS health',
        async () => {
          const health = await probeHls(url, { watch });
          return health.state === 'stale' ? health : undefined;
        },
        { timeoutMs: 60_000, everyMs: 500 },
      );
      expect(stale.lastSegmentAgeSeconds).toBeGreaterThan(6);
      expect(stale.text.en).toContain('Stale');
      expect(stale.text.fr).toContain('Figé');
    },
  );
});

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const servers: Server[] = [];
const listen = async (server: Server, scheme: 'http' | 'https' = 'http') => {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `${scheme}://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
};
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(resolve);
        }),
    ),
  );
});

/** A static server: path → [status, body, headers]; every request path recorded. */
function site(routes: Record<string, [number, string | Buffer, Record<string, string>?]>) {
  const seen: string[] = [];
  const handler: Handler = (req, res) => {
    seen.push(req.url ?? '');
    const route = routes[req.url ?? ''];
    if (!route) {
      res.writeHead(404).end('not found');
      return;
    }
    const [status, body, headers = {}] = route;
    res.writeHead(status, headers).end(body);
  };
  return { seen, handler };
}

const media = (segment: string, extra = '') =>
  `#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-MEDIA-SEQUENCE:7\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.000,\nold.ts\n#EXTINF:2.000,\n${segment}\n${extra}`;
const masterPlaylist =
  '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=640x360\nlive/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1280x720\nhigh/index.m3u8\n';
/** 250,000 bytes over 2 s: 1,000 kb/s. */
const segment = Buffer.alloc(250_000, 0x47);

describe('probeHls on other servers', () => {
  it('follows the first variant of a master playlist and dates a segment from first sight', async () => {
    const { seen, handler } = site({
      '/hls/w.m3u8': [200, masterPlaylist],
      '/hls/live/index.m3u8': [200, media('s8.ts')],
      '/hls/live/s8.ts': [200, segment],
    });
    const base = await listen(createServer(handler));
    const watch = createHlsWatch();
    let clock = Date.parse('2026-03-02T09:00:00Z');
    const now = () => new Date(clock);

    const first = await probeHls(`${base}/hls/w.m3u8`, { watch, now, ffprobe: null });
    expect(first).toMatchObject({
      state: 'live',
      width: 640,
      height: 360,
      bitrateKbps: 1000,
      segmentCount: 2,
      targetDurationSeconds: 2,
      lastSegmentAgeSeconds: 0,
      at: '2026-03-02T09:00:00.000Z',
    });
    expect(first.text.en).toBe('Live: 2.0 s segments, 640×360, 1,000 kb/s, last segment 0 s ago');
    expect(first.text.fr).toBe(
      'En direct : segments de 2,0 s, 640×360, 1\u202f000 kb/s, dernier segment il y a 0 s',
    );

    // Same newest segment 7 s later: older than 3 × 2 s, and not downloaded again.
    clock += 7_000;
    const later = await probeHls(`${base}/hls/w.m3u8`, { watch, now, ffprobe: null });
    expect(later).toMatchObject({ state: 'stale', lastSegmentAgeSeconds: 7, bitrateKbps: 1000 });
    expect(seen.filter((path) => path.endsWith('.ts'))).toEqual(['/hls/live/s8.ts']);
  });

  it("ages a segment by its Last-Modified against the server's own Date", async () => {
    const serverNow = Date.parse('2026-03-02T09:00:30Z');
    const { handler } = site({
      '/w.m3u8': [200, media('s8.ts')],
      '/s8.ts': [
        200,
        segment,
        {
          date: new Date(serverNow).toUTCString(),
          'last-modified': new Date(serverNow - 20_000).toUTCString(),
        },
      ],
    });
    const base = await listen(createServer(handler));
    // Our clock is an hour ahead of the server's: the age is still 20 s.
    const now = () => new Date(serverNow + 3_600_000);
    const health = await probeHls(`${base}/w.m3u8`, { now, ffprobe: null });
    expect(health).toMatchObject({ state: 'stale', lastSegmentAgeSeconds: 20 });
    expect(health.text.en).toContain('last segment 20 s ago (more than 6 s)');
    expect(health.text.fr).toContain('dernier segment il y a 20 s');
  });

  it('follows a redirect and resolves segments against where it landed', async () => {
    const { seen, handler } = site({
      '/old.m3u8': [302, '', { location: '/new/w.m3u8' }],
      '/new/w.m3u8': [200, media('s8.ts')],
      '/new/s8.ts': [200, segment],
    });
    const base = await listen(createServer(handler));
    const health = await probeHls(`${base}/old.m3u8`, { ffprobe: null });
    expect(health.state).toBe('live');
    expect(seen).toContain('/new/s8.ts');
  });

  it('says noStream for 404, 410 and an empty playlist', async () => {
    const { handler } = site({
      '/gone.m3u8': [410, 'gone'],
      '/empty.m3u8': [200, '#EXTM3U\n#EXT-X-TARGETDURATION:2\n'],
      '/variant404.m3u8': [200, masterPlaylist],
    });
    const base = await listen(createServer(handler));
    for (const path of ['/missing.m3u8', '/gone.m3u8', '/empty.m3u8', '/variant404.m3u8']) {
      const health = await probeHls(`${base}${path}`, { ffprobe: null });
      expect(health.state, path).toBe('noStream');
      expect(health.segmentCount).toBe(0);
    }
  });

  it('says an ended playlist (EXT-X-ENDLIST) is not live, however fresh', async () => {
    const { handler } = site({
      '/w.m3u8': [200, media('s8.ts', '#EXT-X-ENDLIST\n')],
      '/s8.ts': [200, segment],
    });
    const base = await listen(createServer(handler));
    const health = await probeHls(`${base}/w.m3u8`, { ffprobe: null });
    expect(health.state).toBe('stale');
    expect(health.text.en).toMatch(/^Ended: /);
  });

  it('reports errors in one line naming the URL: HTTP 500, HTML, a missing segment, no server', async () => {
    const { handler } = site({
      '/500.m3u8': [500, 'oops'],
      '/html.m3u8': [
        200,
        '<html><body>Welcome to nginx!</body></html>',
        { 'content-type': 'text/html' },
      ],
      '/noseg.m3u8': [200, media('lost.ts')],
    });
    const base = await listen(createServer(handler));
    const at = (path: string) => probeHls(`${base}${path}`, { ffprobe: null });

    const status = await at('/500.m3u8');
    expect(status.state).toBe('error');
    expect(status.text.en).toBe(
      `HLS ${base}/500.m3u8: the server answered HTTP 500. Check the HLS URL and the streaming server.`,
    );
    expect(status.text.fr).toContain('a répondu HTTP 500');

    const html = await at('/html.m3u8');
    expect(html.state).toBe('error');
    expect(html.text.en).toContain('not an HLS playlist');
    expect(html.text.fr).toContain("ce n'est pas une liste HLS");

    const lost = await at('/noseg.m3u8');
    expect(lost.state).toBe('error');
    expect(lost.text.en).toContain('newest segment is not (HTTP 404)');

    const closed = await listen(createServer((_req, res) => res.end()));
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const none = await probeHls(`${closed}/w.m3u8`, { ffprobe: null });
    expect(none.state).toBe('error');
    expect(none.text.en).toContain('no answer. Check the HLS URL');
  });

  it(
    'gives up on a server that never answers, within the timeout',
    { timeout: 30_000 },
    async () => {
      const base = await listen(createServer(() => undefined));
      const health = await probeHls(`${base}/w.m3u8`, { timeoutMs: 500, ffprobe: null });
      expect(health.state).toBe('error');
      expect(health.text.en).toContain('no answer in time');
    },
  );

  describe('over TLS', () => {
    let certDir: string;
    let key: Buffer;
    let cert: Buffer;
    beforeAll(() => {
      certDir = makeTempDir();
      // prettier-ignore
      execFileSync('openssl', [
        'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
        '-addext', 'subjectAltName=IP:127.0.0.1',
        '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem'),
      ], { stdio: 'ignore' });
      key = readFileSync(join(certDir, 'key.pem'));
      cert = readFileSync(join(certDir, 'cert.pem'));
    });
    afterAll(() => removeTempDir(certDir));

    it('refuses a self-signed server unless its TLS check is off', async () => {
      const { handler } = site({ '/w.m3u8': [200, media('s8.ts')], '/s8.ts': [200, segment] });
      const base = await listen(createHttpsServer({ key, cert }, handler), 'https');
      const checked = await probeHls(`${base}/w.m3u8`, { ffprobe: null });
      expect(checked.state).toBe('error');
      expect(checked.text.en).toContain('TLS certificate is not trusted');
      expect(checked.text.fr).toContain('certificat TLS');
      const unchecked = await probeHls(`${base}/w.m3u8`, { ffprobe: null, tlsVerify: false });
      expect(unchecked.state).toBe('live');
    });
  });
});
