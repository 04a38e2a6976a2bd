import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { join } from 'node:path';
import { recorderInput, type RecorderInput } from '../../src-preload/contract';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { addUser, recordEvents } from '../helpers/app';
import { steppingClock } from '../helpers/clock';
import { rejectionOf, thrownBy } from '../helpers/errors';
import { openFilesUnder } from '../helpers/files';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

const contractFields = Object.keys(recorderInput.shape);

describe('recorders through the API', () => {
  let dir: string;
  let app: RegieApp;
  beforeEach(() => {
    dir = makeTempDir();
    app = createApp({ dataDir: dir, now: steppingClock() });
  });
  afterEach(async () => {
    await app.close();
    removeTempDir(dir);
  });

  const create = (input: RecorderInput) => app.api.invoke('recorders.create', input);
  const list = () => app.api.invoke('recorders.list', {});

  it('creates a recorder with every field', async () => {
    await addUser(app, 'alice', { isStaff: true });
    await addUser(app, 'bruno');
    await addUser(app, 'chloe');

    const recorder = await create({
      name: 'Amphi A',
      description: 'Salle 101',
      addressIp: '192.168.1.10',
      salt: 'abc',
      manager: 'alice',
      additionalUsers: ['chloe', 'bruno'],
      videoTypeId: 3,
      recordingType: 'audiovideocast',
      directory: 'amphi-a',
    });

    const users = await app.api.invoke('users.list', {});
    const idOf = (username: string) => users.find((u) => u.username === username)?.id;
    expect(recorder).toMatchObject({
      name: 'Amphi A',
      description: 'Salle 101',
      addressIp: '192.168.1.10',
      salt: 'abc',
      managerId: idOf('alice'),
      additionalUserIds: [idOf('bruno'), idOf('chloe')].sort((a = 0, b = 0) => a - b),
      videoTypeId: 3,
      recordingType: 'audiovideocast',
      directory: 'amphi-a',
    });
    expect(await list()).toEqual([recorder]);
  });

  it('fills defaults: no IP, no manager (manual claim), type video, video type from the setting', async () => {
    await app.api.invoke('settings.set', { key: 'DEFAULT_RECORDER_TYPE_ID', value: 4 });

    const recorder = await create({ name: 'B', directory: 'b' });

    expect(recorder).toMatchObject({
      addressIp: null,
      managerId: null,
      additionalUserIds: [],
      recordingType: 'video',
      videoTypeId: 4,
      salt: '',
      description: '',
    });
  });

  it.each([
    ['directory', { name: 'Other', directory: 'amphi-a' }],
    ['name', { name: 'Amphi A', directory: 'other' }],
    ['addressIp', { name: 'Other', directory: 'other', addressIp: '10.0.0.1' }],
  ] as const)('refuses a duplicate %s with an error on that field only', async (field, input) => {
    const first = await create({ name: 'Amphi A', directory: 'amphi-a', addressIp: '10.0.0.1' });

    const error = await rejectionOf(create(input));

    expect(error.code).toBe('validation');
    expect(Object.keys(error.fieldErrors ?? {})).toEqual([field]);
    expect(await list()).toEqual([first]);
  });

  it('accepts an IPv6 address', async () => {
    const recorder = await create({ name: 'V6', directory: 'v6', addressIp: '2001:db8::1' });
    expect(recorder.addressIp).toBe('2001:db8::1');
  });

  // Pod's address_ip is a Django GenericIPAddressField (pod-behaviour.md §1.2), which stores
  // IPv6 in its compressed RFC 5952 form, so two spellings of one address are one address.
  it('treats two spellings of one IPv6 address as a duplicate', async () => {
    await create({ name: 'V6', directory: 'v6', addressIp: '2001:db8::1' });

    const error = await rejectionOf(
      create({ name: 'W6', directory: 'w6', addressIp: '2001:0db8:0:0:0:0:0:1' }),
    );

    expect(Object.keys(error.fieldErrors ?? {})).toEqual(['addressIp']);
  });

  it.each([
    ['addressIp', { addressIp: '1.2.3' }],
    ['addressIp', { addressIp: '999.1.1.1' }],
    ['addressIp', { addressIp: 'amphi.univ.fr' }],
    ['directory', { directory: 'a/b' }],
    ['directory', { directory: '..' }],
    ['directory', { directory: '.hidden' }],
    ['directory', { directory: '' }],
    ['directory', { directory: 'a\\b' }],
    ['directory', { directory: 'x'.repeat(51) }],
    ['name', { name: '   ' }],
    ['salt', { salt: 's'.repeat(51) }],
    ['recordingType', { recordingType: 'studio' }],
    ['videoTypeId', { videoTypeId: 0 }],
  ] as const)(
    'refuses %s %j, naming that contract field, and writes nothing',
    async (field, bad) => {
      const events = recordEvents(app, 'recorders.changed');

      const error = await rejectionOf(create({ name: 'Amphi', directory: 'amphi', ...bad }));

      expect(error.code).toBe('validation');
      expect(Object.keys(error.fieldErrors ?? {})).toEqual([field]);
      expect(contractFields).toContain(field);
      const why = error.fieldErrors?.[field];
      expect(why?.en).not.toBe('');
      expect(why?.fr).not.toBe('');
      expect(await list()).toEqual([]);
      expect(await app.api.invoke('journal.list', {})).toEqual([]);
      expect(events).toEqual([]);
    },
  );

  it('accepts a 50-character directory, the longest Pod allows', async () => {
    const recorder = await create({ name: 'Long', directory: 'x'.repeat(50) });
    expect(recorder.directory).toHaveLength(50);
  });

  it('reports every bad field at once', async () => {
    const error = await rejectionOf(
      create({ name: 'Amphi', directory: '../x', addressIp: '1.2.3' }),
    );
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(['addressIp', 'directory']);
  });

  // Pod limits a recorder's manager to staff users: ../shared/reference/pod-behaviour.md §1.2.
  it('refuses an unknown manager and a manager who is not staff', async () => {
    await addUser(app, 'student', { isStaff: false });

    const unknown = await rejectionOf(create({ name: 'A', directory: 'a', manager: 'ghost' }));
    const notStaff = await rejectionOf(create({ name: 'A', directory: 'a', manager: 'student' }));

    expect(Object.keys(unknown.fieldErrors ?? {})).toEqual(['manager']);
    expect(unknown.fieldErrors?.manager?.en).toContain('ghost');
    expect(Object.keys(notStaff.fieldErrors ?? {})).toEqual(['manager']);
    expect(notStaff.fieldErrors?.manager?.en).toContain('staff');
    expect(await list()).toEqual([]);
  });

  // Django's createsuperuser makes the superuser staff too: Régie does the same (issue #9 §10).
  it('takes a superuser created without --staff as a manager: a superuser is staff', async () => {
    const boss = await addUser(app, 'boss', { isSuperuser: true });
    const demoted = await app.api.invoke('users.update', {
      id: boss.id,
      patch: { isStaff: false },
    });

    const recorder = await create({ name: 'A', directory: 'a', manager: 'boss' });

    expect(boss).toMatchObject({ isSuperuser: true, isStaff: true });
    expect(demoted.isStaff).toBe(true);
    expect(recorder.managerId).toBe(boss.id);
  });

  it('refuses unknown additional users on that field', async () => {
    const error = await rejectionOf(
      create({ name: 'A', directory: 'a', additionalUsers: ['ghost'] }),
    );
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(['additionalUsers']);
  });

  it('updates with a patch and keeps the other fields', async () => {
    await addUser(app, 'alice', { isStaff: true });
    const created = await create({
      name: 'Amphi A',
      directory: 'amphi-a',
      addressIp: '10.0.0.1',
      salt: 'abc',
      manager: 'alice',
      recordingType: 'audiovideocast',
    });

    const updated = await app.api.invoke('recorders.update', {
      id: created.id,
      patch: { description: 'Rénovée' },
    });

    expect(updated).toEqual({ ...created, description: 'Rénovée', updatedAt: updated.updatedAt });
    expect(updated.updatedAt > created.updatedAt).toBe(true);
    expect(await list()).toEqual([updated]);
  });

  it('lets an update keep its own name, IP and directory (not duplicates of itself)', async () => {
    const created = await create({ name: 'A', directory: 'a', addressIp: '10.0.0.1' });
    const updated = await app.api.invoke('recorders.update', {
      id: created.id,
      patch: { name: 'A', directory: 'a', addressIp: '10.0.0.1' },
    });
    expect(updated.name).toBe('A');
  });

  it('refuses an update that takes another recorder’s directory', async () => {
    await create({ name: 'A', directory: 'a' });
    const b = await create({ name: 'B', directory: 'b' });

    const error = await rejectionOf(
      app.api.invoke('recorders.update', { id: b.id, patch: { directory: 'a' } }),
    );

    expect(Object.keys(error.fieldErrors ?? {})).toEqual(['directory']);
    expect((await list()).map((r) => r.directory)).toEqual(['a', 'b']);
  });

  it('removes a recorder, and says not_found for an unknown id', async () => {
    const created = await create({ name: 'A', directory: 'a' });

    expect(await app.api.invoke('recorders.remove', { id: created.id })).toEqual({
      id: created.id,
    });
    expect(await list()).toEqual([]);
    expect((await rejectionOf(app.api.invoke('recorders.remove', { id: created.id }))).code).toBe(
      'not_found',
    );
  });

  it('journals every change and pushes recorders.changed with the recorder or its removed id', async () => {
    const changes = recordEvents(app, 'recorders.changed');
    const appended = recordEvents(app, 'journal.appended');

    const created = await create({ name: 'A', directory: 'a' });
    const updated = await app.api.invoke('recorders.update', {
      id: created.id,
      patch: { name: 'A2' },
    });
    await app.api.invoke('recorders.remove', { id: created.id });

    expect(changes).toEqual([
      { items: [created] },
      { items: [updated] },
      { items: [], removedIds: [created.id] },
    ]);
    const journal = await app.api.invoke('journal.list', {});
    expect(journal.map((e) => e.kind)).toEqual([
      'recorders.removed',
      'recorders.updated',
      'recorders.created',
    ]);
    for (const entry of journal) {
      expect(entry.subject).toBe(`recorder:${String(created.id)}`);
      expect(entry.actor).toBe('local-admin');
      expect(entry.text.en).not.toBe('');
      expect(entry.text.fr).not.toBe('');
    }
    expect(appended).toEqual([...journal].reverse());
  });
});

