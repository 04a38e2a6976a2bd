import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src-main/db/open';
import { openMoodle, type MoodleClient } from '../../src-main/migration/moodle/client';
import { createMoodleConnectionsService } from '../../src-main/migration/moodle/service';
import type { MoodleConnection } from '../../src-main/migration/moodle/types';
import type { SecretCipher } from '../../src-main/secrets/cipher';
import { startDatabase, type DatabaseKind, type TestDatabase } from '../helpers/databases';
import { rejectionOf } from '../helpers/errors';
import { freePort } from '../helpers/servers';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

// Issue #12 §4 against a real MariaDB and a real PostgreSQL loaded with Moodle 4's three tables
// (test/fixtures/moodle): every moderator found (Pod kept only the first, §3.8), role moderators
// listed, hostile values only data, the notice written exactly once on both engines (Pod's
// UPDATE always failed on MySQL, §8.3.8).

const fixtures = join(__dirname, '../fixtures/moodle');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');

const rec = {
  physics: '23ebf185f0207cc42902f8d0716599b7b4ea7d0d-1700000000001',
  team: '07e2dc145187d1bf6157719afcb3ccf267850991-1700000100001',
  dismissed: '8af7b1d82de3cf97d3b58ded8c1f0dfaa789551e-1700000200001',
  awaiting: 'ef627e60eef472fb7b12095b3f6738229626ba4d-1700000300001',
  empty: 'ad87109bfff0765f4dd8cf4943b04d16a4070fea-1700000400001',
  broken: '0b8a1caec23d75d1154b8d9bef9cec6c03697638-1700000500001',
  hostile: "x'; DROP TABLE mdl_user; --",
  notice: 'a81b09d9521597ebcaf0cc8b49ad7a8be8e4cc61-1700000700001',
};
const NOTICE =
  "<p class='alert alert-dark'>Les enregistrements de l’ancien BBB sont sur Pod « Importer une vidéo externe ».</p>";

/** Seals nothing: the service's own behaviour is under test, not the key file. */
const plainCipher: SecretCipher = { seal: (p) => `sealed:${p}`, open: (s) => s.slice(7) };

