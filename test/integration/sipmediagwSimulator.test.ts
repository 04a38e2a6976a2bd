import { readFileSync } from 'node:fs';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startSipMediaGwSimulator,
  type SipSimOptions,
  type SipSimulator,
} from '../helpers/sipmediagwSimulator';

/** The SIPMediaGW simulator itself: the wire formats the webinar gateway client is tested against. */

let sims: SipSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});
const start = async (options: SipSimOptions) => {
  // The API alone: these rooms have no page to join (joins: sipmediagwJoin.test.ts).
  const sim = await startSipMediaGwSimulator({ join: false, ...options });
  sims.push(sim);
  return sim;
};

const call = async (
  sim: SipSimulator,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; token?: string | null } = {},
) => {
  const token = options.token === undefined ? sim.token : options.token;
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await request(`${sim.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.body.text();
  return {
    status: res.statusCode,
    type: String(res.headers['content-type']),
    headers: res.headers,
    text,
    json: () => JSON.parse(text) as unknown,
  };
};

const startRequest = JSON.parse(
  readFileSync(
    new URL('../fixtures/sipmediagw/current-fastapi-docs/start_request.json', import.meta.url),
    'utf8',
  ),
) as Record<string, unknown>;

describe('legacy (web.py HTTPLauncher, what Pod uses)', () => {
  const room = '0123456789';
  const startPath = `/start?room=${room}&domain=pod.example.org%2Fmeeting%2F1-w%2Fab&rtmpDst=rtmp%3A%2F%2Flive.example.org%2Flive%2Fw42`;

  it('starts, toggles the chat, posts a message without a token, reports progress and stops', async () => {
    const sim = await start({ generation: 'legacy' });
    const started = await call(sim, 'GET', startPath);
    expect(started.status).toBe(200);
    expect(started.type).toBe('application/json');
    expect(started.json()).toEqual({
      status: 'success',
      details: { res: 'ok', app: 'streaming', uri: 'rtmp://live.example.org/live/w42' },
    });
    expect(sim.running.get(room)).toMatchObject({
      domain: 'pod.example.org/meeting/1-w/ab',
      chatVisible: true,
    });

    expect((await call(sim, 'GET', `/chat?room=${room}&toggle=True`)).json()).toEqual({
      res: 'ok',
    });
    expect(sim.running.get(room)?.chatVisible).toBe(false);
    const posted = await call(sim, 'POST', '/chat', {
      body: { room, msg: 'Question ’ici’' },
      token: null,
    });
    expect(posted.json()).toEqual({ res: 'ok' });
    expect(sim.running.get(room)?.messages).toEqual(['Question ’ici’']);
    expect((await call(sim, 'GET', `/progress?room=${room}`)).json()).toEqual({
      status: 'success',
    });

    const stopped = await call(sim, 'GET', `/stop?room=${room}`);
    expect(stopped.status).toBe(200);
    expect(stopped.json()).toMatchObject({
      status: 'success',
      details: { res: expect.stringContaining('Stopping') },
    });
    expect(sim.running.size).toBe(0);
    expect((await call(sim, 'GET', `/progress?room=${room}`)).json()).toEqual({
      status: 'success',
      gw_state: 'down',
    });
    expect((await call(sim, 'GET', `/stop?room=${room}`)).json()).toEqual({
      Error: `no running container for room=${room}`,
    });
    expect(sim.calls.map((c) => `${c.method} ${c.path}`)).toContain('POST /chat');
    expect(sim.calls[0]).toMatchObject({ query: { room }, authorization: 'Bearer 1234' });
  });

  it('answers 200 + success when the gateway did not start (details.res is "error")', async () => {
    const sim = await start({ generation: 'legacy' });
    sim.nextStart('noResources');
    expect((await call(sim, 'GET', startPath)).json()).toEqual({
      status: 'success',
      details: { res: 'error', type: 'No free resources found' },
    });
    sim.nextStart('launchFailed');
    const failed = await call(sim, 'GET', startPath);
    expect(failed.status).toBe(200);
    expect(failed.json()).toMatchObject({
      details: { res: 'error', type: 'The gateway failed to launch' },
    });
    expect(sim.running.size).toBe(0);
    expect((await call(sim, 'GET', startPath)).json()).toMatchObject({ details: { res: 'ok' } });
  });

  it('rejects a wrong token, and answers the detection probes like web.py', async () => {
    const sim = await start({ generation: 'legacy', token: 's3cret' });
    const denied = await call(sim, 'GET', startPath, { token: '1234' });
    expect(denied.status).toBe(401);
    expect(denied.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(denied.json()).toEqual({ Error: 'authorization error' });
    const noRoom = await call(sim, 'GET', '/start');
    expect([noRoom.status, noRoom.json()]).toEqual([
      400,
      { Error: 'a room name must be specified' },
    ]);
    const probe = await call(sim, 'GET', '/gateway/status');
    expect([probe.status, probe.type, probe.text]).toEqual([
      404,
      'text/html; charset=utf-8',
      'not found',
    ]);
    expect((await call(sim, 'GET', `/chat?room=${room}`)).json()).toEqual({
      Error: 'toggle parameter is expected',
    });
    expect((await call(sim, 'POST', '/chat', { body: { room }, token: null })).json()).toEqual({
      Error: 'message missing or not readable',
    });
  });
});

describe('current (FastAPI, main since 2026-01)', () => {
  it('starts from the documented request, takes commands, reports status and stops', async () => {
    const sim = await start({ generation: 'current' });
    const started = await call(sim, 'POST', '/gateway/start', { body: startRequest });
    expect(started.json()).toEqual({
      status: 'success',
      data: { processing_state: 'working', gw_id: 'gw01' },
    });
    expect(sim.running.get('gw01')).toMatchObject({ rtmpDst: 'rtmp://...', domain: 'example.com' });
    const auto = await call(sim, 'POST', '/gateway/start', {
      body: { room: 'r2', main_app: 'streaming' },
    });
    expect(auto.json()).toMatchObject({ data: { gw_id: 'gw02' } }); // gw01 is taken

    const toggle = { event: 'action', type: 'CHAT_INPUT', action: 'toggle' };
    const ack = await call(sim, 'POST', '/gateway/command?gw_id=gw01', { body: toggle });
    expect(ack.json()).toEqual({ status: 'success', data: { ack: true, received: toggle } });
    await call(sim, 'POST', '/gateway/command?gw_id=gw01', {
      body: { event: 'message', type: 'CHAT_INPUT', text: 'Bonjour' },
    });
    expect(sim.running.get('gw01')).toMatchObject({ chatVisible: false, messages: ['Bonjour'] });
    // The code at 564e7a5 takes {"gw_id","payload"} in the body instead of ?gw_id=.
    const wrapped = await call(sim, 'POST', '/gateway/command', {
      body: { gw_id: 'gw02', payload: toggle },
    });
    expect(wrapped.json()).toEqual({ status: 'success', data: { ack: true, received: toggle } });
    expect(sim.running.get('gw02')?.chatVisible).toBe(false);

    expect((await call(sim, 'GET', '/gateway/status?gw_id=gw01')).json()).toEqual({
      status: 'success',
      data: { gw_state: 'up', gw_id: 'gw01' },
    });
    const stopped = await call(sim, 'POST', '/gateway/stop', {
      body: { gw_id: 'gw01', force: true },
    });
    expect(stopped.json()).toEqual({ status: 'success', data: { processing_state: 'stopped' } });
    expect((await call(sim, 'GET', '/gateway/status?gw_id=gw01')).json()).toMatchObject({
      data: { gw_state: 'down' },
    });
    const again = await call(sim, 'POST', '/gateway/stop', { body: { gw_id: 'gw01' } });
    expect(again.status).toBe(404);
    expect(again.json()).toMatchObject({ status: 'error', error: { code: 'not_found' } });
  });

  it('answers errors in the documented envelope, and the detection probes like FastAPI', async () => {
    const sim = await start({ generation: 'current' });
    const forbidden = await call(sim, 'GET', '/gateway/status?gw_id=gw01', { token: 'nope' });
    expect([forbidden.status, forbidden.json()]).toEqual([
      403,
      { status: 'error', error: { code: 'forbidden', message: 'invalid token' } },
    ]);
    const probe = await call(sim, 'GET', '/gateway/status');
    expect([probe.status, probe.type]).toEqual([422, 'application/json']);
    expect(probe.json()).toMatchObject({ status: 'error', error: { code: 'validation_error' } });
    const legacy = await call(sim, 'GET', '/start');
    expect([legacy.status, legacy.json()]).toEqual([404, { detail: 'Not Found' }]);
    const noRoom = await call(sim, 'POST', '/gateway/start', { body: { main_app: 'streaming' } });
    expect([noRoom.status, noRoom.json()]).toEqual([
      422,
      { status: 'error', error: { code: 'validation_error', message: 'room: field required' } },
    ]);
    sim.nextStart('launchFailed');
    const failed = await call(sim, 'POST', '/gateway/start', { body: { room: 'r' } });
    expect([failed.status, failed.json()]).toEqual([
      500,
      {
        status: 'error',
        error: { code: 'launch_failed', message: 'The gateway failed to launch' },
      },
    ]);
    sim.nextStart('http500');
    expect((await call(sim, 'POST', '/gateway/start', { body: { room: 'r' } })).status).toBe(500);
    expect(sim.running.size).toBe(0);
  });

  it('delays answers by delayMs, and a stalled start never answers', async () => {
    const sim = await start({ generation: 'current', delayMs: 50 });
    const before = Date.now();
    await call(sim, 'GET', '/gateway/status?gw_id=x');
    expect(Date.now() - before).toBeGreaterThanOrEqual(45);
    sim.nextStart('stall');
    const stalled = request(`${sim.url}/gateway/start`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ room: 'r' }),
      signal: AbortSignal.timeout(200),
    });
    await expect(stalled).rejects.toThrow(/abort|timeout/i);
    expect(sim.calls.at(-1)?.path).toBe('/gateway/start');
  });
});
