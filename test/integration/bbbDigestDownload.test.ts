import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { downloadResumable } from '../../src-main/net/download';
import { startBbbSimulator, type BbbSimulator } from '../helpers/bbbSimulator';
import { makeClip } from '../helpers/clips';
import { parseMail, startSmtpSink, type SmtpSink } from '../helpers/smtpSink';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { until } from '../helpers/until';

let dir: string;
let sim: BbbSimulator;
let app: RegieApp | undefined;
let sink: SmtpSink | undefined;
beforeEach(async () => {
  dir = makeTempDir();
  sim = await startBbbSimulator();
});
afterEach(async () => {
  await app?.close();
  await sink?.close();
  await sim.close();
  removeTempDir(dir);
});

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('BBB video download (issue #5 §6)', () => {
  it('resumes a .part left by a cut download with a Range request, and renames only when whole', async () => {
    const clip = await makeClip(dir, 'source', {
      width: 320,
      height: 240,
      seconds: 3,
      audio: true,
      video: true,
      container: 'mp4',
    });
    sim.videoFiles.set('rid', clip);
    const dest = join(dir, 'out', 'video-0.m4v');
    const url = `${sim.host}/playback/video/rid/video-0.m4v`;
    await downloadResumable({ url, dest: join(dir, 'warm', 'x.m4v') });
    // A first try that stopped after 10,000 bytes.
    const whole = readFileSync(clip);
    mkdirSync(join(dir, 'out'), { recursive: true });
    writeFileSync(`${dest}.part`, whole.subarray(0, 10_000));
    const result = await downloadResumable({ url, dest });
    expect(result).toEqual({ bytes: whole.length, resumedFrom: 10_000 });
    expect(sha(dest)).toBe(sha(clip));
  });
});

describe('BBB errors reach the admins as one digest (issue #5 §6)', () => {
  it('a failing server gives one mail for several polls, naming the server and the error', async () => {
    sink = await startSmtpSink();
    app = createApp({ dataDir: join(dir, 'data'), watch: true });
    const api = app.api;
    await api.invoke('settings.set', { key: 'EMAIL_HOST', value: sink.host });
    await api.invoke('settings.set', { key: 'EMAIL_PORT', value: sink.port });
    await api.invoke('settings.set', { key: 'ADMINS', value: [['Admin Pod', 'admin@univ.fr']] });
    await api.invoke('settings.set', { key: 'BBB_POLL_SECONDS', value: 5 });
    sim.behaviour.httpStatus = 502;
    await api.invoke('bbbServers.add', { name: 'Campus', url: sim.url, secret: sim.secret });
    // The console's beat: polls every 5 s, each failing; at most one digest an hour.
    await until('the digest', () => (sink?.messages.length ? true : undefined), {
      timeoutMs: 20_000,
    });
    await new Promise((r) => setTimeout(r, 6_000));
    expect(sink.messages).toHaveLength(1);
    const mail = parseMail(sink.messages[0]?.raw ?? '');
    expect(mail.headers.get('subject')).toMatch(/BigBlueButton/);
    expect(sink.messages[0]?.raw).toMatch(/Campus: getMeetings: HTTP 502/);
    expect(sim.calls.filter((c) => c.call === 'getMeetings').length).toBeGreaterThanOrEqual(2 * 3);
  }, 40_000);
});
