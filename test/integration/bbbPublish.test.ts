import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { BbbRecordingView, Job } from '../../src-preload/contract';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { addUser } from '../helpers/app';
import { manyRecordings, startBbbSimulator, type BbbSimulator } from '../helpers/bbbSimulator';
import { makeClip } from '../helpers/clips';
import { shiftedClock } from '../helpers/clock';
import { rejectionOf } from '../helpers/errors';
import { playerFrameRecording } from '../helpers/presentationServer';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';

let clips: string;
let clip: string;
let dir: string;
let dataDir: string;
let app: RegieApp | undefined;
let sim: BbbSimulator;

beforeAll(async () => {
  clips = makeTempDir();
  clip = await makeClip(clips, 'bbb', {
    width: 640,
    height: 360,
    seconds: 4,
    audio: true,
    video: true,
    container: 'mp4',
    faststart: true,
  });
});
afterAll(() => removeTempDir(clips));

beforeEach(async () => {
  dir = makeTempDir();
  dataDir = join(dir, 'data');
  sim = await startBbbSimulator();
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await sim.close();
  removeTempDir(dir);
});

const createTime = Date.parse('2026-11-20T09:00:00Z');
const internalId = `${'c'.repeat(40)}-${String(createTime)}`;

/** A 3 s MKV named after the meeting's internal id, as bbb-recorder writes it. */
const mkvClip = () =>
  makeClip(clips, internalId, {
    width: 320,
    height: 240,
    seconds: 3,
    audio: true,
    video: true,
    container: 'mkv',
  });

/** A console watching (jobs run), a server, a meeting seen running with Ana as moderator. */
/**
 * The first recording once its publication ended, and the jobs once they all ended. The
 * recording is published from inside the encode job, which ends just after: waiting for the
 * jobs' own end before reading their status (one was read as `running` once under load).
 */
async function publicationEnded(
  api: RegieApp['api'],
): Promise<{ published: BbbRecordingView; jobs: Job[] }> {
  const published = await until<BbbRecordingView>('the publication', async () => {
    const [row] = await api.invoke('bbbRecordings.list', {});
    return row?.publication === 'published' || row?.publication === 'failed' ? row : undefined;
  });
  const jobs: Job[] = await until('the jobs ended', async () => {
    const all = await api.invoke('jobs.list', {});
    return all.every((j) => j.status !== 'running' && j.status !== 'queued') ? all : undefined;
  });
  return { published, jobs };
}

async function ready(options: { autoPublish?: boolean; videoFormat?: boolean } = {}) {
  app = createApp({ dataDir, watch: true, now: shiftedClock(createTime + 3_600_000) });
  const a = app.api;
  await a.invoke('settings.set', { key: 'FFMPEG_PRESET', value: 'ultrafast' });
  await a.invoke('settings.set', { key: 'REGIE_MIN_FREE_MB', value: 0 });
  const ana = await addUser(app, 'alopez', { firstName: 'Ana', lastName: 'López', isStaff: true });
  await addUser(app, 'bob', { firstName: 'Bob', lastName: 'Martin', isStaff: true });
  sim.meetings.push({
    meetingId: 'cours-ana',
    internalMeetingId: internalId,
    name: 'Cours d’Ana',
    createTime,
    recording: true,
    metadata: { 'bbb-origin': 'Moodle', 'bbb-origin-server-name': 'moodle.univ.example' },
    attendees: [{ userId: '7', fullName: 'Ana Lopez', role: 'MODERATOR' }],
  });
  const server = await a.invoke('bbbServers.add', {
    name: 'Campus',
    url: sim.url,
    secret: sim.secret,
    autoPublish: options.autoPublish ?? false,
  });
  await a.invoke('bbbMeetings.poll', {});
  sim.meetings = [];
  await a.invoke('bbbMeetings.poll', {});
  const [recording] = manyRecordings(sim.host, 1);
  if (!recording) throw new Error('no recording');
  recording.meetingId = 'cours-ana';
  recording.internalMeetingId = internalId;
  recording.name = 'Cours d’Ana';
  if (options.videoFormat !== false) {
    recording.formats.push({
      type: 'video',
      url: `${sim.host}/playback/video/${recording.recordId}/`,
      lengthMinutes: 0,
      sizeBytes: statSync(clip).size,
    });
    sim.videoFiles.set(recording.recordId, clip);
  }
  sim.recordings = [recording];
  return { api: a, ana, server };
}