describe.each<DatabaseKind>(['mysql', 'postgres'])('Moodle on %s', (kind) => {
  let server: TestDatabase;
  const clients: MoodleClient[] = [];
  const connection = (patch: Partial<MoodleConnection> = {}): MoodleConnection => ({
    name: 'moodle.univ.fr',
    kind,
    host: server.host,
    port: server.port,
    databaseName: server.database,
    username: server.user,
    tablePrefix: 'mdl_',
    schemaName: 'public',
    canWriteNotice: false,
    ...patch,
  });
  const open = async (patch: Partial<MoodleConnection> = {}) => {
    const client = await openMoodle(connection(patch), server.password);
    clients.push(client);
    return client;
  };
  const count = async (table: string) => {
    const [row] = await server.adminRows(`SELECT COUNT(*) AS n FROM ${table}`);
    return Number(row?.n);
  };
  const introOf = async (id: number) => {
    const [row] = await server.adminRows(
      `SELECT intro FROM mdl_bigbluebuttonbn WHERE id = ${String(id)}`,
    );
    return row?.intro;
  };

  beforeAll(async () => {
    server = await startDatabase(kind);
    await server.admin(fixture(kind === 'mysql' ? 'schema.mysql.sql' : 'schema.pg.sql'));
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.stop();
  });
  beforeEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await server.admin(
      'DELETE FROM mdl_bigbluebuttonbn_recordings; DELETE FROM mdl_bigbluebuttonbn; DELETE FROM mdl_user;',
    );
    await server.admin(fixture('seed.sql'));
  });

  it('finds every moderator of a recording, and lists the role moderators', async () => {
    const moodle = await open();
    const found = await moodle.findRecording(rec.physics);
    expect(found).toMatchObject({ activityId: 1, course: 2, name: 'Amphi de physique — séance 1' });
    expect(found?.intro).toBe("<p>Cours de l'après-midi, amphi Curie.</p>");
    expect(found?.moderators).toEqual([
      {
        id: 10,
        username: 'jdupont',
        firstname: 'Jeanne',
        lastname: 'Dupont',
        email: 'jeanne.dupont@univ.fr',
        isDeleted: false,
      },
      {
        id: 11,
        username: "o'brien",
        firstname: 'Seán',
        lastname: "O'Brien",
        email: 'sean.obrien@univ.fr',
        isDeleted: false,
      },
      {
        id: 12,
        username: 'mlefevre',
        firstname: 'Marie-Hélène',
        lastname: 'Lefèvre',
        email: 'marie-helene.lefevre@univ.fr',
        isDeleted: false,
      },
    ]);
    expect(found?.roleParticipants).toEqual([
      { selectiontype: 'role', selectionid: '3', role: 'moderator' },
    ]);
    expect(found?.warnings).toEqual([]);
  });

  it('says which moderators are missing or deleted, without failing', async () => {
    const found = await (await open()).findRecording(rec.team);
    expect(found?.moderators.map((u) => [u.username, u.isDeleted])).toEqual([
      ['zhang.wei', false],
      ['p.martin@univ.fr.1690000000', true],
    ]);
    expect(found?.moderators[0]).toMatchObject({ firstname: '伟', lastname: '张' });
    expect(found?.roleParticipants).toEqual([
      { selectiontype: 'role', selectionid: '4', role: 'moderator' },
    ]);
    expect(found?.warnings.map((w) => w.en)).toEqual([
      'Activity 2: moderator user 99 is not in the user table',
    ]);
  });

  it('keeps only processed recordings (status 2), and returns null for an unknown one', async () => {
    const moodle = await open();
    expect(await moodle.findRecording(rec.dismissed)).toBeNull();
    expect(await moodle.findRecording(rec.awaiting)).toBeNull();
    expect(await moodle.findRecording('0000000000000000000000000000000000000000-1')).toBeNull();
    expect(await moodle.findRecording('')).toBeNull();
  });

  it('gives nobody for empty participants, and a warning for participants that are not JSON', async () => {
    const moodle = await open();
    expect(await moodle.findRecording(rec.empty)).toMatchObject({
      activityId: 3,
      moderators: [],
      roleParticipants: [],
      warnings: [],
    });
    const broken = await moodle.findRecording(rec.broken);
    expect(broken?.moderators).toEqual([]);
    expect(broken?.warnings[0]?.en).toMatch(/^Activity 4: participants is not a JSON list/);
  });

  it('takes a hostile record id as data only: the tables are intact after', async () => {
    const moodle = await open({ canWriteNotice: true });
    const found = await moodle.findRecording(rec.hostile);
    expect(found).toMatchObject({ activityId: 5, name: "Soutenance '; DROP TABLE mdl_user; --" });
    expect(found?.intro).toBe('<p>Quotes \' and " and ; DROP TABLE mdl_user; --</p>');
    expect(found?.moderators.map((u) => u.username)).toEqual(["o'brien"]);
    expect(await moodle.findRecording("' OR '1'='1")).toBeNull();
    expect(await moodle.findRecording("x' OR 1=1; --")).toBeNull();
    expect(await moodle.writeNotice(5, "'); DELETE FROM mdl_user; --")).toBe('written');
    expect(await count('mdl_user')).toBe(8);
    expect(await count('mdl_bigbluebuttonbn')).toBe(8);
    expect(await count('mdl_bigbluebuttonbn_recordings')).toBe(11);
    expect(await introOf(5)).toBe(
      "<p>Quotes ' and \" and ; DROP TABLE mdl_user; --</p><br>'); DELETE FROM mdl_user; --",
    );
  });

  it('writes the notice once: a second call finds it already there', async () => {
    const moodle = await open({ canWriteNotice: true });
    const activity = await moodle.findRecording(rec.notice);
    expect(activity?.activityId).toBe(6);
    expect(await moodle.writeNotice(6, NOTICE)).toBe('written');
    expect(await moodle.writeNotice(6, NOTICE)).toBe('already');
    expect(await introOf(6)).toBe(`<p>Séminaire de recherche.</p><br>${NOTICE}`);
    // A NULL intro gets the notice alone; an intro that merely names Pod still gets it.
    expect(await moodle.writeNotice(7, NOTICE)).toBe('written');
    expect(await introOf(7)).toBe(NOTICE);
    expect(await moodle.writeNotice(8, NOTICE)).toBe('written');
    expect(await introOf(8)).toBe(`<p>Les vidéos du cours sont sur Pod.</p><br>${NOTICE}`);
  });

  it('writes the notice once when two runs write it at the same time', async () => {
    const [a, b] = await Promise.all([
      open({ canWriteNotice: true }),
      open({ canWriteNotice: true }),
    ]);
    const outcomes = await Promise.all([a.writeNotice(6, NOTICE), b.writeNotice(6, NOTICE)]);
    expect(outcomes.sort()).toEqual(['already', 'written']);
    expect(String(await introOf(6)).split(NOTICE)).toHaveLength(2);
  });

  it('refuses to write when the connection is read-only', async () => {
    const moodle = await open();
    const error = await rejectionOf(moodle.writeNotice(6, NOTICE));
    expect(error.code).toBe('forbidden');
    expect(error.text.en).toMatch(/Moodle connection “moodle.univ.fr” .* is read-only/);
    expect(error.text.fr).toMatch(/lecture seule/);
    expect(await introOf(6)).toBe('<p>Séminaire de recherche.</p>');
  });

  it('says a wrong password clearly, naming the connection and never the password', async () => {
    const wrong = 'Wr0ng-S3cret-xyz';
    const error = await rejectionOf(openMoodle(connection(), wrong));
    const where = `${kind} 127.0.0.1:${String(server.port)}, database moodle`;
    expect(error.code).toBe('remote');
    expect(error.text.en).toContain(`Moodle connection “moodle.univ.fr” (${where})`);
    expect(error.text.en).toMatch(/user moodleuser was refused/);
    expect(error.text.fr).toMatch(/l’utilisateur moodleuser a été refusé/);
    for (const text of [error.text.en, error.text.fr, error.detail ?? '']) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(server.password);
    }
  });

  it('says when nothing listens on the port', async () => {
    const port = await freePort();
    const error = await rejectionOf(openMoodle(connection({ port }), server.password));
    expect(error.text.en).toMatch(/nothing accepts connections there/);
  });

  it('tests the connection: version and the three tables with the prefix', async () => {
    const ok = await (await open()).test();
    expect(ok).toMatchObject({
      ok: true,
      error: null,
      tables: [
        { name: 'mdl_bigbluebuttonbn', present: true },
        { name: 'mdl_bigbluebuttonbn_recordings', present: true },
        { name: 'mdl_user', present: true },
      ],
    });
    expect(ok.serverVersion).toMatch(kind === 'mysql' ? /MariaDB/ : /^\d+\.\d+/);
    const wrongPrefix = await open({ tablePrefix: 'm4_' });
    const missing = await wrongPrefix.test();
    expect(missing.ok).toBe(false);
    expect(missing.tables.every((t) => !t.present)).toBe(true);
    expect(missing.error?.en).toMatch(/missing m4_bigbluebuttonbn, .*Check the table prefix/s);
    const lookup = await rejectionOf(wrongPrefix.findRecording(rec.physics));
    expect(lookup.text.en).toMatch(/a table .*m4_… is missing/);
  });

  describe('the connections registry', () => {
    let dir: string;
    let db: Db;
    beforeEach(() => {
      dir = makeTempDir();
      db = openDatabase({ file: join(dir, 'regie.db') }).db;
      return () => {
        db.close();
        removeTempDir(dir);
      };
    });
    const service = () =>
      createMoodleConnectionsService({
        s: {
          db,
          now: () => new Date('2025-01-01T00:00:00Z'),
          record: () => ({}) as never,
          operator: { require: () => undefined },
        },
        cipher: plainCipher,
      });

    it('adds, tests and lists a connection without its password', async () => {
      const moodle = service();
      const added = moodle.add({
        name: 'default',
        kind,
        host: server.host,
        port: server.port,
        databaseName: server.database,
        username: server.user,
        password: server.password,
      });
      expect(added).toMatchObject({ name: 'default', hasPassword: true, canWriteNotice: false });
      expect(JSON.stringify(moodle.list())).not.toContain(server.password);
      expect(await moodle.test(added.id)).toMatchObject({ ok: true, error: null });
      const client = await moodle.open(added.id);
      clients.push(client);
      expect((await client.findRecording(rec.physics))?.moderators).toHaveLength(3);

      moodle.update(added.id, { password: 'not-the-password' });
      const failed = await moodle.test(added.id);
      expect(failed.ok).toBe(false);
      expect(failed.error?.en).toMatch(/Moodle connection “default”.*refused/s);
      expect(moodle.choose('', [])).toMatchObject({ connection: { name: 'default' } });
      expect(moodle.remove(added.id)).toEqual({ id: added.id });
      expect(moodle.list()).toEqual([]);
    });
  });
});
