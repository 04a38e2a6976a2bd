import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { openDatabase } from '../../src-main/db/open';
import { keyFileCipher } from '../../src-main/secrets/cipher';
import {
  definitions,
  findDefinition,
  podVideoExtensions,
} from '../../src-main/settings/definitions';
import { createSettingsStore } from '../../src-main/settings/store';
import { parseText } from '../../src-main/settings/values';
import { recordEvents } from '../helpers/app';
import { rejectionOf } from '../helpers/errors';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

const password = 'Tr0ub4dor&3-unique-clear-text';

/** A settings_local.py as a Pod admin writes it; line numbers are asserted below. */
const podSettingsLocal = [
  '# -*- coding: utf-8 -*-', // 1
  'import os', // 2
  'BASE_DIR = os.path.dirname(__file__)', // 3
  '', // 4
  'DEFAULT_RECORDER_PATH = "/data/ftp-pod/ftp/"  # drop folder', // 5
  'ALLOW_MANUAL_RECORDING_CLAIMING = True', // 6
  'ADMINS = (', // 7
  '    ("Bob Martin", "bob@univ.fr"),', // 8
  "    ('Équipe vidéo', 'video@univ.fr'),", // 9
  ')', // 10
  'VIDEO_ALLOWED_EXTENSIONS = ("mp4", "mkv", "webm")', // 11
  `EMAIL_HOST_PASSWORD = "${password}"`, // 12
  'USE_PODFILE = True', // 13
  'DEFAULT_RECORDER_ID = "x"', // 14
  '',
].join('\n');

describe('settings through the API', () => {
  let dir: string;
  let app: RegieApp;
  beforeEach(() => {
    dir = makeTempDir();
    app = createApp({ dataDir: dir });
  });
  afterEach(async () => {
    await app.close();
    removeTempDir(dir);
  });

  const view = async (key: string) => {
    const found = (await app.api.invoke('settings.list', {})).find((s) => s.key === key);
    if (!found) throw new Error(`no setting ${key}`);
    return found;
  };

  it('lists every known setting with its default', async () => {
    const list = await app.api.invoke('settings.list', {});

    expect(list.map((s) => s.key)).toEqual(definitions.map((d) => d.key));
    expect(list.every((s) => s.isDefault)).toBe(true);
    expect(await view('VIDEO_ALLOWED_EXTENSIONS')).toMatchObject({
      type: 'stringList',
      value: podVideoExtensions,
    });
    expect(await view('DEFAULT_RECORDER_ID')).toMatchObject({
      type: 'integerOrNull',
      value: null,
      hasValue: false,
    });
    expect(await view('ALLOW_MANUAL_RECORDING_CLAIMING')).toMatchObject({
      type: 'boolean',
      value: false,
    });
  });

  it.each([
    ['ALLOW_MANUAL_RECORDING_CLAIMING', true],
    ['EMAIL_PORT', 587],
    ['DEFAULT_RECORDER_ID', null],
    ['VIDEO_ALLOWED_EXTENSIONS', ['mp4', 'mkv']],
    ['ADMINS', [['Bob Martin', 'bob@univ.fr']]],
  ])('sets %s to %j, and it is still there after a restart', async (key, value) => {
    const set = await app.api.invoke('settings.set', { key, value });
    expect(set).toMatchObject({ key, value, isDefault: false });

    await app.close();
    app = createApp({ dataDir: dir });
    expect(await view(key)).toMatchObject({ value, isDefault: false });
  });

  it.each([
    ['ALLOW_MANUAL_RECORDING_CLAIMING', 'yes'],
    ['ALLOW_MANUAL_RECORDING_CLAIMING', 1],
    ['EMAIL_PORT', 1.5],
    ['EMAIL_PORT', '587'],
    ['DEFAULT_RECORDER_TYPE_ID', null],
    ['VIDEO_ALLOWED_EXTENSIONS', 'mp4'],
    ['VIDEO_ALLOWED_EXTENSIONS', ['mp4', 3]],
    ['ADMINS', [['Bob Martin']]],
    ['ADMINS', [['Bob Martin', 'not an email']]],
    ['TITLE_SITE', 42],
  ])('refuses %s = %j with code validation, keeping the old value', async (key, value) => {
    const before = await view(key);

    const error = await rejectionOf(app.api.invoke('settings.set', { key, value }));

    expect(error.code).toBe('validation');
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(['value']);
    expect(error.message).toContain(key);
    expect(await view(key)).toEqual(before);
  });

  it('refuses an unknown key with not_found', async () => {
    const error = await rejectionOf(
      app.api.invoke('settings.set', { key: 'NO_SUCH_SETTING', value: 1 }),
    );
    expect(error.code).toBe('not_found');
  });

  it('resets a setting to its default', async () => {
    await app.api.invoke('settings.set', { key: 'EMAIL_PORT', value: 587 });
    const reset = await app.api.invoke('settings.reset', { key: 'EMAIL_PORT' });
    expect(reset.isDefault).toBe(true);
    expect(reset.value).toBe(reset.defaultValue);
  });

  it('journals a change and pushes settings.changed', async () => {
    const changes = recordEvents(app, 'settings.changed');

    const set = await app.api.invoke('settings.set', { key: 'TITLE_SITE', value: 'Pod Univ' });

    expect(changes).toEqual([{ items: [set] }]);
    const [entry] = await app.api.invoke('journal.list', {});
    expect(entry).toMatchObject({ kind: 'settings.changed', subject: 'setting:TITLE_SITE' });
  });
});

