import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { LiveGatewayView, WebinarChatMessage, WebinarView } from '../../src-preload/contract';
import { startBbbSimulator, type BbbSimulator } from '../helpers/bbbSimulator';
import { isolatedEnv, runRegieAsync, startRegie } from '../helpers/cli';
import { startSipMediaGwSimulator, type SipSimulator } from '../helpers/sipmediagwSimulator';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

/**
 * `regie gateway …` and `regie webinar …` (issue #13 §9) as an operator runs them: each step a
 * CLI process on one data directory, against the BBB and SIPMediaGW simulators.
 */

let bbb: BbbSimulator;
let sip: SipSimulator;
let dir: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  bbb = await startBbbSimulator({ flavour: 'bbb-2.7' });
  // The API alone: the relay's public address is not reachable here (joins: sipmediagw tests).
  sip = await startSipMediaGwSimulator({ generation: 'legacy', join: false });
  dir = makeTempDir();
  dataDir = join(dir, 'data');
  // Paris: `--start` without an offset is local time, and the table shows it back so.
  env = isolatedEnv(dir, { TZ: 'Europe/Paris' });
});
afterEach(async () => {
  await sip.close();
  await bbb.close();
  removeTempDir(dir);
});

// The simulators run in this process: the CLI must not block its event loop.
const regie = (...args: string[]) => runRegieAsync([...args, '--data', dataDir], env);
const ok = async (...args: string[]) => {
  const result = await regie(...args);
  if (result.code !== 0)
    throw new Error(`regie ${args.join(' ')} (${String(result.code)}): ${result.stderr}`);
  return result.stdout;
};
const json = async <T>(...args: string[]): Promise<T> =>
  JSON.parse(await ok(...args, '--json')) as T;

/** A BBB server "Campus", webinars enabled, the relay's public address set. */
async function setUp() {
  const secretFile = join(dir, 'bbb-secret');
  writeFileSync(secretFile, `${bbb.secret}\n`);
  await ok(
    'bbb',
    'server',
    'add',
    '--name',
    'Campus',
    '--url',
    bbb.url,
    '--secret-file',
    secretFile,
  );
  await ok('settings', 'set', 'USE_MEETING_WEBINAR', 'true');
  await ok('settings', 'set', 'WEBINAR_PUBLIC_URL', 'https://regie.univ.example');
}

async function addGateway(name = 'amphi') {
  const tokenFile = join(dir, `${name}.token`);
  writeFileSync(tokenFile, `${sip.token}\n`);
  return ok(
    'gateway',
    'add',
    '--name',
    name,
    '--rtmp',
    `rtmp://127.0.0.1:1935/live/${name}`,
    '--hls',
    'http://127.0.0.1:9/hls/amphi.m3u8',
    '--sipmediagw',
    sip.url,
    '--token-file',
    tokenFile,
  );
}

/** A running BBB meeting the webinar streams (`--meeting-id`). */
function runningMeeting(meetingId: string) {
  bbb.meetings.push({
    meetingId,
    internalMeetingId: `${'e'.repeat(40)}-1773147600000`,
    name: 'Amphi L1',
    createTime: 1_773_147_600_000,
    recording: false,
    metadata: {},
    attendees: [{ userId: '1', fullName: 'Ana López', role: 'MODERATOR' }],
  });
}

