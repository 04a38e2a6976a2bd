import type {
  PodCatalog,
  PodCounts,
  PodMirrorReport,
  PodTestReport,
} from '../../src-preload/contract';
import type { Db } from '../db/open';

/** A Pod user with its Owner row (affiliation, hashkey), hyperlinks already turned into ids. */
export interface PodUser {
  podId: number;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  isStaff: boolean;
  groups: string[];
  affiliation: string;
  hashkey: string | null;
}

export interface PodTables {
  types: { id: number; title: string; description: string }[];
  sites: { id: number; domain: string; name: string }[];
  recorders: {
    id: number;
    name: string;
    description: string;
    addressIp: string;
    recordingType: string;
  }[];
  buildings: { id: number; name: string }[];
  broadcasters: {
    id: number;
    name: string;
    slug: string;
    buildingId: number | null;
    url: string;
    status: boolean;
    isRestricted: boolean;
  }[];
  liveGateways: {
    id: number;
    rtmpStreamUrl: string;
    broadcasterId: number | null;
    siteId: number | null;
  }[];
  meetings: {
    id: number;
    meetingId: string;
    name: string;
    ownerPodId: number | null;
    isWebinar: boolean;
  }[];
}

export interface MergeResult {
  added: number;
  updated: number;
  adopted: number;
  /** Pod users not merged, with why (a username another Régie user has). */
  skipped: string[];
  /** Régie's own users Pod does not know, by username. */
  regieOnly: string[];
}

interface UserRow {
  id: number;
  username: string;
  first_name: string;
  last_name: string;
  email: string;
  is_staff: number;
  affiliation: string;
  groups_json: string;
  origin: string;
  pod_id: number | null;
  pod_hashkey: string | null;
}

