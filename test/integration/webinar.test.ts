import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebinarView } from '../../src-preload/contract';
import { addUser, appPerTest } from '../helpers/app';
import { startBbbSimulator, type BbbSimulator, type SimFlavour } from '../helpers/bbbSimulator';
import { rejectionOf } from '../helpers/errors';
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink';
import { startSipMediaGwSimulator, type SipSimulator } from '../helpers/sipmediagwSimulator';
import { until } from '../helpers/until';
import { joinAsViewer } from '../helpers/webinars';

/**
 * Issue #13 §2–§7 through the API, against the BBB and SIPMediaGW simulators: allocation,
 * start (success only on `res: ok`), stop, restart with one watcher, end (BBB `end` once), the
 * automatic stop after two "not running" (≤ 15 s; here with 1 s polls), a BBB outage that never
 * stops a live (pod-behaviour.md §8.5.6), the chat panel's state and listener chat.
 */

const ctx = appPerTest();
let bbb: BbbSimulator | undefined;
const sims: SipSimulator[] = [];
let smtp: SmtpSink | undefined;

afterEach(async () => {
  await ctx.app.close();
  await Promise.all(sims.splice(0).map((s) => s.close()));
  await bbb?.close();
  await smtp?.close();
  bbb = undefined;
  smtp = undefined;
});

const api = () => ctx.app.api;
const set = (key: string, value: unknown) => api().invoke('settings.set', { key, value });

async function setUp(
  options: { flavour?: SimFlavour; gateways?: number; generation?: 'legacy' | 'current' } = {},
) {
  bbb = await startBbbSimulator({ flavour: options.flavour ?? 'bbb-3.0' });
  await set('USE_MEETING_WEBINAR', true);
  await set('WEBINAR_PUBLIC_URL', 'https://regie.example.org');
  await set('WEBINAR_POLL_SECONDS', 1);
  const server = await api().invoke('bbbServers.add', {
    name: 'bbb-test',
    url: bbb.url,
    secret: bbb.secret,
  });
  const gateways = [];
  for (let i = 0; i < (options.gateways ?? 1); i++) {
    const sim = await startSipMediaGwSimulator({
      generation: options.generation ?? 'legacy',
      join: false,
    });
    sims.push(sim);
    gateways.push(
      await api().invoke('gateways.add', {
        rtmpUrl: `rtmp://127.0.0.1/live/webinar${String(i + 1)}`,
        hlsUrl: `http://127.0.0.1:1/hls/webinar${String(i + 1)}.m3u8`,
        sipmediagwUrl: sim.url,
        token: sim.token,
      }),
    );
  }
  return { server, gateways };
}

const create = (serverId: number, patch: Partial<Parameters<typeof make>[1]> = {}) =>
  make(serverId, patch);
function make(
  serverId: number,
  patch: { name?: string; startAt?: string; durationMinutes?: number; enableChat?: boolean },
) {
  return api().invoke('webinars.create', {
    serverId,
    name: patch.name ?? "L'amphi L1 — biologie",
    startAt: patch.startAt ?? '2026-12-07T09:00:00Z',
    durationMinutes: patch.durationMinutes ?? 120,
    enableChat: patch.enableChat ?? false,
  });
}

const reload = async (id: number): Promise<WebinarView> => {
  const found = (await api().invoke('webinars.list', {})).find((w) => w.id === id);
  if (!found) throw new Error(`webinar ${String(id)} gone`);
  return found;
};
/** Start requests, not the probe of `auto` (a `/start` without a room: bbb.md §4.3). */
const startsOf = (sim: SipSimulator) =>
  sim.calls.filter((c) => (c.path === '/start' && c.query.room) || c.path === '/gateway/start');
const stopsOf = (sim: SipSimulator) => sim.calls.filter((c) => /stop$/.test(c.path));

