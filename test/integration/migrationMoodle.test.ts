import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { manyRecordings, startBbbSimulator, type BbbSimulator } from '../helpers/bbbSimulator';
import { startDatabase, type DatabaseKind, type TestDatabase } from '../helpers/databases';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

/**
 * Import video with Moodle (issue #12 §3–4, §6), end to end: the BBB simulator's recordings,
 * a real MariaDB and a real PostgreSQL holding Moodle 4's tables (test/fixtures/moodle). Every
 * moderator gets the recording (Pod kept the first only, §3.8), missing users are created staff
 * (§3.6.4), the notice is written once per activity, a re-run creates nothing, and a hostile
 * record id is only data.
 */

const fixtures = join(__dirname, '../fixtures/moodle');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');

// Record ids of test/fixtures/moodle/seed.sql.
const rec = {
  physics: '23ebf185f0207cc42902f8d0716599b7b4ea7d0d-1700000000001', // jdupont, o'brien, mlefevre
  team: '07e2dc145187d1bf6157719afcb3ccf267850991-1700000100001', // zhang.wei (+ a deleted one)
  empty: 'ad87109bfff0765f4dd8cf4943b04d16a4070fea-1700000400001', // no participants
  hostile: "x'; DROP TABLE mdl_user; --", // o'brien
};

