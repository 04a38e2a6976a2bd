-- The video library: what a verified encode published (Pod's Video with its encodings).

CREATE TABLE videos (
  id            INTEGER PRIMARY KEY,
  recording_id  INTEGER REFERENCES recordings (id) ON DELETE SET NULL,
  owner_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  title         TEXT NOT NULL,
  video_type_id INTEGER NOT NULL,
  description   TEXT NOT NULL DEFAULT '',
  duration_s    REAL NOT NULL,
  is_video      INTEGER NOT NULL CHECK (is_video IN (0, 1)),
  dir           TEXT NOT NULL,               -- <library>/<id>/, relative names inside
  renditions_json TEXT NOT NULL DEFAULT '[]',  -- [{ name, kind, file, height, sizeBytes }]
  thumbnail     TEXT,
  overview_vtt  TEXT,
  master        TEXT,
  source_path   TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;

CREATE INDEX videos_owner ON videos (owner_id, id);
