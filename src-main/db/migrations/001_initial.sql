-- Régie's local mirror, first version: settings, users, recorders and the journal.

CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,            -- JSON; secrets are {"sealed": "..."} (src-main/secrets)
  updated_at TEXT NOT NULL
) STRICT;

-- Mirror of the people who own videos (Pod's auth_user + Owner fields).
CREATE TABLE users (
  id           INTEGER PRIMARY KEY,
  username     TEXT NOT NULL UNIQUE,
  first_name   TEXT NOT NULL DEFAULT '',
  last_name    TEXT NOT NULL DEFAULT '',
  email        TEXT NOT NULL DEFAULT '',
  is_staff     INTEGER NOT NULL DEFAULT 0 CHECK (is_staff IN (0, 1)),
  is_superuser INTEGER NOT NULL DEFAULT 0 CHECK (is_superuser IN (0, 1)),
  affiliation  TEXT NOT NULL DEFAULT '',
  groups_json  TEXT NOT NULL DEFAULT '[]',
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;

-- Pod's recorder.Recorder (reference/pod-behaviour.md §1.2), the fields Régie uses.
CREATE TABLE recorders (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  description    TEXT NOT NULL DEFAULT '',
  address_ip     TEXT UNIQUE,
  salt           TEXT NOT NULL DEFAULT '',
  -- RESTRICT, not Pod's CASCADE: removing a person must not silently remove a recorder.
  manager_id     INTEGER REFERENCES users (id) ON DELETE RESTRICT,
  video_type_id  INTEGER NOT NULL DEFAULT 1,
  recording_type TEXT NOT NULL DEFAULT 'video' CHECK (recording_type IN ('video', 'audiovideocast')),
  directory      TEXT NOT NULL UNIQUE,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE recorder_additional_users (
  recorder_id INTEGER NOT NULL REFERENCES recorders (id) ON DELETE CASCADE,
  user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (recorder_id, user_id)
) STRICT;

CREATE TABLE journal (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  level   TEXT NOT NULL CHECK (level IN ('info', 'warn', 'error')),
  kind    TEXT NOT NULL,
  text_en TEXT NOT NULL,
  text_fr TEXT NOT NULL,
  actor   TEXT NOT NULL,
  subject TEXT
) STRICT;

CREATE INDEX journal_subject ON journal (subject, id);
