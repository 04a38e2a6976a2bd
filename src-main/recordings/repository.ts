import type { Recording, RecordingStatus, RecordingType, Slide } from '../../src-preload/contract';
import type { Db } from '../db/open';

interface Row {
  id: number;
  recorder_id: number | null;
  file_id: number | null;
  owner_id: number;
  title: string;
  type: RecordingType;
  video_type_id: number;
  description: string;
  source_path: string;
  media_path: string | null;
  slides_json: string;
  status: RecordingStatus;
  comment: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface StoredRecording extends Recording {
  mediaPath: string | null;
}

const toRecording = (row: Row): StoredRecording => ({
  id: row.id,
  recorderId: row.recorder_id,
  fileId: row.file_id,
  ownerId: row.owner_id,
  title: row.title,
  type: row.type,
  videoTypeId: row.video_type_id,
  description: row.description,
  sourcePath: row.source_path,
  mediaPath: row.media_path,
  slides: JSON.parse(row.slides_json) as Slide[],
  status: row.status,
  comment: row.comment,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export type NewRecording = Omit<StoredRecording, 'id' | 'createdAt' | 'updatedAt' | 'status'>;

export interface RecordingsRepository {
  byId(id: number): StoredRecording | undefined;
  list(status?: RecordingStatus): StoredRecording[];
  insert(recording: NewRecording, at: string): StoredRecording;
  setStatus(id: number, status: RecordingStatus, at: string): StoredRecording;
}

export function createRecordingsRepository(db: Db): RecordingsRepository {
  const one = db.prepare<[number], Row>('SELECT * FROM recordings WHERE id = ?');
  const all = db.prepare<[], Row>('SELECT * FROM recordings ORDER BY id DESC');
  const byStatus = db.prepare<[string], Row>(
    'SELECT * FROM recordings WHERE status = ? ORDER BY id DESC',
  );
  const insert = db.prepare(
    `INSERT INTO recordings (recorder_id, file_id, owner_id, title, type, video_type_id, description, source_path, media_path, slides_json, status, comment, created_by, created_at, updated_at)
     VALUES (@recorderId, @fileId, @ownerId, @title, @type, @videoTypeId, @description, @sourcePath, @mediaPath, @slides, 'queued', @comment, @createdBy, @at, @at)`,
  );
  const status = db.prepare<[string, string, number]>(
    'UPDATE recordings SET status = ?, updated_at = ? WHERE id = ?',
  );
  const must = (id: number) => {
    const row = one.get(id);
    if (!row) throw new Error(`recording ${String(id)} vanished`);
    return toRecording(row);
  };
  return {
    byId: (id) => {
      const row = one.get(id);
      return row && toRecording(row);
    },
    list: (status) => (status ? byStatus.all(status) : all.all()).map(toRecording),
    setStatus: (id, next, at) => {
      status.run(next, at, id);
      return must(id);
    },
    insert: (recording, at) =>
      must(
        Number(
          insert.run({ ...recording, slides: JSON.stringify(recording.slides), at })
            .lastInsertRowid,
        ),
      ),
  };
}

export function toRecordingView(recording: StoredRecording): Recording {
  const { mediaPath: _mediaPath, ...view } = recording;
  return view;
}
