import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { addUser } from '../helpers/app';
import { startBbbSimulator, type BbbSimulator, type SimMeeting } from '../helpers/bbbSimulator';
import { shiftedClock } from '../helpers/clock';
import { rejectionOf } from '../helpers/errors';
import { until } from '../helpers/until';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

let dir: string;
let app: RegieApp;
let sims: BbbSimulator[];

beforeEach(() => {
  dir = makeTempDir();
  app = createApp({ dataDir: join(dir, 'data'), now: shiftedClock(createTime + 3_600_000) });
  sims = [];
});
afterEach(async () => {
  await app.close();
  await Promise.all(sims.map((s) => s.close()));
  removeTempDir(dir);
});

const api = () => app.api;
const sim = async (flavour: Parameters<typeof startBbbSimulator>[0] = {}) => {
  const s = await startBbbSimulator(flavour);
  sims.push(s);
  return s;
};
const addServer = (name: string, s: BbbSimulator, extra: { checksum?: 'sha1' | 'sha256' } = {}) =>
  api().invoke('bbbServers.add', { name, url: s.url, secret: s.secret, ...extra });

const createTime = Date.parse('2026-11-20T09:00:00Z');
const meeting = (
  id: string,
  attendees: SimMeeting['attendees'],
  extra: Partial<SimMeeting> = {},
): SimMeeting => ({
  meetingId: id,
  internalMeetingId: `${'a'.repeat(40).slice(0, 40 - id.length)}${id}-${String(createTime)}`,
  name: `Réunion ${id}`,
  createTime,
  recording: true,
  metadata: {
    'bbb-origin': 'Moodle',
    'bbb-origin-server-name': 'moodle.univ.example',
    'bbb-context': 'L1 Histoire',
  },
  attendees,
  ...extra,
});

describe('BBB servers (issue #5 §2)', () => {
  it('adds a server with its secret sealed, refuses bad input field by field, tests the connection', async () => {
    const s = await sim({ flavour: 'bbb-3.0' });
    const error = await rejectionOf(
      api().invoke('bbbServers.add', { name: '', url: 'ftp://x', secret: ' ' }),
    );
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(['name', 'secret', 'url']);
    const server = await addServer('Campus', s);
    expect(server).toMatchObject({ url: s.url, checksum: 'sha256', isReachable: null });
    expect(JSON.stringify(server)).not.toContain(s.secret);
    const tested = await api().invoke('bbbServers.test', { id: server.id });
    expect(tested).toMatchObject({ isReachable: true, version: '3.0.19', lastError: null });

    const scalelite = await sim({ flavour: 'scalelite' });
    const wrong = await api().invoke('bbbServers.add', {
      name: 'Scalelite',
      url: scalelite.url,
      secret: scalelite.secret,
      checksum: 'sha384',
    });
    const refused = await api().invoke('bbbServers.test', { id: wrong.id });
    expect(refused.isReachable).toBe(false);
    expect(refused.lastError?.en).toMatch(/checksum refused.*Scalelite refuses sha384/);
    expect(refused.lastError?.fr).not.toBe(refused.lastError?.en);
  });
});

