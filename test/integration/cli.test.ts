import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Recorder, SettingView, User } from '../../src-preload/contract';
import { isolatedEnv, runRegie, startRegie } from '../helpers/cli';
import { sha256 } from '../helpers/files';
import { httpRequest } from '../helpers/http';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

const podSettingsLocal = `import os
DEFAULT_RECORDER_PATH = "/data/ftp-pod/ftp/"
ALLOW_MANUAL_RECORDING_CLAIMING = True
USE_PODFILE = True
`;

// The CLI under test is the built one, exactly what `regie` runs: test/helpers/globalSetup.ts
// builds it before any test file starts.
describe('regie CLI', () => {
  let dir: string;
  let data: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = makeTempDir();
    data = join(dir, 'data');
    env = isolatedEnv(dir);
  });
  afterEach(() => removeTempDir(dir));

  /** `regie ARGS… --data <tmp>/data`, which must succeed; its stdout. */
  const regie = (...args: string[]): string => {
    const result = runRegie([...args, '--data', data], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return result.stdout;
  };
  const regieFails = (...args: string[]) => runRegie([...args, '--data', data], env);

  it('adds a user and lists it back as JSON', () => {
    regie(
      'user',
      'add',
      'alice',
      '--first-name',
      'Alice',
      '--last-name',
      'Martin',
      '--email',
      'alice@univ.fr',
      '--staff',
    );

    const users = JSON.parse(regie('user', 'list', '--json')) as User[];

    expect(users).toEqual([
      expect.objectContaining({
        username: 'alice',
        firstName: 'Alice',
        lastName: 'Martin',
        email: 'alice@univ.fr',
        isStaff: true,
        isSuperuser: false,
      }),
    ]);
  });

  it('adds a recorder and prints it as JSON', () => {
    regie('user', 'add', 'alice', '--first-name', 'Alice', '--last-name', 'Martin', '--staff');

    const recorder = JSON.parse(
      regie(
        'recorder',
        'add',
        '--name',
        'Amphi A',
        '--directory',
        'amphi-a',
        '--ip',
        '10.0.0.1',
        '--manager',
        'alice',
        '--type',
        'audiovideocast',
        '--json',
      ),
    ) as Recorder;

    expect(recorder).toMatchObject({
      name: 'Amphi A',
      directory: 'amphi-a',
      addressIp: '10.0.0.1',
      recordingType: 'audiovideocast',
      managerId: expect.any(Number) as number,
    });
    expect(JSON.parse(regie('recorder', 'list', '--json'))).toEqual([recorder]);
  });

  it('exits 2 naming --ip and --directory for a bad IP and directory, and adds nothing', () => {
    const result = regieFails(
      'recorder',
      'add',
      '--name',
      'A',
      '--ip',
      '1.2.3',
      '--directory',
      '../x',
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--ip');
    expect(result.stderr).toContain('--directory');
    expect(result.stdout).toBe('');
    expect(JSON.parse(regie('recorder', 'list', '--json'))).toEqual([]);
  });

  it('exits 2 naming an unknown option', () => {
    const result = regieFails(
      'recorder',
      'add',
      '--name',
      'A',
      '--directory',
      'a',
      '--colour',
      'red',
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--colour');
  });

  it('exits 2 for an unknown command or verb', () => {
    expect(regieFails('recorders', 'list').code).toBe(2);
    expect(regieFails('recorder', 'explode').code).toBe(2);
  });

  it('removes a recorder by its directory', () => {
    regie('recorder', 'add', '--name', 'A', '--directory', 'amphi-a');

    regie('recorder', 'remove', 'amphi-a');

    expect(JSON.parse(regie('recorder', 'list', '--json'))).toEqual([]);
    const missing = regieFails('recorder', 'remove', 'amphi-a');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('amphi-a');
  });

  it('sets a boolean with "oui" and reads it back as JSON', () => {
    regie('settings', 'set', 'ALLOW_MANUAL_RECORDING_CLAIMING', 'oui');

    const view = JSON.parse(
      regie('settings', 'get', 'ALLOW_MANUAL_RECORDING_CLAIMING', '--json'),
    ) as SettingView;

    expect(view).toMatchObject({
      key: 'ALLOW_MANUAL_RECORDING_CLAIMING',
      value: true,
      isDefault: false,
    });
  });

  it('refuses an unreadable value with exit 2, before touching anything', () => {
    const result = regieFails('settings', 'set', 'ALLOW_MANUAL_RECORDING_CLAIMING', 'peut-être');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ALLOW_MANUAL_RECORDING_CLAIMING');
  });

  it('imports a Pod settings file, and a dry run changes nothing', () => {
    const file = join(dir, 'settings_local.py');
    writeFileSync(file, podSettingsLocal);
    const path = () =>
      JSON.parse(regie('settings', 'get', 'DEFAULT_RECORDER_PATH', '--json')) as SettingView;

    const dry = regie('settings', 'import-pod', file, '--dry-run');
    expect(dry).toContain('Would import 2 setting(s)');
    expect(path().isDefault).toBe(true);

    const done = regie('settings', 'import-pod', file);
    expect(done).toContain('Imported 2 setting(s)');
    expect(done).toContain('line 4: USE_PODFILE');
    expect(path()).toMatchObject({ value: '/data/ftp-pod/ftp/', isDefault: false });
  });

  it('uses REGIE_DATA when --data is not given', () => {
    const fromEnv = join(dir, 'from-env');
    const result = runRegie(
      ['user', 'add', 'bob', '--first-name', 'Bob', '--last-name', 'Martin'],
      isolatedEnv(dir, { REGIE_DATA: fromEnv }),
    );

    expect(result.code).toBe(0);
    expect(existsSync(join(fromEnv, 'regie.db'))).toBe(true);
    const users = JSON.parse(regie('user', 'list', '--json')) as User[];
    expect(users).toEqual([]);
  });

  it('refuses to act as someone who is not a superuser, exit 1', () => {
    regie('user', 'add', 'bob', '--first-name', 'Bob', '--last-name', 'Martin');

    const result = regieFails('recorder', 'add', '--name', 'A', '--directory', 'a', '--as', 'bob');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('bob');
  });

  it('exits non-zero on a corrupt database, saying it cannot be read, and leaves it unchanged', () => {
    mkdirSync(data, { recursive: true });
    const file = join(data, 'regie.db');
    writeFileSync(file, randomBytes(8192));
    const before = sha256(file);

    const result = regieFails('user', 'list');

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('cannot be read');
    expect(sha256(file)).toBe(before);
  });

  it('serves the console: prints its URL as JSON, guards it with the token, stops on SIGTERM', async () => {
    const staticDir = join(dir, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>test</title>');

    const serve = await startRegie(
      ['serve', '--port', '0', '--no-open', '--json', '--data', data, '--static', staticDir],
      env,
    );
    try {
      const printed = JSON.parse(serve.firstLine) as { url: string; port: number; dataDir: string };
      const url = new URL(printed.url);
      expect(url.hostname).toBe('127.0.0.1');
      expect(url.searchParams.get('token')?.length).toBeGreaterThanOrEqual(32);
      expect(printed.dataDir).toBe(data);

      const anonymous = await httpRequest({ port: Number(url.port), path: '/' });
      expect(anonymous.status).toBe(401);
      const withToken = await httpRequest({ port: Number(url.port), path: `/${url.search}` });
      expect(withToken.status).toBe(302);

      serve.child.kill('SIGTERM');
      expect(await serve.exited).toBe(0);
      expect(serve.stderr()).toBe('');
    } finally {
      if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
    }
  });
});
