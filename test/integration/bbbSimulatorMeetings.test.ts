import { afterEach, describe, expect, it } from 'vitest';
import { bbbChecksum } from '../../src-main/bbb/api/checksum';
import { createBbbClient } from '../../src-main/bbb/api/client';
import { BbbError } from '../../src-main/bbb/api/errors';
import { startBbbSimulator, type BbbSimulator } from '../helpers/bbbSimulator';

/*
 * The BBB simulator's meeting side, which the webinar tests (issue #13) lean on: create (and its
 * duplicateWarning), join (a 302 into the client, the meeting running from then on), chat
 * recorded, and one call failing while the others work.
 */

let sim: BbbSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const start = async (flavour: 'bbb-2.7' | 'bbb-3.0' = 'bbb-3.0') => {
  sim = await startBbbSimulator({ flavour });
  return {
    s: sim,
    client: createBbbClient({ url: sim.url, secret: sim.secret, retryDelayMs: 10 }),
  };
};

const failureOf = async (promise: Promise<unknown>): Promise<BbbError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BbbError) return error;
    throw error;
  }
  throw new Error('expected a BbbError');
};

/** The raw XML of a signed call, for what the client does not expose (messageKey on SUCCESS). */
const rawCall = async (s: BbbSimulator, call: string, query: [string, string][]) => {
  const q = new URLSearchParams(query).toString();
  const response = await fetch(
    `${s.url}/${call}?${q}&checksum=${bbbChecksum('sha256', call, q, s.secret)}`,
  );
  return response.text();
};

describe('BBB simulator meetings', () => {
  it('creates a meeting once; the second create is a duplicateWarning with the same passwords', async () => {
    const { s, client } = await start();
    const params: [string, string][] = [
      ['name', 'Amphi 1'],
      ['meetingID', 'webinar-1'],
      ['attendeePW', 'ap-secret'],
      ['moderatorPW', 'mp-secret'],
      ['meta_bbb-origin', 'Régie'],
    ];
    const first = await rawCall(s, 'create', params);
    expect(first).toContain('<returncode>SUCCESS</returncode>');
    expect(first).toContain('<attendeePW>ap-secret</attendeePW>');
    expect(first).not.toContain('duplicateWarning');
    const second = await rawCall(s, 'create', params);
    expect(second).toContain('<messageKey>duplicateWarning</messageKey>');
    expect(s.meetings).toHaveLength(1);
    expect(s.meetings[0]).toMatchObject({
      name: 'Amphi 1',
      metadata: { 'bbb-origin': 'Régie' },
      moderatorPW: 'mp-secret',
    });
    // The client reads the answer as the meeting it describes.
    expect(await client.create(params)).toMatchObject({ meetingId: 'webinar-1' });
    // Other passwords on the same id: another meeting, refused (bbb.md §1.2).
    expect(
      await failureOf(
        client.create([
          ['meetingID', 'webinar-1'],
          ['moderatorPW', 'other'],
        ]),
      ),
    ).toMatchObject({ messageKey: 'idNotUnique' });
  });

  it('runs a created meeting from its first join; the join redirects into the client', async () => {
    const { s, client } = await start();
    await client.create([
      ['name', 'Amphi 1'],
      ['meetingID', 'webinar-1'],
    ]);
    expect(await client.isMeetingRunning('webinar-1')).toBe(false);

    const joinUrl = client.joinUrl({ meetingId: 'webinar-1', fullName: 'Live', role: 'VIEWER' });
    const redirect = await fetch(joinUrl, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^${s.host}/html5client/join\\?sessionToken=\\w+$`));
    const page = await fetch(location);
    expect(await page.text()).toContain('BBB client');

    expect(s.joins).toEqual([
      { meetingId: 'webinar-1', fullName: 'Live', role: 'VIEWER', at: expect.any(Number) },
    ]);
    expect(await client.isMeetingRunning('webinar-1')).toBe(true);
    const [meeting] = await client.getMeetings();
    expect(meeting?.attendees).toMatchObject([{ fullName: 'Live', role: 'VIEWER' }]);
  });

  it('takes the role from the password too, and refuses unknown meetings and passwords', async () => {
    const { s } = await start();
    await rawCall(s, 'create', [
      ['meetingID', 'm'],
      ['attendeePW', 'ap1'],
      ['moderatorPW', 'mp1'],
    ]);
    const join = (query: [string, string][]) =>
      rawCall(s, 'join', [...query, ['redirect', 'false']]);
    expect(
      await join([
        ['fullName', 'Prof'],
        ['meetingID', 'm'],
        ['password', 'mp1'],
      ]),
    ).toContain('successfullyJoined');
    expect(
      await join([
        ['fullName', 'Élève'],
        ['meetingID', 'm'],
        ['password', 'ap1'],
      ]),
    ).toContain('<session_token>');
    expect(s.joins.map((j) => j.role)).toEqual(['MODERATOR', 'VIEWER']);
    expect(
      await join([
        ['fullName', 'X'],
        ['meetingID', 'm'],
        ['password', 'nope'],
      ]),
    ).toContain('<messageKey>invalidPassword</messageKey>');
    const unknown = await join([
      ['fullName', 'X'],
      ['meetingID', 'absent'],
      ['role', 'VIEWER'],
    ]);
    expect(unknown).toContain('<returncode>FAILED</returncode>');
    expect(unknown).toContain('<messageKey>invalidMeetingIdentifier</messageKey>');
    expect(unknown).not.toContain('<html');
    // A join URL signed with another secret is a checksumError, not a redirect.
    const forged = createBbbClient({ url: s.url, secret: 'wrong' }).joinUrl({
      meetingId: 'm',
      fullName: 'X',
      role: 'MODERATOR',
    });
    expect(await (await fetch(forged, { redirect: 'manual' })).text()).toContain('checksumError');
    expect(s.joins).toHaveLength(2);
  });

  it('records chat messages sent to a meeting (BBB 3.0)', async () => {
    const { s, client } = await start('bbb-3.0');
    await client.create([['meetingID', 'webinar-1']]);
    await client.sendChatMessage('webinar-1', 'Question de Lou : et la suite ?', 'Live');
    expect(s.chat).toEqual([
      { meetingId: 'webinar-1', message: 'Question de Lou : et la suite ?', userName: 'Live' },
    ]);
  });

  it('fails only the calls it is told to, with HTTP 502: a BBB outage during a webinar', async () => {
    const { s, client } = await start();
    await client.create([['meetingID', 'webinar-1']]);
    s.behaviour.failCalls.add('isMeetingRunning');
    expect(await failureOf(client.isMeetingRunning('webinar-1'))).toMatchObject({ status: 502 });
    await expect(client.getMeetings()).resolves.toHaveLength(1);
    s.behaviour.failCalls.clear();
    await expect(client.isMeetingRunning('webinar-1')).resolves.toBe(false);
  });
});
