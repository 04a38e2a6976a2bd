import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { allowedHostNames } from '../../src-main/host/auth';
import { startHost, type RunningHost } from '../../src-main/host/server';
import { rejectionOf } from '../helpers/errors';
import { httpRequest } from '../helpers/http';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { openSocket, resultOf, upgradeStatus } from '../helpers/ws';

const indexHtml =
  '<!doctype html><title>Régie test console</title><div id="root">INDEX-MARKER</div>';
const appJs = 'console.info("APP-JS-MARKER");';

/** A stand-in for out/renderer: what the host serves is ours, not the real build's. */
function writeStaticDir(dir: string): string {
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), indexHtml);
  writeFileSync(join(root, 'assets', 'app.js'), appJs);
  return root;
}

describe('web host', () => {
  let dir: string;
  let app: RegieApp;
  let host: RunningHost;
  let token: string;
  let port: number;
  /** What the browser sends once it has traded the token for the cookie. */
  let cookie: string;

  beforeEach(async () => {
    dir = makeTempDir();
    app = createApp({ dataDir: join(dir, 'data') });
    host = await startHost({ app, staticDir: writeStaticDir(dir) });
    const url = new URL(host.url);
    token = url.searchParams.get('token') ?? '';
    port = host.port;
    cookie = `regie_session=${encodeURIComponent(token)}`;
  });
  afterEach(async () => {
    await host.close();
    await app.close();
    removeTempDir(dir);
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    httpRequest({ port, path, headers });

  it('prints a loopback URL carrying a long random token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${String(port)}/\\?token=`));
    expect(token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers 401 with the login hint, not the console, without a token', async () => {
    const response = await get('/');

    expect(response.status).toBe(401);
    expect(response.body).toContain('regie serve');
    expect(response.body).not.toContain('INDEX-MARKER');
  });

  it('answers 401 for an asset without a token', async () => {
    const response = await get('/assets/app.js');

    expect(response.status).toBe(401);
    expect(response.body).not.toContain('APP-JS-MARKER');
  });

  it('answers 401 for a wrong token, in the URL, a cookie or a bearer header', async () => {
    const wrong = `${token.slice(0, -1)}x`;
    expect((await get(`/?token=${wrong}`)).status).toBe(401);
    expect((await get('/', { Cookie: `regie_session=${wrong}` })).status).toBe(401);
    expect((await get('/', { Authorization: `Bearer ${wrong}` })).status).toBe(401);
    expect((await get('/?token=')).status).toBe(401);
  });

  it('trades the token in the URL for an HttpOnly SameSite=Strict cookie and a clean address', async () => {
    const response = await get(`/?token=${encodeURIComponent(token)}`);

    expect(response.status).toBe(302);
    const setCookie = response.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toContain(`regie_session=${encodeURIComponent(token)}`);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/i);
    expect(response.headers.location).toBe('/');
    expect(response.headers.location).not.toContain(token);
  });

  it('serves the console with a Content-Security-Policy once the cookie is set', async () => {
    const response = await get('/', { Cookie: cookie });

    expect(response.status).toBe(200);
    expect(response.body).toBe(indexHtml);
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('serves assets to a bearer token too', async () => {
    const response = await get('/assets/app.js', { Authorization: `Bearer ${token}` });

    expect(response.status).toBe(200);
    expect(response.body).toBe(appJs);
    expect(response.headers['content-type']).toContain('javascript');
  });

  it.each([
    '/../../etc/passwd',
    '/../../../../../../../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/..%5c..%5c..%5cetc%5cpasswd',
  ])('never serves a file outside the console for %s', async (path) => {
    const passwd = readFileSync('/etc/passwd', 'utf8');

    const response = await get(path, { Cookie: cookie });

    expect(response.body).not.toContain(passwd.slice(0, 20));
    expect(response.body).not.toMatch(/root:.*:0:0:/);
    expect([200, 400]).toContain(response.status);
  });

  it('answers 421 to a Host it does not know, even with the token', async () => {
    const response = await get(`/?token=${encodeURIComponent(token)}`, {
      Host: `evil.example:${String(port)}`,
    });
    const withCookie = await get('/', { Host: `evil.example:${String(port)}`, Cookie: cookie });

    expect(response.status).toBe(421);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(withCookie.status).toBe(421);
    expect(withCookie.body).not.toContain('INDEX-MARKER');
  });

  it('accepts localhost as a Host', async () => {
    expect((await get('/', { Host: `localhost:${String(port)}`, Cookie: cookie })).status).toBe(
      200,
    );
  });

  describe('WebSocket /ws', () => {
    const wsUrl = () => `ws://127.0.0.1:${String(port)}/ws`;
    const origin = () => `http://127.0.0.1:${String(port)}`;

    it('refuses a socket without the token with 401', async () => {
      expect(await upgradeStatus(wsUrl(), { origin: origin() })).toBe(401);
    });

    it('refuses a socket from another origin with 403, token or not', async () => {
      expect(
        await upgradeStatus(wsUrl(), {
          origin: 'http://evil.example',
          headers: { Cookie: cookie },
        }),
      ).toBe(403);
      expect(
        await upgradeStatus(`${wsUrl()}?token=${encodeURIComponent(token)}`, {
          origin: 'http://evil.example',
        }),
      ).toBe(403);
      // A page that sends no Origin at all is not one we served either.
      expect(await upgradeStatus(wsUrl(), { headers: { Cookie: cookie } })).toBe(403);
    });

    it('refuses a socket on an unknown Host with 421', async () => {
      const status = await upgradeStatus(wsUrl(), {
        origin: 'http://evil.example',
        headers: { Cookie: cookie, Host: 'evil.example' },
      });
      expect(status).toBe(421);
    });

    it('carries calls and pushes events to a socket with the cookie and our origin', async () => {
      const socket = await openSocket(wsUrl(), { origin: origin(), headers: { Cookie: cookie } });
      try {
        socket.send({
          type: 'call',
          id: 1,
          name: 'recorders.create',
          args: { name: 'A', directory: 'a' },
        });

        const outcome = await resultOf(socket, 1);
        expect(outcome).toMatchObject({ ok: true, value: { name: 'A', directory: 'a' } });
        const changed = await socket.waitFor(
          (m) => m.type === 'event' && m.name === 'recorders.changed',
          'changed',
        );
        expect(changed).toMatchObject({ payload: { items: [{ name: 'A', directory: 'a' }] } });
        const journal = await socket.waitFor(
          (m) => m.type === 'event' && m.name === 'journal.appended',
          'journal',
        );
        expect(journal).toMatchObject({ payload: { kind: 'recorders.created' } });
        expect(await app.api.invoke('recorders.list', {})).toHaveLength(1);
      } finally {
        socket.close();
      }
    });

    it('answers bad arguments and unknown calls with ok:false, and keeps the socket', async () => {
      const socket = await openSocket(wsUrl(), { origin: origin(), headers: { Cookie: cookie } });
      try {
        socket.send({
          type: 'call',
          id: 2,
          name: 'recorders.create',
          args: { name: 5, directory: 'a' },
        });
        socket.send({ type: 'call', id: 3, name: 'recorders.explode', args: {} });
        socket.send({
          type: 'call',
          id: 4,
          name: 'recorders.create',
          args: { name: 'A', directory: '../a' },
        });
        socket.send({ type: 'call', id: 5, name: 'recorders.list', args: {} });

        expect(await resultOf(socket, 2)).toMatchObject({
          ok: false,
          error: { code: 'bad_request' },
        });
        expect(await resultOf(socket, 3)).toMatchObject({
          ok: false,
          error: { code: 'bad_request' },
        });
        expect(await resultOf(socket, 4)).toMatchObject({
          ok: false,
          error: { code: 'validation', fieldErrors: { directory: expect.anything() as unknown } },
        });
        expect(await resultOf(socket, 5)).toEqual({ ok: true, value: [] });
      } finally {
        socket.close();
      }
    });
  });
});

/** A fresh app and data directory per test, for the start-up checks below. */
function useApp(): { dir: () => string; app: () => RegieApp } {
  let dir = '';
  let app: RegieApp | undefined;
  beforeEach(() => {
    dir = makeTempDir();
    app = createApp({ dataDir: join(dir, 'data') });
  });
  afterEach(async () => {
    await app?.close();
    removeTempDir(dir);
  });
  return {
    dir: () => dir,
    app: () => {
      if (!app) throw new Error('no app yet');
      return app;
    },
  };
}

describe('startHost refuses unsafe or impossible set-ups', () => {
  const { dir, app } = useApp();

  it('refuses to listen on 0.0.0.0 without allowRemote', async () => {
    const options = { app: app(), staticDir: writeStaticDir(dir()), host: '0.0.0.0' };
    const error = await rejectionOf(startHost(options));
    expect(error.message).toContain('--allow-remote');
  });

  it('refuses allowRemote with a token shorter than 32 characters, or none', async () => {
    const options = {
      app: app(),
      staticDir: writeStaticDir(dir()),
      host: '0.0.0.0',
      allowRemote: true,
    };
    const short = await rejectionOf(startHost({ ...options, token: 'x'.repeat(31) }));
    expect(short.message).toContain('32');
    expect((await rejectionOf(startHost(options))).message).toContain('token');
  });

  it('refuses to start without index.html, saying to run npm run build', async () => {
    const error = await rejectionOf(
      startHost({ app: app(), staticDir: join(dir(), 'nothing-built') }),
    );
    expect(error.message).toContain('npm run build');
  });
});

describe('startHost bound for remote access', () => {
  const { dir, app } = useApp();
  const remoteToken = 'r'.repeat(20) + 'e'.repeat(20);

  // Requests go to 127.0.0.1 only (tests never reach another address); the Host header says
  // which name the browser used, which is what the DNS-rebinding guard looks at.
  it('answers any Host when bound to every address (0.0.0.0), token still required', async () => {
    const running = await startHost({
      app: app(),
      staticDir: writeStaticDir(dir()),
      host: '0.0.0.0',
      allowRemote: true,
      token: remoteToken,
    });
    try {
      const port = running.port;
      const asLan = { Host: `media-pc.univ.fr:${String(port)}` };
      const withToken = await httpRequest({
        host: '127.0.0.1',
        port,
        path: '/',
        headers: { ...asLan, Authorization: `Bearer ${remoteToken}` },
      });
      expect(withToken.status).toBe(200);
      const without = await httpRequest({ host: '127.0.0.1', port, path: '/', headers: asLan });
      expect(without.status).toBe(401);
    } finally {
      await running.close();
    }
  });
});

describe('allowedHostNames', () => {
  it('keeps loopback names and the bound address, bracketing IPv6 as Host headers do', () => {
    expect(allowedHostNames('127.0.0.1')).toEqual(new Set(['127.0.0.1', 'localhost', '[::1]']));
    expect(allowedHostNames('fd00::2')).toEqual(
      new Set(['127.0.0.1', 'localhost', '[::1]', '[fd00::2]']),
    );
    expect(allowedHostNames('192.0.2.2')).toEqual(
      new Set(['127.0.0.1', 'localhost', '[::1]', '192.0.2.2']),
    );
  });
  it('accepts any name when bound to every address', () => {
    expect(allowedHostNames('0.0.0.0')).toBe('any');
    expect(allowedHostNames('::')).toBe('any');
  });
});
