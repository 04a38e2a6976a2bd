import type {
  Bilingual,
  ExternalRecordingView,
  MigrationItemState,
  MigrationItemView,
  MigrationOptions,
  MigrationRunStatus,
  MigrationRunView,
} from '../../src-preload/contract';
import type { Db } from '../db/open';
import type { PlannedItem, PlannedOwner } from './plan';

interface RunRow {
  id: number;
  server_id: number;
  server_name: string | null;
  mode: MigrationRunView['mode'];
  options_json: string;
  is_dry: number;
  status: MigrationRunStatus;
  csv_path: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

interface ItemRow {
  id: number;
  run_id: number;
  position: number;
  record_id: string;
  name: string;
  start_ms: number;
  action: MigrationItemView['action'];
  owners_json: string;
  target: string | null;
  reason_json: string;
  state: MigrationItemState;
  error_json: string | null;
}

export interface StoredItem extends MigrationItemView {
  ownerDetails: PlannedOwner[];
}

const toItem = (row: ItemRow): StoredItem => {
  const owners = JSON.parse(row.owners_json) as PlannedOwner[];
  return {
    id: row.id,
    runId: row.run_id,
    position: row.position,
    recordId: row.record_id,
    name: row.name,
    startMs: row.start_ms,
    action: row.action,
    owners: owners.map((o) => o.username),
    ownerDetails: owners,
    target: row.target,
    reason: JSON.parse(row.reason_json) as Bilingual,
    state: row.state,
    error: row.error_json === null ? null : (JSON.parse(row.error_json) as Bilingual),
  };
};

export const toItemView = (item: StoredItem): MigrationItemView => {
  const { ownerDetails: _owners, ...view } = item;
  return view;
};

/** Runs, their plan lines, the files delivered and the external recordings (issue #12). */
export function createMigrationRepository(db: Db) {
  const runSelect = `SELECT r.*, s.name AS server_name FROM migration_runs r
    LEFT JOIN bbb_servers s ON s.id = r.server_id`;
  const oneRun = db.prepare<[number], RunRow>(`${runSelect} WHERE r.id = ?`);
  const allRuns = db.prepare<[], RunRow>(`${runSelect} ORDER BY r.id DESC`);
  const counts = db.prepare<[number], { action: string; state: string; n: number }>(
    'SELECT action, state, count(*) AS n FROM migration_items WHERE run_id = ? GROUP BY action, state',
  );
  const insertRun = db.prepare(
    `INSERT INTO migration_runs (server_id, mode, options_json, is_dry, status, csv_path, created_at)
     VALUES (@serverId, @mode, @options, @isDry, 'planned', @csvPath, @at)`,
  );
  const insertItem = db.prepare(
    `INSERT INTO migration_items (run_id, position, record_id, name, start_ms, action, owners_json,
       target, reason_json, state, updated_at)
     VALUES (@runId, @position, @recordId, @name, @startMs, @action, @owners, @target, @reason,
       @state, @at)`,
  );
  const itemsOf = db.prepare<[number, string, string, string, string, number, number], ItemRow>(
    `SELECT * FROM migration_items WHERE run_id = ? AND (? = '' OR state = ?)
       AND (? = '' OR action = ?)
     ORDER BY position LIMIT ? OFFSET ?`,
  );
  const oneItem = db.prepare<[number], ItemRow>('SELECT * FROM migration_items WHERE id = ?');
  const setItem = db.prepare<[string, string | null, string | null, string, number]>(
    'UPDATE migration_items SET state = ?, error_json = ?, target = coalesce(?, target), updated_at = ? WHERE id = ?',
  );
  const setRun = db.prepare<[string, string | null, string | null, number]>(
    `UPDATE migration_runs SET status = ?, started_at = coalesce(?, started_at),
       finished_at = ? WHERE id = ?`,
  );
  const files = db.prepare<[number], { record_id: string; path: string }>(
    'SELECT record_id, path FROM migration_files WHERE server_id = ?',
  );
  const insertFile = db.prepare(
    `INSERT INTO migration_files (server_id, record_id, path, size_bytes, done_at)
     VALUES (?, ?, ?, ?, ?) ON CONFLICT (server_id, record_id) DO NOTHING`,
  );
  const externalKeys = db.prepare<[], { source_url: string; username: string }>(
    'SELECT e.source_url, u.username FROM external_recordings e JOIN users u ON u.id = e.owner_id',
  );
  const insertExternal = db.prepare(
    `INSERT INTO external_recordings (server_id, record_id, name, start_at, owner_id, type,
       source_url, created_at, updated_at)
     VALUES (@serverId, @recordId, @name, @startAt, @ownerId, 'bigbluebutton', @sourceUrl, @at, @at)
     ON CONFLICT (source_url, owner_id) DO NOTHING`,
  );
  const externals = db.prepare<
    [number],
    {
      id: number;
      server_id: number | null;
      record_id: string;
      name: string;
      start_at: string;
      owner_id: number;
      username: string;
      type: string;
      source_url: string;
      state: ExternalRecordingView['state'];
      video_id: number | null;
      error_json: string | null;
    }
  >(
    `SELECT e.*, u.username FROM external_recordings e JOIN users u ON u.id = e.owner_id
     ORDER BY e.start_at DESC, e.id LIMIT ?`,
  );

  const toRun = (row: RunRow): MigrationRunView => {
    const byAction: MigrationRunView['byAction'] = {};
    const byState: MigrationRunView['byState'] = {};
    let total = 0;
    for (const c of counts.all(row.id)) {
      const action = c.action as keyof MigrationRunView['byAction'];
      const state = c.state as MigrationItemState;
      byAction[action] = (byAction[action] ?? 0) + c.n;
      byState[state] = (byState[state] ?? 0) + c.n;
      total += c.n;
    }
    return {
      id: row.id,
      serverId: row.server_id,
      serverName: row.server_name ?? `#${String(row.server_id)}`,
      mode: row.mode,
      options: JSON.parse(row.options_json) as MigrationOptions,
      isDry: row.is_dry === 1,
      status: row.status,
      csvPath: row.csv_path,
      createdAt: row.created_at,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      byAction,
      byState,
      total,
    };
  };

  const oneExternal = db.prepare<
    [number],
    {
      id: number;
      server_id: number | null;
      record_id: string;
      name: string;
      owner_id: number;
      state: ExternalRecordingView['state'];
    }
  >('SELECT id, server_id, record_id, name, owner_id, state FROM external_recordings WHERE id = ?');
  const setExternal = db.prepare<[string, string | null, string, number]>(
    'UPDATE external_recordings SET state = ?, error_json = ?, updated_at = ? WHERE id = ?',
  );
  return {
    external: (id: number) => oneExternal.get(id),
    setExternal: (
      id: number,
      state: ExternalRecordingView['state'],
      at: string,
      error?: Bilingual,
    ) => void setExternal.run(state, error ? JSON.stringify(error) : null, at, id),
    /** The run and its plan in one transaction: a plan is never half saved. */
    createRun: db.transaction(
      (options: MigrationOptions, items: readonly PlannedItem[], at: string): number => {
        const runId = Number(
          insertRun.run({
            serverId: options.serverId,
            mode: options.mode,
            options: JSON.stringify(options),
            isDry: options.dry ? 1 : 0,
            csvPath: options.csvPath ?? null,
            at,
          }).lastInsertRowid,
        );
        for (const item of items)
          insertItem.run({
            runId,
            position: item.position,
            recordId: item.recordId,
            name: item.name,
            startMs: item.startMs,
            action: item.action,
            owners: JSON.stringify(item.owners),
            target: item.target,
            reason: JSON.stringify(item.reason),
            state: item.action === 'skip' ? 'skipped' : 'planned',
            at,
          });
        return runId;
      },
    ),
    run: (id: number) => {
      const row = oneRun.get(id);
      return row && toRun(row);
    },
    runs: () => allRuns.all().map(toRun),
    items: (
      runId: number,
      options: { state?: string; action?: string; limit?: number; offset?: number } = {},
    ) =>
      itemsOf
        .all(
          runId,
          options.state ?? '',
          options.state ?? '',
          options.action ?? '',
          options.action ?? '',
          options.limit ?? 100_000,
          options.offset ?? 0,
        )
        .map(toItem),
    item: (id: number) => {
      const row = oneItem.get(id);
      return row && toItem(row);
    },
    setItem(
      id: number,
      state: MigrationItemState,
      at: string,
      extra: { error?: Bilingual | null; target?: string } = {},
    ) {
      setItem.run(
        state,
        extra.error ? JSON.stringify(extra.error) : null,
        extra.target ?? null,
        at,
        id,
      );
    },
    setRun(id: number, status: MigrationRunStatus, at: string) {
      const isEnd = status === 'done' || status === 'failed' || status === 'cancelled';
      setRun.run(status, status === 'running' ? at : null, isEnd ? at : null, id);
    },
    delivered: (serverId: number) =>
      new Map(files.all(serverId).map((f) => [f.record_id, f.path] as const)),
    recordFile: (serverId: number, recordId: string, path: string, size: number, at: string) =>
      void insertFile.run(serverId, recordId, path, size, at),
    externalKeys: () =>
      new Set(externalKeys.all().map((k) => `${k.source_url}\u0000${k.username}`)),
    /** Inserts unless (source URL, owner) is there already; true when a row was added. */
    addExternal: (row: {
      serverId: number;
      recordId: string;
      name: string;
      startAt: string;
      ownerId: number;
      sourceUrl: string;
      at: string;
    }) => insertExternal.run(row).changes > 0,
    externals: (limit = 50_000): ExternalRecordingView[] =>
      externals.all(limit).map((e) => ({
        id: e.id,
        serverId: e.server_id,
        recordId: e.record_id,
        name: e.name,
        startAt: e.start_at,
        ownerId: e.owner_id,
        ownerUsername: e.username,
        type: e.type,
        sourceUrl: e.source_url,
        state: e.state,
        videoId: e.video_id,
        error: e.error_json === null ? null : (JSON.parse(e.error_json) as Bilingual),
      })),
  };
}

export type MigrationRepository = ReturnType<typeof createMigrationRepository>;