describe.each<DatabaseKind>(['mysql', 'postgres'])('import video with Moodle on %s', (kind) => {
  let db: TestDatabase;
  let sim: BbbSimulator;
  let dir: string;
  let app: RegieApp;

  beforeAll(async () => {
    db = await startDatabase(kind);
    await db.admin(fixture(kind === 'mysql' ? 'schema.mysql.sql' : 'schema.pg.sql'));
  });
  afterAll(async () => {
    await db.stop();
  });
  beforeEach(async () => {
    await db.admin(
      'DELETE FROM mdl_bigbluebuttonbn_recordings; DELETE FROM mdl_bigbluebuttonbn; DELETE FROM mdl_user;',
    );
    await db.admin(fixture('seed.sql'));
    sim = await startBbbSimulator({ flavour: 'bbb-2.7' });
    const ids = Object.values(rec);
    sim.recordings = manyRecordings(sim.host, ids.length).map((r, i) => ({
      ...r,
      recordId: ids[i] ?? r.recordId,
      internalMeetingId: ids[i] ?? r.recordId,
      metadata: { ...r.metadata, 'bbb-origin-server-name': 'moodle.univ.fr' },
    }));
    dir = makeTempDir();
    app = createApp({ dataDir: dir });
  });
  afterEach(async () => {
    await app.close();
    await sim.close();
    removeTempDir(dir);
  });

  it('gives each recording to all its Moodle moderators, writes the notice once, and repeats nothing', async () => {
    await app.api.invoke('users.create', { username: 'admin.bbb', firstName: 'A', lastName: 'B' });
    await app.api.invoke('moodle.add', {
      name: 'moodle.univ.fr',
      kind,
      host: db.host,
      port: db.port,
      databaseName: db.database,
      username: db.user,
      password: db.password,
      canWriteNotice: true,
    });
    const server = await app.api.invoke('bbbServers.add', {
      name: 'Ancien',
      url: sim.url,
      secret: sim.secret,
    });
    await app.api.invoke('bbbRecordings.mirror', { serverId: server.id });
    const options = {
      serverId: server.id,
      mode: 'import_video' as const,
      admin: 'admin.bbb',
      useMoodle: true,
    };
    const plan = await app.api.invoke('migration.plan', options);
    const items = await app.api.invoke('migration.items', { runId: plan.id });
    const owners = Object.fromEntries(items.map((i) => [i.recordId, i.owners]));
    expect(owners[rec.physics]).toEqual(['jdupont', "o'brien", 'mlefevre']);
    expect(owners[rec.team]).toEqual(['zhang.wei']);
    expect(owners[rec.hostile]).toEqual(["o'brien"]);
    expect(owners[rec.empty]).toEqual(['admin.bbb']);
    expect(items.find((i) => i.recordId === rec.empty)?.reason.en).toMatch(
      /no user moderator in Moodle moodle\.univ\.fr .*→ the admin admin\.bbb/,
    );

    const run = await app.api.invoke('migration.start', { runId: plan.id });
    expect(run.status).toBe('done');
    const externals = await app.api.invoke('externalRecordings.list', {});
    expect(externals).toHaveLength(6);
    const users = await app.api.invoke('users.list', {});
    expect(users.find((u) => u.username === "o'brien")).toMatchObject({
      isStaff: true,
      firstName: 'Seán',
      lastName: "O'Brien",
    });
    const [intro] = await db.adminRows('SELECT intro FROM mdl_bigbluebuttonbn WHERE id = 1');
    expect(String(intro?.intro).split('Les enregistrements de cette activité')).toHaveLength(2);
    // The hostile record id was a bound parameter: Moodle's users are all still there.
    const [count] = await db.adminRows('SELECT COUNT(*) AS n FROM mdl_user');
    expect(Number(count?.n)).toBe(8);

    const again = await app.api.invoke('migration.plan', options);
    expect(again.byAction).toEqual({ skip: 4 });
    await app.api.invoke('migration.start', { runId: again.id });
    expect(await app.api.invoke('externalRecordings.list', {})).toHaveLength(6);
    const [after] = await db.adminRows('SELECT intro FROM mdl_bigbluebuttonbn WHERE id = 1');
    expect(after?.intro).toBe(intro?.intro);
  });

  it("writes Pod's own external recordings in Pod's database (--to pod-db), once, naming owners Pod lacks", async () => {
    // Pod's two tables the target touches (Django's auth_user and import_video's model, §4.1).
    await db.admin(
      kind === 'mysql'
        ? `DROP TABLE IF EXISTS import_video_externalrecording; DROP TABLE IF EXISTS auth_user;
           CREATE TABLE auth_user (id INT PRIMARY KEY, username VARCHAR(150) NOT NULL UNIQUE);
           CREATE TABLE import_video_externalrecording (id INT AUTO_INCREMENT PRIMARY KEY,
             name VARCHAR(250) NOT NULL, start_at DATETIME(6) NOT NULL, type VARCHAR(50) NOT NULL,
             source_url VARCHAR(500) NOT NULL, state VARCHAR(250) NULL, site_id INT NOT NULL,
             owner_id INT NULL, uploaded_to_pod_by_id INT NULL);
           INSERT INTO auth_user VALUES (1, 'admin.bbb'), (7, 'jdupont'), (8, 'o''brien');`
        : `DROP TABLE IF EXISTS import_video_externalrecording; DROP TABLE IF EXISTS auth_user;
           CREATE TABLE auth_user (id INT PRIMARY KEY, username VARCHAR(150) NOT NULL UNIQUE);
           CREATE TABLE import_video_externalrecording (id SERIAL PRIMARY KEY,
             name VARCHAR(250) NOT NULL, start_at TIMESTAMPTZ NOT NULL, type VARCHAR(50) NOT NULL,
             source_url VARCHAR(500) NOT NULL, state VARCHAR(250) NULL, site_id INT NOT NULL,
             owner_id INT NULL, uploaded_to_pod_by_id INT NULL);
           INSERT INTO auth_user VALUES (1, 'admin.bbb'), (7, 'jdupont'), (8, 'o''brien');`,
    );
    const settings: Record<string, unknown> = {
      POD_DB_ENGINE: kind,
      POD_DB_HOST: db.host,
      POD_DB_PORT: db.port,
      POD_DB_NAME: db.database,
      POD_DB_USER: db.user,
      POD_DB_PASSWORD: db.password,
    };
    for (const [key, value] of Object.entries(settings))
      await app.api.invoke('settings.set', { key, value });
    await app.api.invoke('users.create', { username: 'admin.bbb', firstName: 'A', lastName: 'B' });
    await app.api.invoke('moodle.add', {
      name: 'moodle.univ.fr',
      kind,
      host: db.host,
      port: db.port,
      databaseName: db.database,
      username: db.user,
      password: db.password,
    });
    const server = await app.api.invoke('bbbServers.add', {
      name: 'Ancien',
      url: sim.url,
      secret: sim.secret,
    });
    await app.api.invoke('bbbRecordings.mirror', { serverId: server.id });
    const options = {
      serverId: server.id,
      mode: 'import_video' as const,
      admin: 'admin.bbb',
      useMoodle: true,
      target: 'pod-db' as const,
    };
    const run = await app.api.invoke('migration.start', {
      runId: (await app.api.invoke('migration.plan', options)).id,
    });
    // physics: jdupont and o'brien are Pod users, mlefevre is not; team: zhang.wei is not.
    expect(run.byState).toEqual({ done: 2, failed: 2 });
    const failed = await app.api.invoke('migration.items', { runId: run.id, state: 'failed' });
    expect(failed.map((i) => i.error?.en).sort()).toEqual([
      'not a Pod user: mlefevre. Create them in Pod (or let them log in once), then run the migration again.',
      'not a Pod user: zhang.wei. Create them in Pod (or let them log in once), then run the migration again.',
    ]);
    const rows = () =>
      db.adminRows(
        'SELECT owner_id, type, site_id, source_url FROM import_video_externalrecording ORDER BY owner_id, source_url',
      );
    const first = await rows();
    expect(first.map((r) => Number(r.owner_id))).toEqual([1, 7, 8, 8]);
    expect(first.every((r) => r.type === 'bigbluebutton' && Number(r.site_id) === 1)).toBe(true);

    // mlefevre logs into Pod; the same command again adds exactly the missing row.
    await db.admin("INSERT INTO auth_user VALUES (9, 'mlefevre')");
    await app.api.invoke('migration.start', {
      runId: (await app.api.invoke('migration.plan', options)).id,
    });
    const second = await rows();
    expect(second.map((r) => Number(r.owner_id))).toEqual([1, 7, 8, 8, 9]);
  });
});
