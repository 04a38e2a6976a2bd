import { findDefinition } from '../../src-main/settings/definitions';
import { describe, expect, it } from 'vitest';
import {
  buildNotifyUrl,
  interpretReply,
  mailConfigFrom,
  notifyKey,
  recordingPlace,
} from '../../src-main/notify';
import { thrownBy } from '../helpers/errors';

// Expected digests computed outside Node: python3 -c "import hashlib; print(hashlib.md5(…).hexdigest())"
describe('notifyKey', () => {
  it("hashes Pod's documented example: 192.168.1.10 + abc → md5('192_168_1_10abc')", () => {
    expect(notifyKey('192.168.1.10', 'abc')).toBe('470d403eada29e371e23c3d359b02213');
  });

  it('hashes the underscore IP alone when the salt is empty, as Pod does', () => {
    expect(notifyKey('192.168.1.10', '')).toBe('600e18f5f1fa7b48c075d5090aa86a0f');
  });

  it('encodes a non-ASCII salt as UTF-8', () => {
    expect(notifyKey('10.0.0.1', 'sél')).toBe('cc21d9459b666e8f432544e97f2781b3');
  });

  // Pod's view turns `_` back into `.` to find the recorder (§1.4.1), so only dots are replaced:
  // an IPv6 address keeps its colons and still matches Pod's stored address_ip.
  it('keeps the colons of an IPv6 address', () => {
    expect(recordingPlace('2001:db8::1')).toBe('2001:db8::1');
    // md5('2001:db8::1s3cr3t'), computed with Python's hashlib.
    expect(notifyKey('2001:db8::1', 's3cr3t')).toBe('331323a61982cb61f009faa288f31972');
  });
});

describe('buildNotifyUrl', () => {
  const awkward = [
    'cours du lundi.mp4',
    'a&b=c.mp4',
    'partie #2.mp4',
    'C++ 1+1.mp4',
    'Éléments d’algèbre — été.mp4',
    '100%.mp4',
  ];

  it.each(awkward)('round-trips %j through the query string', (name) => {
    const mediaPath = `/data/ftp-pod/ftp/amphi A/${name}`;
    const url = new URL(
      buildNotifyUrl({
        baseUrl: 'https://pod.univ.fr/',
        ip: '192.168.1.10',
        salt: 'abc',
        mediaPath,
        courseTitle: name,
      }),
    );
    expect(url.origin + url.pathname).toBe('https://pod.univ.fr/record/recorder_notify/');
    expect([...url.searchParams.keys()]).toEqual([
      'recordingPlace',
      'mediapath',
      'key',
      'course_title',
    ]);
    expect(url.searchParams.get('recordingPlace')).toBe('192_168_1_10');
    expect(url.searchParams.get('mediapath')).toBe(mediaPath);
    expect(url.searchParams.get('key')).toBe('470d403eada29e371e23c3d359b02213');
    expect(url.searchParams.get('course_title')).toBe(name);
    expect(url.hash).toBe('');
  });

  it('keeps a base URL path and drops only its trailing slashes', () => {
    const url = buildNotifyUrl({
      baseUrl: 'https://www.univ.fr/pod//',
      ip: '10.0.0.1',
      salt: '',
      mediaPath: '/f.mp4',
      courseTitle: 'f.mp4',
    });
    expect(url.startsWith('https://www.univ.fr/pod/record/recorder_notify/?recordingPlace=')).toBe(
      true,
    );
  });

  it('never puts the salt in the URL', () => {
    const url = buildNotifyUrl({
      baseUrl: 'https://pod.univ.fr',
      ip: '10.0.0.1',
      salt: 'very-secret-salt',
      mediaPath: '/f.mp4',
      courseTitle: 'f.mp4',
    });
    expect(url).not.toContain('very-secret-salt');
  });
});

describe('interpretReply', () => {
  it.each([
    [200, 'ok', { kind: 'ok' }],
    [200, ' ok\n', { kind: 'ok' }],
    [200, 'auto', { kind: 'auto' }],
    [200, 'nok: key is not valid', { kind: 'nok', reason: 'key is not valid' }],
    [200, 'nok:key is not valid', { kind: 'nok', reason: 'key is not valid' }],
    [200, 'nok', { kind: 'nok', reason: '' }],
    [200, 'OK', { kind: 'nok', reason: 'OK' }],
    [200, '<html>login</html>', { kind: 'nok', reason: '<html>login</html>' }],
    [404, 'Not Found', { kind: 'nok', reason: 'HTTP 404: Not Found' }],
  ])('HTTP %i %j → %j', (status, body, expected) => {
    expect(interpretReply({ status, body })).toEqual(expected);
  });

  it('bounds a long body to 500 characters', () => {
    const result = interpretReply({ status: 200, body: 'x'.repeat(10_000) });
    expect(result.kind).toBe('nok');
    expect(result.kind === 'nok' && result.reason.length).toBe(500);
  });
});

describe('mailConfigFrom', () => {
  // Stored values over the definitions' defaults, as the settings store reads them.
  const from = (values: Record<string, unknown>) =>
    mailConfigFrom({
      get: (key) => (key in values ? values[key] : findDefinition(key)?.defaultValue) as never,
    });

  it('reads every EMAIL_* setting', () => {
    expect(
      from({
        EMAIL_HOST: 'smtp.univ.fr',
        EMAIL_PORT: 587,
        EMAIL_HOST_USER: 'pod',
        EMAIL_HOST_PASSWORD: 'pw',
        EMAIL_USE_TLS: true,
        EMAIL_USE_SSL: false,
        DEFAULT_FROM_EMAIL: 'pod@univ.fr',
      }),
    ).toEqual({
      host: 'smtp.univ.fr',
      port: 587,
      user: 'pod',
      password: 'pw',
      useTls: true,
      useSsl: false,
      from: 'pod@univ.fr',
    });
  });

  it("falls back to the settings' defaults", () => {
    expect(from({})).toEqual({
      host: 'localhost',
      port: 25,
      user: '',
      password: '',
      useTls: false,
      useSsl: false,
      from: 'noreply@univ.fr',
    });
  });

  it('refuses STARTTLS and implicit TLS together, as Django does', () => {
    const error = thrownBy(() => from({ EMAIL_USE_TLS: true, EMAIL_USE_SSL: true }));
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(['EMAIL_USE_SSL']);
  });
});