describe.each(['legacy', 'current'] as const)('a %s gateway test (§1)', (generation) => {
  it('proves the token even when the API generation is given, not probed', async () => {
    const sim = await startSipMediaGwSimulator({ generation, join: false });
    sims.push(sim);
    const add = (token: string, name: string) =>
      api().invoke('gateways.add', {
        name,
        rtmpUrl: `rtmp://127.0.0.1/live/${name}`,
        hlsUrl: `http://127.0.0.1:1/hls/${name}.m3u8`,
        sipmediagwUrl: name === 'good' ? sim.url : `${sim.url}/`,
        token,
        api: generation,
      });
    const good = await api().invoke('gateways.test', { id: (await add(sim.token, 'good')).id });
    expect(good.lastTest).toMatchObject({ ok: true, generation });
    await api().invoke('gateways.remove', { id: good.id });
    const bad = await api().invoke('gateways.test', { id: (await add('wrong', 'bad')).id });
    expect(bad.lastTest?.ok).toBe(false);
    expect(bad.lastTest?.text.en).toMatch(/token is refused/);
  });
});

describe('webinar creation and gateway allocation (§2, §3)', () => {
  it('refuses while USE_MEETING_WEBINAR is off, a restricted meeting, and bad fields, each saying why', async () => {
    const { server } = await setUp();
    await set('USE_MEETING_WEBINAR', false);
    expect((await rejectionOf(create(server.id))).message).toMatch(/USE_MEETING_WEBINAR/);
    await set('USE_MEETING_WEBINAR', true);
    const restricted = await rejectionOf(
      api().invoke('webinars.create', {
        serverId: server.id,
        name: 'Privé',
        startAt: '2026-12-07T09:00Z',
        durationMinutes: 60,
        isRestricted: true,
      }),
    );
    // pod-behaviour.md §8.5.11: refused on the server side, not only in a form.
    expect(restricted.message).toMatch(/restricted meeting cannot be a webinar/);
    const bad = await rejectionOf(
      create(server.id, { startAt: '07/12/2026 9h', durationMinutes: 0 }),
    );
    expect(bad.message).toMatch(/startAt/);
    expect(bad.message).toMatch(/durationMinutes/);
    expect(await api().invoke('webinars.list', {})).toEqual([]);
  });

  it('keeps a BBB server that has webinars, saying why', async () => {
    const { server } = await setUp();
    await create(server.id);
    const refused = await rejectionOf(api().invoke('bbbServers.remove', { id: server.id }));
    expect(refused.message).toMatch(/has webinars: remove them/);
    expect(await api().invoke('bbbServers.list', {})).toHaveLength(1);
  });

  it('gives each overlapping webinar its own gateway, refuses one too many naming the holders, mails the admins once', async () => {
    smtp = await startSmtpSink();
    await set('EMAIL_HOST', smtp.host);
    await set('EMAIL_PORT', smtp.port);
    await set('ADMINS', [['Admin', 'admin@univ.example']]);
    const { server, gateways } = await setUp({ gateways: 2 });
    const a = await create(server.id, { name: 'Cours A' });
    const b = await create(server.id, { name: 'Cours B', startAt: '2026-12-07T10:00Z' });
    expect(new Set([a.gatewayId, b.gatewayId])).toEqual(new Set(gateways.map((g) => g.id)));

    const refused = await rejectionOf(
      create(server.id, { name: 'Cours C', startAt: '2026-12-07T10:30Z', durationMinutes: 30 }),
    );
    expect(refused.message).toMatch(/No live gateway is free/);
    expect(refused.message).toContain('"Cours A"');
    expect(refused.message).toContain('"Cours B"');
    await rejectionOf(
      create(server.id, { name: 'Cours C bis', startAt: '2026-12-07T10:30Z', durationMinutes: 30 }),
    );
    await until('the capacity mail', () => (smtp?.messages.length === 1 ? true : undefined), {
      timeoutMs: 20_000,
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]?.raw).toMatch(/Too many webinars/);

    // Half-open slots: one starting when A ends (11:00) takes A's gateway.
    const c = await create(server.id, {
      name: 'Cours D',
      startAt: '2026-12-07T11:00Z',
      durationMinutes: 60,
    });
    expect(c.gatewayId).toBe(a.gatewayId);
    // Moving D onto B's slot re-checks: A's gateway is busy then, B's too, so it is refused and D stays.
    const moved = await rejectionOf(
      api().invoke('webinars.update', { id: c.id, patch: { startAt: '2026-12-07T10:00Z' } }),
    );
    expect(moved.message).toMatch(/No live gateway is free/);
    expect((await reload(c.id)).startAt).toBe('2026-12-07T11:00:00.000Z');
  });
});

