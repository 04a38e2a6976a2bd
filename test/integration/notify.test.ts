import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildNotifyUrl, callRecorderNotify, type NotifyResult } from '../../src-main/notify';
import { startNotifyServer, type NotifyServer } from '../helpers/notifyServer';
import { closedPort } from '../helpers/smtpSink';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

const SALT = 'abc';
const recorders = [
  { addressIp: '192.168.1.10', salt: SALT },
  { addressIp: '192.168.1.11', salt: 'xyz', publicationAuto: true },
];
const mediaPath = '/data/ftp-pod/ftp/amphi A/Cours n°2 & TD #3 + été.mp4';
const courseTitle = 'Cours n°2 & TD #3 + été.mp4';

const urlFor = (server: NotifyServer, ip = '192.168.1.10', salt = SALT) =>
  buildNotifyUrl({ baseUrl: server.baseUrl, ip, salt, mediaPath, courseTitle });

/** Fast retries: the behaviour under test is the count, not the wait. */
const quick = { backoffMs: 5, timeoutMs: 2_000 };

describe('callRecorderNotify against a simulated Pod view', () => {
  let server: NotifyServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('gets ok, and Pod reads back every value of an awkward file name', async () => {
    server = await startNotifyServer({ recorders });
    expect(await callRecorderNotify(urlFor(server), quick)).toEqual({ kind: 'ok' });
    expect(server.requests).toHaveLength(1);
    const query = server.requests[0]?.query;
    expect(server.requests[0]?.path).toBe('/record/recorder_notify/');
    expect(query?.get('recordingPlace')).toBe('192_168_1_10');
    expect(query?.get('mediapath')).toBe(mediaPath);
    expect(query?.get('course_title')).toBe(courseTitle);
  });

  it('gets auto from a recorder that publishes automatically', async () => {
    server = await startNotifyServer({ recorders });
    expect(await callRecorderNotify(urlFor(server, '192.168.1.11', 'xyz'), quick)).toEqual({
      kind: 'auto',
    });
  });

  it('reports a wrong key as nok, once, without the salt', async () => {
    server = await startNotifyServer({ recorders });
    const result = await callRecorderNotify(urlFor(server, '192.168.1.10', 'wrong-salt'), quick);
    expect(result).toEqual({ kind: 'nok', reason: 'key is not valid' });
    expect(server.requests).toHaveLength(1);
    expect(JSON.stringify(result)).not.toContain('wrong-salt');
  });

  it('reports an unknown recorder as nok', async () => {
    server = await startNotifyServer({ recorders });
    expect(await callRecorderNotify(urlFor(server, '10.9.9.9'), quick)).toEqual({
      kind: 'nok',
      reason: 'address_ip not valid or recorder not found in this site',
    });
  });

  it('retries after a 500 and then gets ok', async () => {
    server = await startNotifyServer({ recorders, disruptions: [500] });
    expect(await callRecorderNotify(urlFor(server), quick)).toEqual({ kind: 'ok' });
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after the last retry with the last reason', async () => {
    server = await startNotifyServer({ recorders, disruptions: [500, 502, 503] });
    const result = await callRecorderNotify(urlFor(server), { ...quick, retries: 2 });
    expect(result).toEqual({
      kind: 'error',
      reason: 'HTTP 503: <h1>Server Error (503)</h1>',
      attempts: 3,
    });
    expect(server.requests).toHaveLength(3);
  });

  it('waits longer before each retry', async () => {
    server = await startNotifyServer({ recorders, disruptions: [500, 500, 500] });
    const waits: number[] = [];
    const result = await callRecorderNotify(urlFor(server), {
      backoffMs: 100,
      retries: 2,
      wait: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    expect(result.kind).toBe('error');
    // 100 then 200 ms: doubled before each retry (no wall clock read: issue #9 §9).
    expect(waits).toEqual([100, 200]);
  });

  it('times out a server that never answers, and retries', async () => {
    server = await startNotifyServer({ recorders, disruptions: ['hang', 'hang'] });
    const result = await callRecorderNotify(urlFor(server), {
      timeoutMs: 150,
      retries: 1,
      backoffMs: 5,
    });
    expect(result).toEqual({ kind: 'error', reason: 'no answer within 150 ms', attempts: 2 });
    expect(server.requests).toHaveLength(2);
  });

  it('gets ok once a hanging server answers the retry', async () => {
    server = await startNotifyServer({ recorders, disruptions: ['hang'] });
    const result = await callRecorderNotify(urlFor(server), { timeoutMs: 150, backoffMs: 5 });
    expect(result).toEqual({ kind: 'ok' });
    expect(server.requests).toHaveLength(2);
  });

  it('retries a refused connection, then reports it', async () => {
    const port = await closedPort();
    const url = buildNotifyUrl({
      baseUrl: `http://127.0.0.1:${String(port)}`,
      ip: '192.168.1.10',
      salt: SALT,
      mediaPath,
      courseTitle,
    });
    const result = await callRecorderNotify(url, { ...quick, retries: 2 });
    expect(result.kind).toBe('error');
    expect(result).toMatchObject({ attempts: 3 });
    expect((result as Extract<NotifyResult, { kind: 'error' }>).reason).toContain('ECONNREFUSED');
  });
});

describe('callRecorderNotify over HTTPS with a self-signed certificate', () => {
  let dir: string;
  let tls: { key: string; cert: string };
  let server: NotifyServer | undefined;
  beforeAll(() => {
    dir = makeTempDir();
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    tls = {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(() => removeTempDir(dir));

  it('reports the certificate error at once when insecure requests are off', async () => {
    server = await startNotifyServer({ recorders, tls });
    const result = await callRecorderNotify(urlFor(server), quick);
    expect(result).toMatchObject({ kind: 'error', attempts: 1 });
    expect((result as Extract<NotifyResult, { kind: 'error' }>).reason).toContain(
      'RECORDER_ALLOW_INSECURE_REQUESTS',
    );
    expect(server.requests).toHaveLength(0);
  });

  it('retries once without verification when RECORDER_ALLOW_INSECURE_REQUESTS is on', async () => {
    server = await startNotifyServer({ recorders, tls });
    const result = await callRecorderNotify(urlFor(server), { ...quick, allowInsecure: true });
    expect(result).toEqual({ kind: 'ok' });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.query.get('mediapath')).toBe(mediaPath);
  });

  it('keeps retrying a 500 without verification after the switch', async () => {
    server = await startNotifyServer({ recorders, tls, disruptions: [500] });
    const result = await callRecorderNotify(urlFor(server), { ...quick, allowInsecure: true });
    expect(result).toEqual({ kind: 'ok' });
    expect(server.requests).toHaveLength(2);
  });
});