/** The mirror of a Pod server in SQLite: its tables replaced whole, its users merged. */
export function createPodRepository(db: Db) {
  const byPodId = db.prepare<[number], UserRow>('SELECT * FROM users WHERE pod_id = ?');
  const byName = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
  const insertUser = db.prepare(
    `INSERT INTO users (username, first_name, last_name, email, is_staff, affiliation, groups_json,
       origin, pod_id, pod_hashkey, pod_seen_at, created_at, updated_at)
     VALUES (@username, @firstName, @lastName, @email, @isStaff, @affiliation, @groups,
       'pod', @podId, @hashkey, @at, @at, @at)`,
  );
  const updateUser = db.prepare(
    `UPDATE users SET username = @username, first_name = @firstName, last_name = @lastName,
       email = @email, is_staff = @isStaff, affiliation = @affiliation, groups_json = @groups,
       origin = 'pod', pod_id = @podId, pod_hashkey = @hashkey, updated_at = @at
     WHERE id = @id`,
  );
  const seen = db.prepare<[string, number]>('UPDATE users SET pod_seen_at = ? WHERE id = ?');
  const regieOnly = db.prepare<[], { username: string }>(
    "SELECT username FROM users WHERE origin = 'regie' ORDER BY username",
  );
  const report = db.prepare<[string], { report: string }>(
    'SELECT report FROM pod_reports WHERE name = ?',
  );
  const saveReport = db.prepare<[string, string]>(
    'INSERT INTO pod_reports (name, report) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET report = excluded.report',
  );
  const countOf = (table: string) =>
    db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`);
  const counters = {
    users: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM users WHERE origin = 'pod'"),
    types: countOf('pod_types'),
    sites: countOf('pod_sites'),
    recorders: countOf('pod_recorders'),
    buildings: countOf('pod_buildings'),
    broadcasters: countOf('pod_broadcasters'),
    liveGateways: countOf('pod_live_gateways'),
    meetings: countOf('pod_meetings'),
  };

  const sameFields = (row: UserRow, user: PodUser) =>
    row.username === user.username &&
    row.first_name === user.firstName &&
    row.last_name === user.lastName &&
    row.email === user.email &&
    row.is_staff === Number(user.isStaff) &&
    row.affiliation === user.affiliation &&
    row.groups_json === JSON.stringify(user.groups) &&
    row.origin === 'pod' &&
    row.pod_id === user.podId &&
    row.pod_hashkey === user.hashkey;

  /**
   * Pod is the truth for its users (issue #11 §2): a Régie user with Pod's id is updated; one
   * with the same username and no Pod id is adopted (it becomes Pod's); others are added. A
   * username held by another Régie user that already has a different Pod id is skipped.
   */
  const mergeUsers = db.transaction((users: Iterable<PodUser>, at: string): MergeResult => {
    const result: MergeResult = { added: 0, updated: 0, adopted: 0, skipped: [], regieOnly: [] };
    for (const user of users) {
      const params = {
        ...user,
        isStaff: Number(user.isStaff),
        groups: JSON.stringify(user.groups),
        at,
      };
      const mine = byPodId.get(user.podId);
      const named = byName.get(user.username);
      if (named && named.id !== mine?.id && named.pod_id !== null) {
        result.skipped.push(user.username);
        continue;
      }
      if (mine && named && named.id !== mine.id) {
        // Pod renamed a user onto a name a Régie-only user has: that one is Pod's now.
        result.skipped.push(user.username);
        continue;
      }
      const target = mine ?? named;
      if (!target) {
        insertUser.run(params);
        result.added++;
        continue;
      }
      if (!sameFields(target, user)) {
        updateUser.run({ ...params, id: target.id });
        if (target.origin === 'regie') result.adopted++;
        else result.updated++;
      }
      seen.run(at, target.id);
    }
    result.regieOnly = regieOnly.all().map((r) => r.username);
    return result;
  });

  const replace = (table: string, columns: string[]) => {
    const insert = db.prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
    );
    const clear = db.prepare(`DELETE FROM ${table}`);
    return (rows: Record<string, unknown>[]) => {
      clear.run();
      for (const row of rows) insert.run(row);
    };
  };
  const tables = {
    types: replace('pod_types', ['id', 'title', 'description']),
    sites: replace('pod_sites', ['id', 'domain', 'name']),
    recorders: replace('pod_recorders', [
      'id',
      'name',
      'description',
      'address_ip',
      'recording_type',
    ]),
    buildings: replace('pod_buildings', ['id', 'name']),
    broadcasters: replace('pod_broadcasters', [
      'id',
      'name',
      'slug',
      'building_id',
      'url',
      'status',
      'is_restricted',
    ]),
    liveGateways: replace('pod_live_gateways', [
      'id',
      'rtmp_stream_url',
      'broadcaster_id',
      'site_id',
    ]),
    meetings: replace('pod_meetings', ['id', 'meeting_id', 'name', 'owner_pod_id', 'is_webinar']),
  };

  /** The small tables, each replaced whole; an absent app's table is emptied. */
  const replaceTables = db.transaction((data: PodTables) => {
    tables.types(data.types);
    tables.sites(data.sites);
    tables.recorders(
      data.recorders.map((r) => ({
        ...r,
        address_ip: r.addressIp,
        recording_type: r.recordingType,
      })),
    );
    tables.buildings(data.buildings);
    tables.broadcasters(
      data.broadcasters.map((b) => ({
        ...b,
        building_id: b.buildingId,
        status: Number(b.status),
        is_restricted: Number(b.isRestricted),
      })),
    );
    tables.liveGateways(
      data.liveGateways.map((g) => ({
        id: g.id,
        rtmp_stream_url: g.rtmpStreamUrl,
        broadcaster_id: g.broadcasterId,
        site_id: g.siteId,
      })),
    );
    tables.meetings(
      data.meetings.map((m) => ({
        id: m.id,
        meeting_id: m.meetingId,
        name: m.name,
        owner_pod_id: m.ownerPodId,
        is_webinar: Number(m.isWebinar),
      })),
    );
  });

  const catalogTypes = db.prepare<[], { id: number; title: string; description: string }>(
    'SELECT id, title, description FROM pod_types ORDER BY title',
  );
  const catalogRecorders = db.prepare<
    [],
    { id: number; name: string; description: string; address_ip: string; recording_type: string }
  >('SELECT * FROM pod_recorders ORDER BY name');
  const catalogBroadcasters = db.prepare<
    [],
    {
      id: number;
      name: string;
      slug: string;
      building_name: string | null;
      url: string;
      status: number;
      is_restricted: number;
    }
  >(
    `SELECT b.id, b.name, b.slug, g.name AS building_name, b.url, b.status, b.is_restricted
     FROM pod_broadcasters b LEFT JOIN pod_buildings g ON g.id = b.building_id ORDER BY b.name`,
  );
  const catalogGateways = db.prepare<
    [],
    { id: number; rtmp_stream_url: string; broadcaster_id: number | null }
  >('SELECT id, rtmp_stream_url, broadcaster_id FROM pod_live_gateways ORDER BY id');
  const firstSite = db.prepare<[], { id: number }>('SELECT id FROM pod_sites ORDER BY id LIMIT 1');
  const hasType = db.prepare<[number], { id: number }>('SELECT id FROM pod_types WHERE id = ?');

  return {
    mergeUsers,
    replaceTables,
    /** A user's Pod id, from the mirror. */
    podIdOf: (userId: number): number | undefined =>
      db
        .prepare<[number], { pod_id: number | null }>('SELECT pod_id FROM users WHERE id = ?')
        .get(userId)?.pod_id ?? undefined,
    setPodId(userId: number, podId: number) {
      db.prepare('UPDATE users SET pod_id = ? WHERE id = ? AND pod_id IS NULL').run(podId, userId);
    },
    firstSiteId: () => firstSite.get()?.id,
    /** undefined: no types mirrored, so nothing to check against. */
    hasType: (id: number): boolean | undefined =>
      counters.types.get()?.n ? hasType.get(id) !== undefined : undefined,
    counts(): PodCounts {
      const n = (c: { get(): { n: number } | undefined }) => c.get()?.n ?? 0;
      return {
        users: n(counters.users),
        types: n(counters.types),
        sites: n(counters.sites),
        recorders: n(counters.recorders),
        buildings: n(counters.buildings),
        broadcasters: n(counters.broadcasters),
        liveGateways: n(counters.liveGateways),
        meetings: n(counters.meetings),
      };
    },
    catalog(): PodCatalog {
      return {
        types: catalogTypes.all(),
        recorders: catalogRecorders.all().map((r) => ({
          id: r.id,
          name: r.name,
          description: r.description,
          addressIp: r.address_ip,
          recordingType: r.recording_type,
        })),
        broadcasters: catalogBroadcasters.all().map((b) => ({
          id: b.id,
          name: b.name,
          slug: b.slug,
          buildingName: b.building_name,
          url: b.url,
          status: b.status === 1,
          isRestricted: b.is_restricted === 1,
        })),
        liveGateways: catalogGateways.all().map((g) => ({
          id: g.id,
          rtmpStreamUrl: g.rtmp_stream_url,
          broadcasterId: g.broadcaster_id,
        })),
      };
    },
    lastTest: (): PodTestReport | null => {
      const row = report.get('test');
      return row ? (JSON.parse(row.report) as PodTestReport) : null;
    },
    lastMirror: (): PodMirrorReport | null => {
      const row = report.get('mirror');
      return row ? (JSON.parse(row.report) as PodMirrorReport) : null;
    },
    saveTest: (test: PodTestReport) => void saveReport.run('test', JSON.stringify(test)),
    saveMirror: (mirror: PodMirrorReport) => void saveReport.run('mirror', JSON.stringify(mirror)),
  };
}

export type PodRepository = ReturnType<typeof createPodRepository>;