describe.each(['legacy', 'current'] as const)('a webinar on a %s gateway (§5–§6)', (generation) => {
  it('starts (BBB created, gateway started, chat hidden), stops, restarts with one watcher, ends once', async () => {
    const { server } = await setUp({ generation });
    const sim = sims[0];
    if (!sim || !bbb) throw new Error('no simulators');
    const w = await create(server.id);

    const started = await api().invoke('webinars.start', { id: w.id });
    expect(started.status).toBe('live');
    expect(started.isWatched).toBe(true);
    expect(started.chatVisible).toBe(false);
    expect(bbb.calls.filter((c) => c.call === 'create')).toHaveLength(1);
    expect(bbb.calls.find((c) => c.call === 'create')?.params.guestPolicy).toBe('ALWAYS_ACCEPT');
    expect(startsOf(sim)).toHaveLength(1);
    const relay = started.relayUrl ?? '';
    expect(relay).toMatch(/^https:\/\/regie\.example\.org\/live\/[0-9a-f]{54}\/[0-9a-f]{10}$/);
    const room = relay.slice(-10);
    const running = [...sim.running.values()][0];
    expect(running?.rtmpDst).toBe('rtmp://127.0.0.1/live/webinar1');
    expect(running?.domain).toBe(relay.replace('https://', '').slice(0, -11));
    expect(running?.chatVisible).toBe(false);
    if (generation === 'legacy') expect(sim.running.has(room)).toBe(true);

    await rejectionOf(api().invoke('webinars.start', { id: w.id }));
    const chat = await api().invoke('webinars.toggleChat', { id: w.id });
    expect(chat.chatVisible).toBe(true);
    expect([...sim.running.values()][0]?.chatVisible).toBe(true);

    const stopped = await api().invoke('webinars.stopLive', { id: w.id });
    expect(stopped.status).toBe('liveStopped');
    expect(stopped.isWatched).toBe(false);
    expect(sim.running.size).toBe(0);

    await api().invoke('webinars.start', { id: w.id });
    // The operator shows the chat; restarts keep it shown (Pod forgot it: §8.5.7).
    await api().invoke('webinars.toggleChat', { id: w.id });
    for (let i = 0; i < 3; i++) await api().invoke('webinars.restartLive', { id: w.id });
    expect(startsOf(sim)).toHaveLength(5);
    expect(sim.running.size).toBe(1);
    expect((await reload(w.id)).chatVisible).toBe(true);
    expect([...sim.running.values()][0]?.chatVisible).toBe(true);
    // One watcher whatever was restarted: over 3 s of 1 s polls, about 3 questions, not 12.
    const before = bbb.calls.filter((c) => c.call === 'isMeetingRunning').length;
    await new Promise((r) => setTimeout(r, 3_000));
    const asked = bbb.calls.filter((c) => c.call === 'isMeetingRunning').length - before;
    expect(asked).toBeGreaterThanOrEqual(1);
    expect(asked).toBeLessThanOrEqual(5);

    const ended = await api().invoke('webinars.end', { id: w.id });
    expect(ended.status).toBe('ended');
    expect(ended.isWatched).toBe(false);
    expect(sim.running.size).toBe(0);
    // pod-behaviour.md §8.5.10: Pod's AJAX end called BBB `end` twice.
    expect(bbb.calls.filter((c) => c.call === 'end')).toHaveLength(1);
    expect(bbb.meetings).toHaveLength(0);
  }, 60_000);

  it('does not call a gateway started when it answers success with res "error" (§8.5.2)', async () => {
    const { server } = await setUp({ generation });
    const sim = sims[0];
    if (!sim) throw new Error('no simulator');
    const w = await create(server.id);
    sim.nextStart('launchFailed');
    const error = await rejectionOf(api().invoke('webinars.start', { id: w.id }));
    expect(error.message).toMatch(/did not start|failed/i);
    const after = await reload(w.id);
    expect(after.status).toBe('scheduled');
    expect(after.isWatched).toBe(false);
    expect(after.lastError?.en).toMatch(/SIPMediaGW/);
  });
});