describe('recorders and the operator', () => {
  let dir: string;
  beforeEach(async () => {
    dir = makeTempDir();
    const setup = createApp({ dataDir: dir });
    try {
      await addUser(setup, 'root', { isSuperuser: true, isStaff: true });
      await addUser(setup, 'bob', { isStaff: true });
    } finally {
      await setup.close();
    }
  });
  afterEach(() => removeTempDir(dir));

  it('lets a superuser operator create, and signs the journal with that name', async () => {
    const app = createApp({ dataDir: dir, operator: 'root' });
    try {
      await app.api.invoke('recorders.create', { name: 'A', directory: 'a' });
      const [entry] = await app.api.invoke('journal.list', { limit: 1 });
      expect(entry?.kind).toBe('recorders.created');
      expect(entry?.actor).toBe('root');
    } finally {
      await app.close();
    }
  });

  it('refuses an operator who is not a superuser with code forbidden, writing nothing', async () => {
    const app = createApp({ dataDir: dir, operator: 'bob' });
    try {
      const before = await app.api.invoke('journal.list', {});

      const error = await rejectionOf(
        app.api.invoke('recorders.create', { name: 'A', directory: 'a' }),
      );

      expect(error.code).toBe('forbidden');
      expect(error.message).toContain('bob');
      expect(await app.api.invoke('recorders.list', {})).toEqual([]);
      expect(await app.api.invoke('journal.list', {})).toEqual(before);
    } finally {
      await app.close();
    }
  });

  it('refuses update and remove for that operator too', async () => {
    const admin = createApp({ dataDir: dir });
    const recorder = await admin.api.invoke('recorders.create', { name: 'A', directory: 'a' });
    await admin.close();

    const app = createApp({ dataDir: dir, operator: 'bob' });
    try {
      const update = app.api.invoke('recorders.update', { id: recorder.id, patch: { name: 'B' } });
      expect((await rejectionOf(update)).code).toBe('forbidden');
      expect(
        (await rejectionOf(app.api.invoke('recorders.remove', { id: recorder.id }))).code,
      ).toBe('forbidden');
      expect(await app.api.invoke('recorders.list', {})).toEqual([recorder]);
    } finally {
      await app.close();
    }
  });

  it('refuses to start with an operator who is nobody', () => {
    const error = thrownBy(() => createApp({ dataDir: dir, operator: 'nobody' }));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('nobody');
  });

  it('leaves no database handle open when it refuses to start', async () => {
    // The probe itself: a normal start and close leaves nothing open.
    await createApp({ dataDir: dir }).close();
    expect(openFilesUnder(join(dir, 'regie.db'))).toEqual([]);

    thrownBy(() => createApp({ dataDir: dir, operator: 'nobody' }));
    // createApp opened regie.db before checking the operator; a failed start must close it.
    expect(openFilesUnder(join(dir, 'regie.db'))).toEqual([]);
  });
});