describe('meetings mirror and moderator matching (issue #5 §3, §4)', () => {
  it('keeps the moderators of a meeting after it ends, matched on normalised names; idempotent', async () => {
    const s = await sim();
    await addServer('Campus', s);
    const elodie = await addUser(app, 'emartin', {
      firstName: 'Élodie',
      lastName: 'Martin-Durand',
    });
    await addUser(app, 'jdupont1', { firstName: 'Jean', lastName: 'Dupont' });
    await addUser(app, 'jdupont2', { firstName: 'Jean', lastName: 'Dupont' });
    await addUser(app, 'durand', { firstName: 'Jeanne', lastName: 'Durand' });
    s.meetings.push(
      meeting('hist', [
        { userId: '101', fullName: 'ELODIE  martin durand', role: 'MODERATOR' },
        { userId: '102', fullName: 'Jean Dupont', role: 'MODERATOR' },
        { userId: '103', fullName: 'Jean', role: 'MODERATOR' },
        { userId: 'w_xyz', fullName: 'Étudiant Un', role: 'VIEWER' },
      ]),
    );
    const first = await api().invoke('bbbMeetings.poll', {});
    expect(first.servers[0]).toMatchObject({ ok: true, running: 1, written: 1 });
    const [running] = await api().invoke('bbbMeetings.list', { runningOnly: true });
    expect(running).toMatchObject({
      isRunning: true,
      origin: 'Moodle',
      context: 'L1 Histoire',
      attendeeCount: 4,
    });
    const states = Object.fromEntries(
      (running?.moderators ?? []).map((m) => [m.fullName, [m.matchState, m.userId]]),
    );
    expect(states).toEqual({
      'ELODIE  martin durand': ['matched', elodie.id],
      'Jean Dupont': ['ambiguous', null],
      // "Jean" is a substring of three users: Pod's first-hit match would have picked one.
      Jean: ['none', null],
    });

    const again = await api().invoke('bbbMeetings.poll', {});
    expect(again.servers[0]).toMatchObject({ ok: true, written: 0 });

    // BBB still lists it for a while, running false with its end time; then drops it.
    const endTime = createTime + 3_600_000;
    s.meetings = s.meetings.map((m) => ({ ...m, running: false, endTime, attendees: [] }));
    await api().invoke('bbbMeetings.poll', {});
    const [listedEnded] = await api().invoke('bbbMeetings.list', {});
    expect(listedEnded).toMatchObject({
      isRunning: false,
      endedAt: new Date(endTime).toISOString(),
    });
    s.meetings = [];
    const ended = await api().invoke('bbbMeetings.poll', {});
    expect(ended.servers[0]).toMatchObject({ ended: 0, written: 0 });
    const [past] = await api().invoke('bbbMeetings.list', {});
    expect(past?.isRunning).toBe(false);
    expect(past?.endedAt).not.toBeNull();
    expect(past?.moderators.map((m) => m.fullName).sort()).toEqual([
      'ELODIE  martin durand',
      'Jean',
      'Jean Dupont',
    ]);
  });

  it('the matching queue: the operator picks the user once, the choice is remembered', async () => {
    const s = await sim();
    await addServer('Campus', s);
    await addUser(app, 'jdupont1', { firstName: 'Jean', lastName: 'Dupont' });
    const other = await addUser(app, 'jdupont2', { firstName: 'Jean', lastName: 'Dupont' });
    s.meetings.push(meeting('m1', [{ userId: '102', fullName: 'Jean Dupont', role: 'MODERATOR' }]));
    await api().invoke('bbbMeetings.poll', {});
    const [queued] = await api().invoke('bbbMatches.list', {});
    expect(queued).toMatchObject({ fullName: 'Jean Dupont', matchState: 'ambiguous' });
    expect(queued?.candidateUserIds).toHaveLength(2);
    await api().invoke('bbbMatches.choose', {
      attendeeId: queued?.attendeeId ?? 0,
      username: 'jdupont2',
    });
    expect(await api().invoke('bbbMatches.list', {})).toEqual([]);

    // Next week, same person (same Moodle id): no question asked.
    s.meetings = [
      meeting('m2', [{ userId: '102', fullName: 'Jean Dupont', role: 'MODERATOR' }], {
        createTime: createTime + 7 * 86_400_000,
      }),
    ];
    await api().invoke('bbbMeetings.poll', {});
    const m2 = (await api().invoke('bbbMeetings.list', { runningOnly: true }))[0];
    expect(m2?.moderators[0]).toMatchObject({ matchState: 'chosen', userId: other.id });
    // A namesake with another Moodle id is still asked about.
    s.meetings.push(meeting('m3', [{ userId: '999', fullName: 'Jean Dupont', role: 'MODERATOR' }]));
    await api().invoke('bbbMeetings.poll', {});
    expect((await api().invoke('bbbMatches.list', {})).map((c) => c.fullName)).toEqual([
      'Jean Dupont',
    ]);
  });

  it('a server that times out does not stall the others', async () => {
    await app.api.invoke('settings.set', { key: 'BBB_TIMEOUT_SECONDS', value: 2 });
    const slow = await sim();
    slow.behaviour.hang = true;
    const good = await sim();
    good.meetings.push(meeting('ok', [{ userId: '1', fullName: 'Ana Lopez', role: 'MODERATOR' }]));
    await addServer('Lent', slow);
    await addServer('Rapide', good);
    // The good server's meeting is mirrored while the slow one is still being tried: polled in
    // parallel, not one after the other (no wall-clock bound: issue #9 §9).
    let isPollDone = false;
    const polling = api()
      .invoke('bbbMeetings.poll', {})
      .finally(() => (isPollDone = true));
    await until(
      'the good server mirrored',
      async () => ((await api().invoke('bbbMeetings.list', {})).length === 1 ? true : undefined),
      { everyMs: 20 },
    );
    expect(isPollDone).toBe(false);
    const report = await polling;
    const byName = Object.fromEntries(report.servers.map((r) => [r.name, r]));
    expect(byName.Rapide).toMatchObject({ ok: true, running: 1 });
    expect(byName.Lent?.ok).toBe(false);
    expect(byName.Lent?.error).toMatch(/no complete answer within 2 s\. .*BBB_TIMEOUT_SECONDS/);
    const servers = await api().invoke('bbbServers.list', {});
    expect(servers.find((x) => x.name === 'Lent')?.isReachable).toBe(false);
    expect(await api().invoke('bbbMeetings.list', {})).toHaveLength(1);
  });
});

describe('recordings mirror (issue #5 §5)', () => {
  it('mirrors the recordings of recent meetings, and a whole server on demand', async () => {
    const s = await sim({ flavour: 'bbb-2.6' });
    const server = await addServer('Campus', s);
    const m = meeting('hist', [{ userId: '1', fullName: 'Ana Lopez', role: 'MODERATOR' }]);
    s.meetings.push(m);
    await api().invoke('bbbMeetings.poll', {});
    const { manyRecordings } = await import('../helpers/bbbSimulator');
    s.recordings = manyRecordings(s.host, 150);
    const own = s.recordings[0];
    if (!own) throw new Error('no recording');
    own.meetingId = 'hist';
    own.internalMeetingId = m.internalMeetingId;
    own.formats.push({
      type: 'video',
      url: `${s.host}/playback/video/${own.recordId}/`,
      lengthMinutes: 50,
      sizeBytes: 1000,
    });

    const recent = await api().invoke('bbbRecordings.mirror', {});
    expect(recent).toMatchObject([{ listed: 1, written: 1, mode: 'by-meeting' }]);
    const [mirrored] = await api().invoke('bbbRecordings.list', { meetingId: 'hist' });
    expect(mirrored).toMatchObject({ recordId: own.recordId, participants: 1 });
    expect(mirrored?.formats.map((f) => f.type)).toEqual(['presentation', 'video']);
    expect(mirrored?.meetingRowId).not.toBeNull();
    expect(mirrored?.moderatorUserIds).toEqual([]);

    const whole = await api().invoke('bbbRecordings.mirror', { serverId: server.id });
    expect(whole).toMatchObject([{ listed: 150, written: 149, mode: 'paged', requests: 2 }]);
    expect(await api().invoke('bbbRecordings.list', {})).toHaveLength(150);
    expect((await api().invoke('bbbRecordings.mirror', { serverId: server.id }))[0]?.written).toBe(
      0,
    );
  });
});
