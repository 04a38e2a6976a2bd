import type { Bilingual, FileStatus, MediaSummary, RecorderFile } from '../../src-preload/contract';
import type { Db } from '../db/open';

interface Row {
  id: number;
  origin: string;
  rel_path: string;
  local_path: string;
  folder: string;
  recorder_id: number | null;
  size: number;
  mtime_ms: number;
  status: FileStatus;
  reason_en: string | null;
  reason_fr: string | null;
  media_json: string | null;
  first_seen_at: string;
  changed_at: string;
  detected_at: string | null;
  notify_state: string | null;
  notify_attempts: number;
  notify_detail: string | null;
  next_notify_at: string | null;
  admins_told_at: string | null;
  recording_id: number | null;
}

/** The stored row, with what the main side needs beyond the UI's view. */
export interface StoredFile extends RecorderFile {
  localPath: string;
  mtimeMs: number;
  notifyAttempts: number;
  nextNotifyAt: string | null;
  adminsToldAt: string | null;
}

const toFile = (row: Row): StoredFile => ({
  id: row.id,
  origin: row.origin,
  relPath: row.rel_path,
  fileName: row.rel_path.slice(row.rel_path.lastIndexOf('/') + 1),
  folder: row.folder,
  recorderId: row.recorder_id,
  size: row.size,
  status: row.status,
  reason: row.reason_en === null ? null : { en: row.reason_en, fr: row.reason_fr ?? row.reason_en },
  media: row.media_json === null ? null : (JSON.parse(row.media_json) as MediaSummary),
  firstSeenAt: row.first_seen_at,
  detectedAt: row.detected_at,
  notifyState: row.notify_state,
  notifyDetail: row.notify_detail,
  recordingId: row.recording_id,
  localPath: row.local_path,
  mtimeMs: row.mtime_ms,
  notifyAttempts: row.notify_attempts,
  nextNotifyAt: row.next_notify_at,
  adminsToldAt: row.admins_told_at,
});

/** The columns a state change may set; absent keys are left as they are. */
export interface FilePatch {
  localPath?: string;
  recorderId?: number | null;
  size?: number;
  mtimeMs?: number;
  status?: FileStatus;
  reason?: Bilingual | null;
  media?: MediaSummary | null;
  changedAt?: string;
  detectedAt?: string | null;
  notifyState?: string | null;
  notifyAttempts?: number;
  notifyDetail?: string | null;
  nextNotifyAt?: string | null;
  adminsToldAt?: string | null;
  recordingId?: number | null;
}

const columns: Record<keyof FilePatch, string> = {
  localPath: 'local_path',
  recorderId: 'recorder_id',
  size: 'size',
  mtimeMs: 'mtime_ms',
  status: 'status',
  reason: 'reason',
  media: 'media_json',
  changedAt: 'changed_at',
  detectedAt: 'detected_at',
  notifyState: 'notify_state',
  notifyAttempts: 'notify_attempts',
  notifyDetail: 'notify_detail',
  nextNotifyAt: 'next_notify_at',
  adminsToldAt: 'admins_told_at',
  recordingId: 'recording_id',
};

export interface RecorderFilesRepository {
  byId(id: number): StoredFile | undefined;
  byPath(origin: string, relPath: string): StoredFile | undefined;
  list(statuses?: readonly FileStatus[]): StoredFile[];
  /** Everything known under one origin, for a rescan to compare against (size, mtime, status). */
  snapshot(
    origin: string,
  ): Map<string, { id: number; size: number; mtimeMs: number; status: FileStatus }>;
  insert(file: {
    origin: string;
    relPath: string;
    localPath: string;
    folder: string;
    size: number;
    mtimeMs: number;
    at: string;
  }): StoredFile;
  update(id: number, patch: FilePatch, at: string): StoredFile;
  dueForNotify(now: string): StoredFile[];
}

