-- Recorder drop folders: every file seen (Pod's RecordingFileTreatment, kept for the whole life
-- of the file), the recordings made from them, unknown folders, and SFTP drop folders.

CREATE TABLE recorder_files (
  id              INTEGER PRIMARY KEY,
  origin          TEXT NOT NULL,               -- 'local' or 'sftp:<source id>'
  rel_path        TEXT NOT NULL,               -- under the drop root, '/'-separated
  local_path      TEXT NOT NULL,               -- the file Régie reads (drop file, or its SFTP download)
  folder          TEXT NOT NULL,               -- first path segment: names the recorder
  recorder_id     INTEGER REFERENCES recorders (id) ON DELETE SET NULL,
  size            INTEGER NOT NULL,
  mtime_ms        INTEGER NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('incomplete', 'invalid', 'unknown', 'unclaimed',
                    'notified', 'queued', 'encoding', 'published', 'deleted')),
  reason_en       TEXT,
  reason_fr       TEXT,
  media_json      TEXT,                        -- probe summary: duration, resolution, codecs
  first_seen_at   TEXT NOT NULL,
  changed_at      TEXT NOT NULL,               -- last size/mtime change seen
  detected_at     TEXT,                        -- when it was offered (complete and valid)
  notify_state    TEXT,                        -- pending | ok | auto | nok | error | mailed | admins
  notify_attempts INTEGER NOT NULL DEFAULT 0,
  notify_detail   TEXT,
  next_notify_at  TEXT,
  admins_told_at  TEXT,
  recording_id    INTEGER,
  updated_at      TEXT NOT NULL,
  UNIQUE (origin, rel_path)
) STRICT;

CREATE INDEX recorder_files_status ON recorder_files (status, id);

CREATE TABLE unknown_folders (
  origin        TEXT NOT NULL,
  folder        TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  reported_at   TEXT,
  PRIMARY KEY (origin, folder)
) STRICT;

-- Pod's recorder.Recording: a file that was claimed or assigned, on its way to a video.
CREATE TABLE recordings (
  id            INTEGER PRIMARY KEY,
  recorder_id   INTEGER REFERENCES recorders (id) ON DELETE SET NULL,
  file_id       INTEGER REFERENCES recorder_files (id) ON DELETE SET NULL,
  owner_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  title         TEXT NOT NULL,
  type          TEXT NOT NULL CHECK (type IN ('video', 'audiovideocast')),
  video_type_id INTEGER NOT NULL,
  description   TEXT NOT NULL DEFAULT '',
  source_path   TEXT NOT NULL,
  media_path    TEXT,                          -- audiovideocast: the media extracted from the ZIP
  slides_json   TEXT NOT NULL DEFAULT '[]',
  status        TEXT NOT NULL CHECK (status IN ('queued', 'encoding', 'published', 'failed')),
  comment       TEXT NOT NULL DEFAULT '',
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;

CREATE INDEX recordings_status ON recordings (status, id);

CREATE TABLE sftp_sources (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE,
  host            TEXT NOT NULL,
  port            INTEGER NOT NULL DEFAULT 22,
  username        TEXT NOT NULL,
  secret_sealed   TEXT NOT NULL DEFAULT '',    -- password or private key, sealed (src-main/secrets)
  auth            TEXT NOT NULL CHECK (auth IN ('password', 'key')),
  remote_root     TEXT NOT NULL,
  poll_seconds    INTEGER NOT NULL DEFAULT 15,
  after_processing TEXT NOT NULL DEFAULT 'rename' CHECK (after_processing IN ('rename', 'move', 'leave')),
  move_to         TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;