describe('the end watcher (§6)', () => {
  it('stops the live after two "not running" answers, and a BBB outage never does', async () => {
    const { server } = await setUp();
    const sim = sims[0];
    if (!sim || !bbb) throw new Error('no simulators');
    const w = await create(server.id);
    await api().invoke('webinars.start', { id: w.id });
    // Nobody joined yet: BBB says "not running", which does not count before the first run.
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await reload(w.id)).status).toBe('live');
    await joinAsViewer(bbb, w.meetingId);
    await until('BBB running', async () => ((await reload(w.id)).bbb.running ? true : undefined), {
      timeoutMs: 30_000,
    });

    // BBB answers 502 for a while: the live goes on, the state says BBB is unreachable.
    bbb.behaviour.failCalls.add('isMeetingRunning');
    const unreachable = await until(
      'BBB unreachable',
      async () => {
        const v = await reload(w.id);
        return v.bbb.error ? v : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(unreachable.status).toBe('live');
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await reload(w.id)).status).toBe('live');
    expect(stopsOf(sim)).toHaveLength(0);
    bbb.behaviour.failCalls.delete('isMeetingRunning');

    // The meeting ends in BBB (the moderator's "End meeting"): the live stops by itself.
    bbb.meetings = [];
    const stopped = await until(
      'the automatic stop',
      async () => {
        const v = await reload(w.id);
        return v.status === 'ended' ? v : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(stopped.isWatched).toBe(false);
    expect(stopsOf(sim)).toHaveLength(1);
    expect(sim.running.size).toBe(0);
    const journal = await api().invoke('journal.list', { subject: `webinar:${String(w.id)}` });
    expect(journal.map((e) => e.kind)).toContain('webinar.liveAutoStopped');
    expect(journal.map((e) => e.kind)).toContain('webinar.bbbUnreachable');
  }, 90_000);
});

describe('listener chat (§7)', () => {
  it('goes through sendChatMessage on BBB 3.0, prefixed, limited per author', async () => {
    const { server } = await setUp({ flavour: 'bbb-3.0' });
    await api().invoke('bbbServers.test', { id: server.id });
    await set('WEBINAR_CHAT_PER_MINUTE', 2);
    const w = await create(server.id);
    await api().invoke('webinars.start', { id: w.id });
    const sent = await api().invoke('webinars.chat', {
      id: w.id,
      message: "Peut-on revoir l'exemple ?",
      author: 'Léa Martin',
    });
    expect(sent.via).toBe('bbb');
    expect(bbb?.chat.at(-1)?.message).toBe("(Léa Martin) Peut-on revoir l'exemple ?");
    await api().invoke('webinars.chat', { id: w.id, message: 'Merci', author: 'Léa Martin' });
    const limited = await rejectionOf(
      api().invoke('webinars.chat', { id: w.id, message: 'Encore', author: 'Léa Martin' }),
    );
    expect(limited.message).toMatch(/in the last minute/);
    const long = await rejectionOf(
      api().invoke('webinars.chat', { id: w.id, message: 'x'.repeat(500), author: 'Paul' }),
    );
    expect(long.message).toMatch(/at most 500/);
    expect((await api().invoke('webinars.messages', { id: w.id })).map((m) => m.author)).toEqual([
      'Léa Martin',
      'Léa Martin',
    ]);
  });

  it("goes through the gateway's chat on BBB 2.7, quotes replaced (§8.5.12)", async () => {
    const { server } = await setUp({ flavour: 'bbb-2.7' });
    await api().invoke('bbbServers.test', { id: server.id });
    const w = await create(server.id, { enableChat: true });
    await api().invoke('webinars.start', { id: w.id });
    const sent = await api().invoke('webinars.chat', {
      id: w.id,
      message: 'Il a dit "oui"',
      author: 'Paul',
    });
    expect(sent.via).toBe('gateway');
    expect([...(sims[0]?.running.values() ?? [])][0]?.messages.at(-1)).toBe(
      '(Paul) Il a dit ’oui’',
    );
  });
});

beforeEach(async () => {
  await addUser(ctx.app, 'prof', { affiliation: 'faculty' });
});