export function createRecorderFilesRepository(db: Db): RecorderFilesRepository {
  const one = db.prepare<[number], Row>('SELECT * FROM recorder_files WHERE id = ?');
  const byPath = db.prepare<[string, string], Row>(
    'SELECT * FROM recorder_files WHERE origin = ? AND rel_path = ?',
  );
  const all = db.prepare<[], Row>('SELECT * FROM recorder_files ORDER BY id DESC');
  const withStatus = db.prepare<[string], Row>(
    'SELECT * FROM recorder_files WHERE status IN (SELECT value FROM json_each(?)) ORDER BY id DESC',
  );
  const snapshot = db.prepare<
    [string],
    { id: number; rel_path: string; size: number; mtime_ms: number; status: FileStatus }
  >('SELECT id, rel_path, size, mtime_ms, status FROM recorder_files WHERE origin = ?');
  const insert = db.prepare(
    `INSERT INTO recorder_files (origin, rel_path, local_path, folder, size, mtime_ms, status, first_seen_at, changed_at, updated_at)
     VALUES (@origin, @relPath, @localPath, @folder, @size, @mtimeMs, 'incomplete', @at, @at, @at)`,
  );
  const due = db.prepare<[string], Row>(
    `SELECT * FROM recorder_files WHERE status = 'unclaimed' AND next_notify_at IS NOT NULL AND next_notify_at <= ?`,
  );
  const updates = new Map<string, ReturnType<Db['prepare']>>();

  const must = (id: number): StoredFile => {
    const row = one.get(id);
    if (!row) throw new Error(`recorder file ${String(id)} vanished`);
    return toFile(row);
  };

  return {
    byId: (id) => {
      const row = one.get(id);
      return row && toFile(row);
    },
    byPath: (origin, relPath) => {
      const row = byPath.get(origin, relPath);
      return row && toFile(row);
    },
    list(statuses) {
      // Filtered in SQL: a scan asks for the few open files among a large history.
      return (statuses ? withStatus.all(JSON.stringify(statuses)) : all.all()).map(toFile);
    },
    snapshot(origin) {
      const map = new Map<
        string,
        { id: number; size: number; mtimeMs: number; status: FileStatus }
      >();
      for (const row of snapshot.iterate(origin)) {
        map.set(row.rel_path, {
          id: row.id,
          size: row.size,
          mtimeMs: row.mtime_ms,
          status: row.status,
        });
      }
      return map;
    },
    insert(file) {
      return must(Number(insert.run(file).lastInsertRowid));
    },
    update(id, patch, at) {
      const keys = (Object.keys(patch) as (keyof FilePatch)[]).filter(
        (k) => patch[k] !== undefined,
      );
      const params: Record<string, unknown> = { id, at };
      const sets: string[] = [];
      for (const key of keys) {
        if (key === 'reason') {
          sets.push('reason_en = @reasonEn', 'reason_fr = @reasonFr');
          params.reasonEn = patch.reason?.en ?? null;
          params.reasonFr = patch.reason?.fr ?? null;
        } else if (key === 'media') {
          sets.push('media_json = @media');
          params.media = patch.media ? JSON.stringify(patch.media) : null;
        } else {
          sets.push(`${columns[key]} = @${key}`);
          params[key] = patch[key];
        }
      }
      const sql = `UPDATE recorder_files SET ${[...sets, 'updated_at = @at'].join(', ')} WHERE id = @id`;
      let statement = updates.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        updates.set(sql, statement);
      }
      statement.run(params);
      return must(id);
    },
    dueForNotify: (now) => due.all(now).map(toFile),
  };
}

/** The view sent to the UI: no local paths. */
export function toView(file: StoredFile): RecorderFile {
  const {
    localPath: _localPath,
    mtimeMs: _mtimeMs,
    notifyAttempts: _attempts,
    nextNotifyAt: _next,
    adminsToldAt: _told,
    ...view
  } = file;
  return view;
}