// Each step is a CLI process (about a second each on a loaded machine), several per test.
describe('regie gateway', { timeout: 120_000 }, () => {
  it('add from a token file, list, test (API detected), remove', async () => {
    expect(await addGateway()).toMatch(
      /^Gateway amphi added \(id \d+\): rtmp:\/\/127\.0\.0\.1:1935\/live\/amphi → http/,
    );
    const [listed] = await json<LiveGatewayView[]>('gateway', 'list');
    expect(listed).toMatchObject({ name: 'amphi', hasToken: true, api: 'auto', tlsVerify: true });
    expect(JSON.stringify(listed)).not.toContain(sip.token);
    expect(await ok('gateway', 'list')).toMatch(/^id\s+name\s+rtmp\s+hls\s+sipmediagw\s+api\s+tls/);

    const tested = await regie('gateway', 'test', 'amphi');
    expect(tested.code).toBe(0);
    expect(tested.stdout).toMatch(/API auto \(legacy\)/);
    expect(tested.stdout).toMatch(/^OK: /m);
    expect(sip.calls.some((c) => c.authorization === `Bearer ${sip.token}`)).toBe(true);
    expect((await json<LiveGatewayView[]>('gateway', 'list'))[0]?.detectedApi).toBe('legacy');

    // A wrong token (on another SIPMediaGW: one streams one webinar at a time, so one gateway
    // each): the test fails in one line naming the gateway's refusal, exit 1.
    const other = await startSipMediaGwSimulator({ generation: 'legacy', join: false });
    onTestFinished(() => other.close());
    const badFile = join(dir, 'bad.token');
    writeFileSync(badFile, 'not-the-token\n');
    await ok(
      'gateway',
      'add',
      '--name',
      'wrong',
      '--rtmp',
      'rtmp://127.0.0.1:1935/live/wrong',
      '--hls',
      'http://127.0.0.1:9/hls/wrong.m3u8',
      '--sipmediagw',
      other.url,
      '--token-file',
      badFile,
    );
    const refused = await regie('gateway', 'test', 'wrong');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^regie: .+\n$/);
    expect(refused.stderr).not.toMatch(/at .*\.js/);
    expect(other.calls.every((c) => c.authorization === 'Bearer not-the-token')).toBe(true);

    expect(await ok('gateway', 'remove', 'wrong')).toBe('Gateway wrong removed\n');
    const id = String(listed?.id);
    expect(await ok('gateway', 'remove', id)).toBe('Gateway amphi removed\n');
    expect(await ok('gateway', 'list')).toBe(
      'No live gateway: add one with "regie gateway add".\n',
    );

    const missing = await regie('gateway', 'test', 'amphi');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('NAME: no live gateway named "amphi"');
  });

  it('refuses a token file it cannot read, and an unknown --api, with exit 2', async () => {
    const unreadable = await regie(
      'gateway',
      'add',
      '--rtmp',
      'rtmp://h/live/x',
      '--hls',
      'https://h/x.m3u8',
      '--sipmediagw',
      sip.url,
      '--token-file',
      join(dir, 'absent'),
    );
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/^regie: --token-file: cannot read .*absent/);
    const tokenFile = join(dir, 't');
    writeFileSync(tokenFile, 'x');
    const api = await regie(
      'gateway',
      'add',
      '--rtmp',
      'rtmp://h/live/x',
      '--hls',
      'https://h/x.m3u8',
      '--sipmediagw',
      sip.url,
      '--token-file',
      tokenFile,
      '--api',
      'v2',
    );
    expect(api.code).toBe(2);
    expect(api.stderr).toContain('--api must be auto, legacy or current, not "v2"');
  });
});

