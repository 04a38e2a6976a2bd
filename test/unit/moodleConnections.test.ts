import { describe, expect, it } from 'vitest';
import { moderatorsOf } from '../../src-main/migration/moodle/participants';
import { connectionFor } from '../../src-main/migration/moodle/route';
import {
  checkMoodleFields,
  type MoodleConnectionInput,
} from '../../src-main/migration/moodle/validate';

const valid: MoodleConnectionInput = {
  name: 'moodle.univ.fr',
  kind: 'mysql',
  host: 'db.univ.fr',
  databaseName: 'moodle',
  username: 'moodleuser',
};
const check = (patch: Partial<MoodleConnectionInput>, taken: string[] = []) =>
  checkMoodleFields({ ...valid, ...patch }, { isNameTaken: (n) => taken.includes(n) });

describe('a Moodle connection form', () => {
  it('takes the defaults Moodle has: port by kind, prefix mdl_, schema public, read-only', () => {
    expect(check({}).errors).toEqual({});
    expect(check({}).fields).toMatchObject({
      port: 3306,
      tablePrefix: 'mdl_',
      schemaName: 'public',
      canWriteNotice: false,
    });
    expect(check({ kind: 'postgres' }).fields.port).toBe(5432);
    expect(check({ port: '6432' }).fields.port).toBe(6432);
  });

  it('reports every bad field at once', () => {
    const { errors } = check({
      name: ' ',
      kind: 'oracle',
      host: '',
      port: 70000,
      databaseName: '',
      username: ' ',
    });
    expect(Object.keys(errors).sort()).toEqual(
      ['databaseName', 'host', 'kind', 'name', 'port', 'username'].sort(),
    );
    expect(errors.kind?.fr).toMatch(/mysql .* ou postgres/);
  });

  it('refuses a name another connection has', () => {
    expect(check({ name: 'default' }, ['default']).errors.name?.en).toMatch(/already exists/);
  });

  it.each([0, -1, 1.5, 65536, 'abc'])('refuses port %s', (port) => {
    expect(check({ port }).errors.port).toBeDefined();
  });

  // The prefix and schema go into the SQL text: nothing but [a-z0-9_] may get there.
  it.each(["mdl_'; DROP TABLE x; --", 'mdl-', 'mdl_ ', 'mdl`', 'm"dl', 'é_'])(
    'refuses the prefix %j',
    (tablePrefix) => {
      expect(check({ tablePrefix: `${tablePrefix}x` }).errors.tablePrefix).toBeDefined();
    },
  );
  it('accepts an empty prefix and upper case', () => {
    expect(check({ tablePrefix: '' }).errors).toEqual({});
    expect(check({ tablePrefix: 'M4_' }).errors).toEqual({});
  });
  it.each(['public; DROP', '"public"', '1abc', '', 'a.b'])(
    'refuses the schema %j',
    (schemaName) => {
      expect(check({ schemaName }).errors.schemaName).toBeDefined();
    },
  );
  it('refuses a host with spaces or a URL', () => {
    expect(check({ host: 'db univ' }).errors.host).toBeDefined();
    expect(check({ host: 'mysql://db' }).errors.host).toBeDefined();
  });
});

describe('connectionFor: which Moodle a recording is looked up in', () => {
  const def = { name: 'default', id: 1 };
  const campus = { name: 'moodle.univ.fr', id: 2 };
  const connections = [def, campus];

  it('uses the connection named after the origin server', () => {
    expect(connectionFor('moodle.univ.fr', connections, [])).toEqual({ connection: campus });
    expect(connectionFor(' Moodle.Univ.FR ', connections, [])).toEqual({ connection: campus });
  });
  it('uses default when the recording has no origin server', () => {
    expect(connectionFor('', connections, [])).toEqual({ connection: def });
    expect(connectionFor(null, connections, [])).toEqual({ connection: def });
    expect(connectionFor(undefined, [campus], [])).toMatchObject({ why: 'noDefault' });
  });
  it('skips an ignored server, with the reason', () => {
    const choice = connectionFor('not-a-moodle.univ.fr', connections, ['NOT-A-MOODLE.univ.fr']);
    expect(choice).toMatchObject({ why: 'ignored' });
    expect('skip' in choice && choice.skip.en).toMatch(/not-a-moodle\.univ\.fr.*ignored/);
  });
  it('skips a server with no connection instead of failing (Pod: KeyError)', () => {
    const choice = connectionFor('other.univ.fr', connections, []);
    expect(choice).toMatchObject({ why: 'unknownServer' });
    expect('skip' in choice && choice.skip.fr).toMatch(/aucune connexion Moodle nommée other/);
  });
});

describe('participants of a BigBlueButton activity', () => {
  it('keeps every user moderator, once, in order, and lists role moderators', () => {
    const json = JSON.stringify([
      { selectiontype: 'all', selectionid: 'all', role: 'viewer' },
      { selectiontype: 'user', selectionid: '83', role: 'moderator' },
      { selectiontype: 'role', selectionid: '3', role: 'moderator' },
      { selectiontype: 'user', selectionid: '12', role: 'moderator' },
      { selectiontype: 'user', selectionid: '83', role: 'moderator' },
      { selectiontype: 'user', selectionid: '7', role: 'viewer' },
    ]);
    expect(moderatorsOf(json, 5)).toEqual({
      userIds: [83, 12],
      roleParticipants: [{ selectiontype: 'role', selectionid: '3', role: 'moderator' }],
      warnings: [],
    });
  });
  it('gives nobody for an empty value, without a warning', () => {
    expect(moderatorsOf('', 5)).toEqual({ userIds: [], roleParticipants: [], warnings: [] });
    expect(moderatorsOf(null, 5).userIds).toEqual([]);
  });
  it('gives nobody and a warning for a value that is not a JSON list', () => {
    for (const value of ['{not json', '{"a":1}', '"x"']) {
      const found = moderatorsOf(value, 5);
      expect(found.userIds).toEqual([]);
      expect(found.warnings[0]?.en).toMatch(/Activity 5: participants is not a JSON list/);
    }
  });
  it('warns about a user id that is not a number', () => {
    const json = '[{"selectiontype":"user","selectionid":"1 OR 1=1","role":"moderator"}]';
    expect(moderatorsOf(json, 5).warnings[0]?.en).toMatch(/"1 OR 1=1" is not a number/);
  });
});