describe('secret settings', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeTempDir(dir));

  /** Every file in the data directory (database, WAL, logs, backups) as one string. */
  const everythingOnDisk = (): string =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
      .join('\n');

  it('never shows a secret: value null, hasValue true, in the view, the list, events and journal', async () => {
    const app = createApp({ dataDir: dir });
    try {
      const changes = recordEvents(app, 'settings.changed');
      const appended = recordEvents(app, 'journal.appended');

      const set = await app.api.invoke('settings.set', {
        key: 'EMAIL_HOST_PASSWORD',
        value: password,
      });

      expect(set).toMatchObject({
        value: null,
        defaultValue: null,
        hasValue: true,
        isSecret: true,
        isDefault: false,
      });
      const listed = (await app.api.invoke('settings.list', {})).find(
        (s) => s.key === 'EMAIL_HOST_PASSWORD',
      );
      expect(listed).toMatchObject({ value: null, hasValue: true });
      expect(
        JSON.stringify([changes, appended, await app.api.invoke('journal.list', {})]),
      ).not.toContain(password);
    } finally {
      await app.close();
    }
  });

  it('stores the secret sealed: neither the settings row nor any file holds the clear text', async () => {
    const app = createApp({ dataDir: dir });
    await app.api.invoke('settings.set', { key: 'EMAIL_HOST_PASSWORD', value: password });
    await app.close();

    const db = new Database(join(dir, 'regie.db'), { readonly: true });
    const row = db.prepare("SELECT value FROM settings WHERE key = 'EMAIL_HOST_PASSWORD'").get() as
      { value: string } | undefined;
    db.close();
    expect(row).toBeDefined();
    expect(row?.value).not.toContain(password);
    expect(JSON.parse(row?.value ?? '{}')).toEqual({ sealed: expect.any(String) as string });
    // The probe does read the database: the key name is there, the value is not.
    expect(everythingOnDisk()).toContain('EMAIL_HOST_PASSWORD');
    expect(everythingOnDisk()).not.toContain(password);
    expect(everythingOnDisk()).not.toContain(Buffer.from(password).toString('base64'));
  });

  it('opens the secret again with the key file, on the main side only', async () => {
    const app = createApp({ dataDir: dir });
    await app.api.invoke('settings.set', { key: 'EMAIL_HOST_PASSWORD', value: password });
    await app.close();

    const { db } = openDatabase({ file: join(dir, 'regie.db') });
    try {
      const store = createSettingsStore(
        db,
        keyFileCipher(join(dir, 'secret.key')),
        () => new Date(),
      );
      expect(store.get('EMAIL_HOST_PASSWORD')).toBe(password);
    } finally {
      db.close();
    }
  });

  it('keeps its key in secret.key, readable by the owner only', async () => {
    const app = createApp({ dataDir: dir });
    try {
      await app.api.invoke('settings.set', { key: 'EMAIL_HOST_PASSWORD', value: password });
    } finally {
      await app.close();
    }
    const key = statSync(join(dir, 'secret.key'));
    expect(key.mode & 0o777).toBe(0o600);
    expect(key.size).toBe(32);
  });
});