describe('regie webinar', { timeout: 120_000 }, () => {
  it('create, refuse an overlapping one, start, toggle the chat, chat, stop the live, end', async () => {
    await setUp();
    await addGateway();

    const created = await ok(
      'webinar',
      'create',
      '--server',
      'Campus',
      '--name',
      'Amphi L1',
      '--start',
      '2026-03-10T14:00',
      '--duration',
      '90',
    );
    expect(created).toMatch(
      /^Webinar \d+ "Amphi L1" created on Campus: 2026-03-10 14:00 \(\+01:00\), 1 h 30, gateway amphi\n/,
    );

    // The only gateway is held 14:00–15:30: a webinar at 15:00 is refused, naming the first.
    const overlap = await regie(
      'webinar',
      'create',
      '--server',
      'Campus',
      '--name',
      'TD chimie',
      '--start',
      '2026-03-10T15:00+01:00',
      '--duration',
      '60',
    );
    expect(overlap.code).toBe(1);
    expect(overlap.stderr).toMatch(
      /^regie: No live gateway is free for this slot: #\d+ "Amphi L1" \(2026-03-10 14:00–15:30 UTC\+01:00\)/,
    );
    expect(overlap.stderr.trim().split('\n')).toHaveLength(1);

    // Half-open slots: one starting when the first ends (15:30) gets the same gateway.
    const next = await json<WebinarView>(
      'webinar',
      'create',
      '--server',
      'Campus',
      '--name',
      'TD chimie',
      '--start',
      '2026-03-10T14:30Z',
      '--duration',
      '60',
      '--chat',
    );
    expect(next).toMatchObject({ gatewayName: 'amphi', enableChat: true });

    // Moving it onto the first one's slot is refused (nothing changes); a later slot is taken.
    const moved = await regie('webinar', 'update', String(next.id), '--start', '2026-03-10T14:00Z');
    expect(moved.code).toBe(1);
    expect(moved.stderr).toMatch(/No live gateway is free for this slot: #\d+ "Amphi L1"/);
    const later = await json<WebinarView>(
      'webinar',
      'update',
      String(next.id),
      '--start',
      '2026-03-10T16:00Z',
      '--no-chat',
    );
    expect(later).toMatchObject({ startAt: '2026-03-10T16:00:00.000Z', enableChat: false });

    const list = await json<WebinarView[]>('webinar', 'list');
    expect(list).toHaveLength(2);
    const webinar = list.find((w) => w.name === 'Amphi L1');
    expect(webinar).toMatchObject({
      serverName: 'Campus',
      startAt: '2026-03-10T13:00:00.000Z',
      durationMinutes: 90,
      gatewayName: 'amphi',
      status: 'scheduled',
      enableChat: false,
    });
    const id = String(webinar?.id);
    expect(await ok('webinar', 'list')).toMatch(
      new RegExp(
        `^id\\s+name\\s+server\\s+start\\s+duration\\s+gateway\\s+status\\s+BBB\\n[^]*^${id}\\s+Amphi L1\\s+Campus\\s+2026-03-10 14:00\\s+1 h 30\\s+amphi\\s+scheduled\\s+not checked$`,
        'm',
      ),
    );

    const started = await regie('webinar', 'start', id);
    expect(started.code).toBe(0);
    expect(started.stdout).toMatch(
      new RegExp(
        `^Webinar ${id} "Amphi L1" is live on gateway amphi: the audience watches http://127\\.0\\.0\\.1:9/hls/amphi\\.m3u8\\nThe gateway joins BBB through https://regie\\.univ\\.example/live/[0-9a-f]{54}/[0-9a-f]{10}\\n$`,
      ),
    );
    expect(started.stderr).toContain(
      `note: a running console (regie serve, the desktop app) watches the BBB meeting`,
    );
    // BBB created the meeting, then the gateway was asked once, with the relay and RTMP addresses.
    const meetingId = webinar?.meetingId ?? '';
    expect(bbb.calls.filter((c) => c.call === 'create')).toHaveLength(1);
    expect(bbb.meetings.map((m) => m.meetingId)).toEqual([meetingId]);
    const starts = sip.calls.filter((c) => c.path === '/start' && c.query.room !== undefined);
    expect(starts).toHaveLength(1);
    expect(starts[0]?.query).toMatchObject({ rtmpDst: 'rtmp://127.0.0.1:1935/live/amphi' });
    expect(starts[0]?.query.domain).toMatch(/^regie\.univ\.example\/live\/[0-9a-f]{54}$/);
    const room = starts[0]?.query.room ?? '';
    expect(sip.running.has(room)).toBe(true);
    // The webinar hides the chat (no --chat): toggled off right after the start.
    expect(sip.running.get(room)?.chatVisible).toBe(false);
    expect(
      (await json<WebinarView[]>('webinar', 'list')).find((w) => w.id === webinar?.id),
    ).toMatchObject({
      status: 'live',
      chatVisible: false,
    });

    expect(await ok('webinar', 'toggle-chat', id)).toBe(
      `Webinar ${id} "Amphi L1": the chat panel is now shown in the stream\n`,
    );
    expect(sip.running.get(room)?.chatVisible).toBe(true);

    const sent = await json<WebinarChatMessage>(
      'webinar',
      'chat',
      id,
      'Peut-on avoir les diapos ?',
      '--author',
      'Léa',
    );
    expect(sent).toMatchObject({
      author: 'Léa',
      text: 'Peut-on avoir les diapos ?',
      via: 'gateway',
    });
    // BBB 2.7 has no sendChatMessage: the gateway's chat carries it, prefixed with the author.
    expect(sip.running.get(room)?.messages).toEqual(['(Léa) Peut-on avoir les diapos ?']);
    expect(await ok('webinar', 'show', id)).toMatch(
      /\n1 listener message:\n {2}\S+ \S+ Léa: Peut-on/,
    );

    expect(await ok('webinar', 'stop-live', id)).toMatch(
      new RegExp(
        `^Webinar ${id} "Amphi L1": live stopped on gateway amphi; the BBB meeting goes on`,
      ),
    );
    expect(sip.running.has(room)).toBe(false);
    expect(bbb.meetings).toHaveLength(1);

    const ended = await json<WebinarView>('webinar', 'end', id);
    expect(ended.status).toBe('ended');
    const ends = bbb.calls.filter((c) => c.call === 'end');
    expect(ends).toHaveLength(1);
    expect(ends[0]?.params.meetingID).toBe(meetingId);
    expect(bbb.meetings).toHaveLength(0);
    expect(sip.calls.filter((c) => c.path === '/stop')).toHaveLength(1);
  });

  it('start --follow stays, and stops the live once BBB ends the meeting', async () => {
    await setUp();
    await ok('settings', 'set', 'WEBINAR_POLL_SECONDS', '1');
    await addGateway();
    runningMeeting('amphi-l1');
    const { id } = await json<WebinarView>(
      'webinar',
      'create',
      '--server',
      'Campus',
      '--name',
      'Amphi L1',
      '--start',
      '2026-03-10T14:00Z',
      '--duration',
      '60',
      '--meeting-id',
      'amphi-l1',
    );
    const following = await startRegie(
      ['webinar', 'start', String(id), '--follow', '--data', dataDir],
      env,
    );
    expect(following.firstLine).toMatch(/^Webinar \d+ "Amphi L1" is live on gateway amphi/);
    expect(bbb.calls.some((c) => c.call === 'create')).toBe(false);
    expect(sip.running.size).toBe(1);

    bbb.meetings = [];
    expect(await following.exited).toBe(0);
    expect(sip.running.size).toBe(0);
    const [after] = await json<WebinarView[]>('webinar', 'list');
    expect(after).toMatchObject({ status: 'ended', bbb: { running: false } });
    expect(bbb.calls.some((c) => c.call === 'end')).toBe(false);
  });

  it('says which input is wrong, in one line, with a non-zero exit', async () => {
    await setUp();
    const create = (...extra: string[]) =>
      regie('webinar', 'create', '--name', 'X', '--duration', '60', ...extra);

    const server = await create('--server', 'Nowhere', '--start', '2026-03-10T14:00');
    expect(server.code).toBe(2);
    expect(server.stderr.split('\n')[0]).toBe(
      'regie: --server: no BigBlueButton server named "Nowhere" (see "regie bbb server list")',
    );

    const date = await create('--server', 'Campus', '--start', '10/03/2026 14h');
    expect(date.code).toBe(2);
    expect(date.stderr.split('\n')[0]).toBe(
      'regie: --start expects an ISO date and time such as 2026-03-10T14:00 (local time) or 2026-03-10T13:00Z, not "10/03/2026 14h"',
    );

    // An existing meeting that does not run: the start says so, in one line, exit 1.
    await addGateway();
    const { id: idle } = await json<WebinarView>(
      'webinar',
      'create',
      '--server',
      'Campus',
      '--name',
      'Réunion',
      '--start',
      '2026-03-10T14:00Z',
      '--duration',
      '60',
      '--meeting-id',
      'not-started',
    );
    const notRunning = await regie('webinar', 'start', String(idle));
    expect(notRunning.code).toBe(1);
    expect(notRunning.stderr).toBe(
      'regie: Meeting not-started is not running on Campus: start it in BigBlueButton first.\n',
    );
    expect(sip.calls.filter((c) => c.path === '/start')).toHaveLength(0);

    const id = await regie('webinar', 'start', '42');
    expect(id.code).toBe(2);
    expect(id.stderr).toContain('ID: no webinar 42 (see "regie webinar list")');
    for (const result of [server, date, notRunning, id])
      expect(result.stderr).not.toMatch(/at .*\.js/);
  });
});