describe('publication of BBB recordings (issue #5 §6)', () => {
  it('a video-format recording: downloaded, encoded, in the library under its moderator', async () => {
    const { api, ana } = await ready();
    await api.invoke('bbbRecordings.mirror', {});
    const [r] = await api.invoke('bbbRecordings.list', {});
    expect(r?.moderatorUserIds).toEqual([ana.id]);

    const refused = await rejectionOf(
      api.invoke('bbbRecordings.publish', { id: r?.id ?? 0, owner: 'bob' }),
    );
    expect(refused.text.en).toMatch(/bob did not moderate this meeting; its moderators are alopez/);

    await api.invoke('bbbRecordings.publish', { id: r?.id ?? 0, owner: 'alopez' });
    const { published, jobs } = await publicationEnded(api);
    expect(
      published.publication,
      JSON.stringify(jobs.map((j) => [j.kind, j.status, j.error])),
    ).toBe('published');
    expect(jobs.map((j) => [j.kind, j.status]).sort()).toEqual([
      ['bbbPublish', 'succeeded'],
      ['encode', 'succeeded'],
    ]);
    const [video] = await api.invoke('videos.list', {});
    expect(video).toMatchObject({ ownerId: ana.id, title: 'Cours d’Ana' });
    expect(video?.renditions.map((x) => x.file)).toContain('360p.mp4');
    // The download is archived once the video is verified, not before.
    expect(existsSync(join(dataDir, 'work', 'bbb', r?.recordId ?? ''))).toBe(false);
    expect(readdirSync(join(dataDir, 'archive', 'bbb'))).toEqual([`${r?.recordId ?? ''}.m4v`]);
  });

  it('a presentation-only recording is converted, then published to its one moderator by the rule (issue #10 §6)', async () => {
    const { api, ana } = await ready({ autoPublish: true, videoFormat: false });
    await api.invoke('settings.set', { key: 'BBB_CONVERT_SIZE', value: '640x360' });
    const fixture = playerFrameRecording('v27');
    const recordId = sim.recordings[0]?.recordId ?? '';
    sim.presentation.recordings.set(recordId, fixture.folder);
    await api.invoke('bbbRecordings.mirror', {});
    const { published, jobs } = await publicationEnded(api);
    expect(
      published.publication,
      JSON.stringify(jobs.map((j) => [j.kind, j.status, j.error])),
    ).toBe('published');
    expect(published.ownerId).toBe(ana.id);
    expect(jobs.map((j) => [j.kind, j.status]).sort()).toEqual([
      ['bbbPublish', 'succeeded'],
      ['encode', 'succeeded'],
    ]);
    const [video] = await api.invoke('videos.list', {});
    expect(video).toMatchObject({ ownerId: ana.id, title: 'Cours d’Ana' });
    expect(Math.abs((video?.durationS ?? 0) - 38)).toBeLessThan(1);
    // The first pictures stay as the panel's preview (small JPEGs).
    const { frames } = await api.invoke('bbbRecordings.preview', { id: published.id });
    expect(frames.length).toBeGreaterThanOrEqual(2);
    expect(frames[0]).toMatch(/^data:image\/jpeg;base64,/);
    // The fetched player files are removed once the video is verified.
    expect(existsSync(join(dataDir, 'work', `presentation-${recordId}`))).toBe(false);
  }, 120_000);

  it("a <internal id>.mkv dropped in DEFAULT_BBB_PATH goes to its meeting's moderator; an unknown id stays", async () => {
    const { api, ana } = await ready({ videoFormat: false });
    await api.invoke('settings.set', { key: 'RECORDER_QUIET_SECONDS', value: 1 });
    const drop = join(dataDir, 'bbb-recorder');
    mkdirSync(join(drop, 'logs'), { recursive: true });
    const mkv = await mkvClip();
    copyFileSync(mkv, join(drop, `${internalId}.mkv`));
    copyFileSync(mkv, join(drop, 'logs', `${internalId}.mkv`));
    copyFileSync(mkv, join(drop, `${'f'.repeat(40)}-1.mkv`));
    const video = await until('the video', async () => (await api.invoke('videos.list', {}))[0]);
    expect(video).toMatchObject({ ownerId: ana.id, title: 'Cours d’Ana' });
    expect(existsSync(join(drop, `${internalId}.mkv`))).toBe(false);
    // bbb-recorder's logs folder is not looked at; a file no meeting owns stays, said once.
    expect(existsSync(join(drop, 'logs', `${internalId}.mkv`))).toBe(true);
    expect(existsSync(join(drop, `${'f'.repeat(40)}-1.mkv`))).toBe(true);
    const left = (await api.invoke('journal.list', {})).filter(
      (e) => e.kind === 'bbb.dropFileLeft',
    );
    expect(left.map((e) => e.text.en)).toEqual([
      expect.stringMatching(/no mirrored meeting has the internal id f{40}-1/),
    ]);
  });

  describe('DEFAULT_BBB_PATH on the drop tracker (issue #9 §4)', () => {
    /** Says its version; an encode reports a quarter done, then fails once `<itself>.fail` exists. */
    const stallingFfmpeg = `#!/bin/sh
if [ "$1" = "-version" ]; then echo "ffmpeg version 6.0-stand-in"; exit 0; fi
printf 'out_time_us=1000000\\nspeed=2.00x\\nprogress=continue\\n'
while [ ! -e "$0.fail" ]; do sleep 0.1; done
echo "stand-in ffmpeg: failing on purpose" >&2
exit 1
`;
    const bbbFile = async (api: RegieApp['api']) =>
      (await api.invoke('inbox.list', {})).find((f) => f.origin === 'bbb');

    it('the source stays in the drop folder while its encode runs and after the encode fails', async () => {
      const { api } = await ready({ videoFormat: false });
      const ffmpeg = join(dir, 'ffmpeg');
      writeFileSync(ffmpeg, stallingFfmpeg);
      chmodSync(ffmpeg, 0o755);
      await api.invoke('settings.set', { key: 'FFMPEG_CMD', value: ffmpeg });
      await api.invoke('settings.set', { key: 'RECORDER_QUIET_SECONDS', value: 1 });
      const source = join(dataDir, 'bbb-recorder', `${internalId}.mkv`);
      mkdirSync(join(dataDir, 'bbb-recorder'), { recursive: true });
      const whole = readFileSync(await mkvClip());
      writeFileSync(source, whole);

      const running = await until('the encode under way', async () =>
        (await api.invoke('jobs.list', {})).find((j) => j.phase === 'encode'),
      );
      expect(running.status).toBe('running');
      expect(existsSync(source)).toBe(true);
      expect(existsSync(join(dataDir, 'work', 'bbb'))).toBe(false);
      expect(await bbbFile(api)).toMatchObject({
        relPath: `${internalId}.mkv`,
        status: 'encoding',
      });

      writeFileSync(`${ffmpeg}.fail`, '');
      const failed = await until('the failed encode', async () => {
        const job = (await api.invoke('jobs.list', {})).find((j) => j.id === running.id);
        return job?.status === 'failed' ? job : undefined;
      });
      expect(failed.stderrTail.join('\n')).toContain('failing on purpose');
      expect(readFileSync(source)).toEqual(whole);
      expect(await api.invoke('videos.list', {})).toEqual([]);
    });

    it('a file cut short is not taken; once whole, it is', async () => {
      const { api, ana } = await ready({ videoFormat: false });
      await api.invoke('settings.set', { key: 'RECORDER_QUIET_SECONDS', value: 1 });
      const whole = readFileSync(await mkvClip());
      const source = join(dataDir, 'bbb-recorder', `${internalId}.mkv`);
      mkdirSync(join(dataDir, 'bbb-recorder'), { recursive: true });
      writeFileSync(source, whole.subarray(0, Math.floor(whole.length / 2)));

      const cut = await until('the check of the cut file', async () => {
        const file = await bbbFile(api);
        return file?.status === 'invalid' ? file : undefined;
      });
      expect(cut.reason?.en).toBeTruthy();
      expect(existsSync(source)).toBe(true);
      expect(await api.invoke('jobs.list', {})).toEqual([]);

      writeFileSync(source, whole);
      const video = await until('the video', async () => (await api.invoke('videos.list', {}))[0]);
      expect(video).toMatchObject({ ownerId: ana.id, title: 'Cours d’Ana' });
      expect(await bbbFile(api)).toMatchObject({ status: 'published', size: whole.length });
    });
  });
});
