import type { Recorder, RecordingType } from '../../src-preload/contract';
import type { Db } from '../db/open';

interface Row {
  id: number;
  name: string;
  description: string;
  address_ip: string | null;
  salt: string;
  manager_id: number | null;
  video_type_id: number;
  recording_type: RecordingType;
  directory: string;
  created_at: string;
  updated_at: string;
  additional: string | null;
}

export type RecorderFields = Omit<Recorder, 'id' | 'createdAt' | 'updatedAt'>;

export interface RecordersRepository {
  list(): Recorder[];
  byId(id: number): Recorder | undefined;
  findConflicts(
    fields: Pick<RecorderFields, 'name' | 'addressIp' | 'directory'>,
    exceptId: number,
  ): {
    name: boolean;
    addressIp: boolean;
    directory: boolean;
  };
  insert(fields: RecorderFields, at: string): Recorder;
  update(id: number, fields: RecorderFields, at: string): Recorder;
  remove(id: number): void;
}

const select = `SELECT r.*, (SELECT group_concat(user_id) FROM recorder_additional_users a WHERE a.recorder_id = r.id) AS additional
  FROM recorders r`;

const toRecorder = (row: Row): Recorder => ({
  id: row.id,
  name: row.name,
  description: row.description,
  addressIp: row.address_ip,
  salt: row.salt,
  managerId: row.manager_id,
  additionalUserIds: row.additional
    ? row.additional
        .split(',')
        .map(Number)
        .sort((a, b) => a - b)
    : [],
  videoTypeId: row.video_type_id,
  recordingType: row.recording_type,
  directory: row.directory,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function createRecordersRepository(db: Db): RecordersRepository {
  const all = db.prepare<[], Row>(`${select} ORDER BY r.name`);
  const one = db.prepare<[number], Row>(`${select} WHERE r.id = ?`);
  const conflicts = db.prepare<
    { name: string; ip: string | null; directory: string; id: number },
    { name: number; ip: number; directory: number }
  >(
    `SELECT
       EXISTS (SELECT 1 FROM recorders WHERE name = @name AND id <> @id) AS name,
       EXISTS (SELECT 1 FROM recorders WHERE address_ip = @ip AND id <> @id) AS ip,
       EXISTS (SELECT 1 FROM recorders WHERE directory = @directory AND id <> @id) AS directory`,
  );
  const insert = db.prepare(
    `INSERT INTO recorders (name, description, address_ip, salt, manager_id, video_type_id, recording_type, directory, created_at, updated_at)
     VALUES (@name, @description, @addressIp, @salt, @managerId, @videoTypeId, @recordingType, @directory, @at, @at)`,
  );
  const update = db.prepare(
    `UPDATE recorders SET name = @name, description = @description, address_ip = @addressIp, salt = @salt,
       manager_id = @managerId, video_type_id = @videoTypeId, recording_type = @recordingType,
       directory = @directory, updated_at = @at
     WHERE id = @id`,
  );
  const clearUsers = db.prepare<[number]>(
    'DELETE FROM recorder_additional_users WHERE recorder_id = ?',
  );
  const addUser = db.prepare<[number, number]>(
    'INSERT INTO recorder_additional_users (recorder_id, user_id) VALUES (?, ?)',
  );
  const remove = db.prepare<[number]>('DELETE FROM recorders WHERE id = ?');

  const params = ({ additionalUserIds: _ignored, ...fields }: RecorderFields, at: string) => ({
    ...fields,
    at,
  });
  const setUsers = (id: number, userIds: number[]) => {
    clearUsers.run(id);
    for (const userId of new Set(userIds)) addUser.run(id, userId);
  };
  const must = (id: number): Recorder => {
    const row = one.get(id);
    if (!row) throw new Error(`recorder ${String(id)} vanished`);
    return toRecorder(row);
  };

  return {
    list: () => all.all().map(toRecorder),
    byId: (id) => {
      const row = one.get(id);
      return row && toRecorder(row);
    },
    findConflicts(fields, exceptId) {
      const row = conflicts.get({
        name: fields.name,
        ip: fields.addressIp,
        directory: fields.directory,
        id: exceptId,
      });
      return { name: row?.name === 1, addressIp: row?.ip === 1, directory: row?.directory === 1 };
    },
    insert: db.transaction((fields: RecorderFields, at: string) => {
      const id = Number(insert.run(params(fields, at)).lastInsertRowid);
      setUsers(id, fields.additionalUserIds);
      return must(id);
    }),
    update: db.transaction((id: number, fields: RecorderFields, at: string) => {
      update.run({ ...params(fields, at), id });
      setUsers(id, fields.additionalUserIds);
      return must(id);
    }),
    remove: (id) => void remove.run(id),
  };
}
