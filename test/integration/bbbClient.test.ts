import { afterEach, describe, expect, it } from 'vitest';
import { createBbbClient, type BbbClientOptions } from '../../src-main/bbb/api/client';
import { BbbError } from '../../src-main/bbb/api/errors';
import {
  manyRecordings,
  startBbbSimulator,
  type BbbSimulator,
  type SimFlavour,
} from '../helpers/bbbSimulator';

let sim: BbbSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const start = async (flavour: SimFlavour = 'bbb-2.7') => {
  sim = await startBbbSimulator({ flavour });
  return sim;
};
const clientOf = (s: BbbSimulator, extra: Partial<BbbClientOptions> = {}) =>
  createBbbClient({ url: s.url, secret: s.secret, retryDelayMs: 10, ...extra });

const failureOf = async (promise: Promise<unknown>): Promise<BbbError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BbbError) return error;
    throw error;
  }
  throw new Error('expected a BbbError');
};

describe('BBB API client against the simulator (reference/bbb.md §1)', () => {
  it('signs with every algorithm BBB accepts; a wrong secret is a checksumError', async () => {
    const s = await start();
    for (const algorithm of ['sha1', 'sha256', 'sha384', 'sha512'] as const) {
      await expect(clientOf(s, { algorithm }).getMeetings()).resolves.toEqual([]);
    }
    const wrong = await failureOf(createBbbClient({ url: s.url, secret: 'nope' }).getMeetings());
    expect(wrong).toMatchObject({ failure: 'api', messageKey: 'checksumError' });
  });

  it('Scalelite refuses sha384 and answers unsupportedRequest to chat', async () => {
    const s = await start('scalelite');
    expect(await failureOf(clientOf(s, { algorithm: 'sha384' }).getMeetings())).toMatchObject({
      messageKey: 'checksumError',
    });
    const client = clientOf(s);
    await expect(client.getMeetings()).resolves.toEqual([]);
    expect(await failureOf(client.sendChatMessage('m', 'Bonjour'))).toMatchObject({
      messageKey: 'unsupportedRequest',
    });
  });

  it('tells BBB 3 from the others by the version document', async () => {
    expect((await clientOf(await start('bbb-3.0')).version()).bbbVersion).toBe('3.0.19');
    await sim?.close();
    expect((await clientOf(await start('scalelite')).version()).bbbVersion).toBeNull();
  });

  it.each([
    ['bbb-2.7', 'paged', 3],
    ['bbb-3.0', 'paged', 3],
    ['bbb-2.6', 'paged', 3],
    ['bbb-2.5', 'whole', 1],
    ['scalelite', 'whole', 1],
  ] as const)('%s: all 250 recordings, %s, in %i request(s)', async (flavour, mode, requests) => {
    const s = await start(flavour);
    s.recordings = manyRecordings(s.host, 250);
    const all = await clientOf(s).getAllRecordings();
    expect(all.mode).toBe(mode);
    expect(all.requests).toBe(requests);
    expect(new Set(all.recordings.map((r) => r.recordId)).size).toBe(250);
    expect(all.recordings[0]?.metadata['bbb-origin']).toBe('Moodle');
  });

  it('filters recordings by meeting, record id prefix, state and metadata', async () => {
    const s = await start();
    s.recordings = manyRecordings(s.host, 20);
    const client = clientOf(s);
    const first = s.recordings[0];
    if (!first) throw new Error('no recording');
    first.state = 'unpublished';
    const byMeeting = await client.getRecordings({ meetingIds: ['cours-3'] });
    expect(byMeeting.recordings.map((r) => r.meetingId)).toEqual(['cours-3']);
    const byPrefix = await client.getRecordings({ recordIds: [first.recordId.slice(0, 20)] });
    expect(byPrefix.recordings[0]?.recordId).toBe(first.recordId);
    expect((await client.getRecordings({ states: ['unpublished'] })).recordings).toHaveLength(1);
    expect(
      (await client.getRecordings({ meta: { 'bbb-context': 'UE 7' } })).recordings.map(
        (r) => r.name,
      ),
    ).toEqual(['Cours 7 — amphi 7']);
  });

  it('meetings, create, end, chat on 3.0, publish, update and delete recordings', async () => {
    const s = await start('bbb-3.0');
    s.meetings.push({
      meetingId: 'English 101 [0]',
      internalMeetingId: 'a'.repeat(40) + '-1700000000000',
      name: 'Anglais',
      createTime: 1_700_000_000_000,
      recording: true,
      metadata: { 'bbb-origin': 'Moodle' },
      attendees: [{ userId: 'u1', fullName: 'Élodie Martin-Durand', role: 'MODERATOR' }],
    });
    s.recordings = manyRecordings(s.host, 2);
    const client = clientOf(s);
    const [meeting] = await client.getMeetings();
    expect(meeting?.attendees[0]?.fullName).toBe('Élodie Martin-Durand');
    expect((await client.getMeetingInfo('English 101 [0]')).name).toBe('Anglais');
    expect(await client.isMeetingRunning('English 101 [0]')).toBe(true);
    await client.sendChatMessage('English 101 [0]', 'La session est enregistrée.');
    await client.end('English 101 [0]');
    expect(await client.isMeetingRunning('English 101 [0]')).toBe(false);
    const id = s.recordings[0]?.recordId ?? '';
    expect(await client.publishRecordings([id], false)).toBe(true);
    expect(s.recordings[0]?.state).toBe('unpublished');
    expect(await client.updateRecordings([id], { 'bbb-recording-name': 'Cours 1' })).toBe(true);
    expect(s.recordings[0]?.metadata['bbb-recording-name']).toBe('Cours 1');
    expect(await client.deleteRecordings([id])).toBe(true);
    expect(await failureOf(client.deleteRecordings([id]))).toMatchObject({
      messageKey: 'notFound',
    });
    expect(client.joinUrl({ meetingId: 'm', fullName: 'Ana', role: 'VIEWER' })).toMatch(
      /\/join\?fullName=Ana&meetingID=m&role=VIEWER&checksum=[0-9a-f]{64}$/,
    );
  });

  it('a slow or silent server is a timeout, not a hang; a read call is retried twice', async () => {
    const s = await start();
    s.behaviour.hang = true;
    // No wall-clock bound here (issue #9 §9): the answer is a timeout, after three tries.
    const error = await failureOf(clientOf(s, { timeoutMs: 300 }).getMeetings());
    expect(error.failure).toBe('timeout');
    expect(s.calls.filter((c) => c.call === 'getMeetings')).toHaveLength(3);
    s.calls.length = 0;
    // A call that changes something is not repeated.
    await failureOf(clientOf(s, { timeoutMs: 300 }).end('m'));
    expect(s.calls).toHaveLength(1);
  });

  it('HTTP errors, garbage and oversized answers are errors with a kind', async () => {
    const s = await start();
    s.behaviour.httpStatus = 502;
    expect(await failureOf(clientOf(s).getMeetings())).toMatchObject({
      failure: 'http',
      status: 502,
    });
    s.behaviour.httpStatus = null;
    s.behaviour.garbage = true;
    expect(await failureOf(clientOf(s).getMeetings())).toMatchObject({ failure: 'garbage' });
    s.behaviour.garbage = false;
    s.recordings = manyRecordings(s.host, 50);
    expect(await failureOf(clientOf(s, { maxBytes: 10_000 }).getRecordings())).toMatchObject({
      failure: 'tooLarge',
    });
    // Read as a stream, a listing has its own (larger) bound.
    expect(
      await failureOf(clientOf(s, { maxStreamBytes: 10_000 }).getAllRecordings()),
    ).toMatchObject({ failure: 'tooLarge' });
    await s.close();
    expect(await failureOf(clientOf(s, { retries: 0 }).getMeetings())).toMatchObject({
      failure: 'network',
    });
  });
});