describe('parseText (values typed on the command line)', () => {
  const parse = (key: string, text: string) => {
    const def = findDefinition(key);
    if (!def) throw new Error(`no setting ${key}`);
    return parseText(def, text);
  };

  it.each([
    ['oui', true],
    ['non', false],
    ['NON', false],
    [' true ', true],
    ['0', false],
    ['vrai', true],
  ])('reads the boolean %j as %j', (text, value) => {
    expect(parse('ALLOW_MANUAL_RECORDING_CLAIMING', text)).toEqual({ ok: true, value });
  });

  it('refuses a boolean it cannot read, naming the setting', () => {
    const result = parse('ALLOW_MANUAL_RECORDING_CLAIMING', 'peut-être');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.why.en).toContain('ALLOW_MANUAL_RECORDING_CLAIMING');
  });

  it('reads a comma list, trimming and dropping empty items', () => {
    expect(parse('VIDEO_ALLOWED_EXTENSIONS', 'mp4, mkv ,, webm')).toEqual({
      ok: true,
      value: ['mp4', 'mkv', 'webm'],
    });
    expect(parse('VIDEO_ALLOWED_EXTENSIONS', '["mp4","ts"]')).toEqual({
      ok: true,
      value: ['mp4', 'ts'],
    });
    expect(parse('VIDEO_ALLOWED_EXTENSIONS', '')).toEqual({ ok: true, value: [] });
  });

  it('reads people written as Name <email>, …', () => {
    expect(parse('ADMINS', 'Name <a@b.fr>, Other <c@d.fr>')).toEqual({
      ok: true,
      value: [
        ['Name', 'a@b.fr'],
        ['Other', 'c@d.fr'],
      ],
    });
    expect(parse('ADMINS', '[["Bob","bob@univ.fr"]]')).toEqual({
      ok: true,
      value: [['Bob', 'bob@univ.fr']],
    });
    expect(parse('ADMINS', 'Bob without address').ok).toBe(false);
  });

  it('reads integers, and null for an optional one', () => {
    expect(parse('EMAIL_PORT', ' 587 ')).toEqual({ ok: true, value: 587 });
    expect(parse('EMAIL_PORT', '58.7').ok).toBe(false);
    expect(parse('DEFAULT_RECORDER_ID', '')).toEqual({ ok: true, value: null });
    expect(parse('DEFAULT_RECORDER_ID', 'null')).toEqual({ ok: true, value: null });
    expect(parse('EMAIL_PORT', '').ok).toBe(false);
  });
});

describe('importing a Pod settings_local.py', () => {
  let dir: string;
  let app: RegieApp;
  beforeEach(() => {
    dir = makeTempDir();
    app = createApp({ dataDir: dir });
  });
  afterEach(async () => {
    await app.close();
    removeTempDir(dir);
  });

  const expectedImport = [
    { key: 'DEFAULT_RECORDER_PATH', value: '/data/ftp-pod/ftp/', line: 5 },
    { key: 'ALLOW_MANUAL_RECORDING_CLAIMING', value: true, line: 6 },
    {
      key: 'ADMINS',
      value: [
        ['Bob Martin', 'bob@univ.fr'],
        ['Équipe vidéo', 'video@univ.fr'],
      ],
      line: 7,
    },
    { key: 'VIDEO_ALLOWED_EXTENSIONS', value: ['mp4', 'mkv', 'webm'], line: 11 },
    { key: 'EMAIL_HOST_PASSWORD', value: null, line: 12 },
  ];

  it('plans the import on a dry run and writes nothing', async () => {
    const before = await app.api.invoke('settings.list', {});

    const report = await app.api.invoke('settings.importPod', {
      source: podSettingsLocal,
      dryRun: true,
    });

    expect(report.dryRun).toBe(true);
    expect(report.imported).toEqual(expectedImport);
    expect(await app.api.invoke('settings.list', {})).toEqual(before);
    expect(await app.api.invoke('journal.list', {})).toEqual([]);
  });

  it('writes only the known, well-typed settings and lists the others with their lines', async () => {
    const report = await app.api.invoke('settings.importPod', {
      source: podSettingsLocal,
      dryRun: false,
    });

    expect(report.imported).toEqual(expectedImport);
    const ignored = report.ignored.map(({ name, line }) => ({ name, line }));
    expect(ignored).toEqual([
      { name: null, line: 2 },
      { name: 'BASE_DIR', line: 3 },
      { name: 'USE_PODFILE', line: 13 },
      { name: 'DEFAULT_RECORDER_ID', line: 14 },
    ]);
    for (const { reason } of report.ignored) {
      expect(reason.en).not.toBe('');
      expect(reason.fr).not.toBe('');
    }

    const list = await app.api.invoke('settings.list', {});
    const changed = list.filter((s) => !s.isDefault).map((s) => s.key);
    expect(changed.sort()).toEqual(expectedImport.map((i) => i.key).sort());
    for (const { key, value } of expectedImport.filter((i) => i.key !== 'EMAIL_HOST_PASSWORD')) {
      expect(list.find((s) => s.key === key)?.value).toEqual(value);
    }
    expect(list.find((s) => s.key === 'EMAIL_HOST_PASSWORD')).toMatchObject({
      value: null,
      hasValue: true,
    });
    expect(list.find((s) => s.key === 'DEFAULT_RECORDER_ID')).toMatchObject({
      value: null,
      isDefault: true,
    });
    const [entry] = await app.api.invoke('journal.list', {});
    expect(entry?.kind).toBe('settings.imported');
    expect(JSON.stringify(report)).not.toContain(password);
  });

  it('never imports Régie’s own REGIE_ settings from a Pod file', async () => {
    const report = await app.api.invoke('settings.importPod', {
      source: 'REGIE_OPERATOR = "root"\n',
      dryRun: false,
    });

    expect(report.imported).toEqual([]);
    expect(report.ignored.map((i) => i.name)).toEqual(['REGIE_OPERATOR']);
    expect((await app.api.invoke('app.describe', {})).operator.label).toBe('local-admin');
  });
});
