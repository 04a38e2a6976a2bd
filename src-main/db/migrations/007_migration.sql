-- The migration wizard (issue #12): an old BBB/Scalelite server's recordings moved to their
-- owners (reference/pod-behaviour.md §3, §4, §8.3–8.4). The listing itself is the server's
-- recordings mirror (bbb_recordings): a snapshot refreshed on demand.

-- One Moodle database per `bbb-origin-server-name`, plus `default` (Pod's DB_PARAMS).
CREATE TABLE moodle_connections (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE,
  kind            TEXT NOT NULL CHECK (kind IN ('mysql', 'postgres')),
  host            TEXT NOT NULL,
  port            INTEGER NOT NULL,
  database_name   TEXT NOT NULL,
  username        TEXT NOT NULL,
  password_sealed TEXT NOT NULL DEFAULT '',     -- src-main/secrets: never in clear
  table_prefix    TEXT NOT NULL DEFAULT 'mdl_',
  schema_name     TEXT NOT NULL DEFAULT 'public', -- PostgreSQL only
  -- Read-only unless the notice is enabled: then bigbluebuttonbn.intro may be written.
  write_notice    INTEGER NOT NULL DEFAULT 0 CHECK (write_notice IN (0, 1)),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;

-- Pod's import_video ExternalRecording, in Régie: one per (source_url, owner), never twice.
CREATE TABLE external_recordings (
  id          INTEGER PRIMARY KEY,
  server_id   INTEGER REFERENCES bbb_servers (id) ON DELETE SET NULL,
  record_id   TEXT NOT NULL,
  name        TEXT NOT NULL,
  start_at    TEXT NOT NULL,
  owner_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type        TEXT NOT NULL DEFAULT 'bigbluebutton',
  source_url  TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT 'none'
                CHECK (state IN ('none', 'queued', 'converting', 'published', 'failed')),
  video_id    INTEGER REFERENCES videos (id) ON DELETE SET NULL,
  pod_db_id   INTEGER,                          -- its row in Pod's database, when written there
  error_json  TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (source_url, owner_id)
) STRICT;

CREATE TABLE migration_runs (
  id           INTEGER PRIMARY KEY,
  server_id    INTEGER NOT NULL REFERENCES bbb_servers (id) ON DELETE CASCADE,
  mode         TEXT NOT NULL CHECK (mode IN ('manual_claim', 'import_video', 'export_csv')),
  options_json TEXT NOT NULL,
  is_dry       INTEGER NOT NULL CHECK (is_dry IN (0, 1)),
  status       TEXT NOT NULL
                 CHECK (status IN ('planned', 'running', 'done', 'failed', 'cancelled')),
  csv_path     TEXT,
  created_at   TEXT NOT NULL,
  started_at   TEXT,
  finished_at  TEXT
) STRICT;

-- The plan, one line per recording: what will happen, to whom, with which file, and why.
CREATE TABLE migration_items (
  id           INTEGER PRIMARY KEY,
  run_id       INTEGER NOT NULL REFERENCES migration_runs (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,               -- 1-based, newest first (--min/--max)
  record_id    TEXT NOT NULL,
  name         TEXT NOT NULL,
  start_ms     INTEGER NOT NULL,
  action       TEXT NOT NULL,                  -- download, convert, external, csv, skip
  owners_json  TEXT NOT NULL DEFAULT '[]',
  target       TEXT,                           -- the file, or the source URL
  reason_json  TEXT NOT NULL,                  -- {en, fr}
  state        TEXT NOT NULL DEFAULT 'planned'
                 CHECK (state IN ('planned', 'running', 'done', 'skipped', 'failed')),
  error_json   TEXT,
  updated_at   TEXT NOT NULL,
  UNIQUE (run_id, record_id)
) STRICT;

CREATE INDEX migration_items_state ON migration_items (run_id, state);

-- What a manual-claim migration already delivered, across runs: a re-run never writes twice.
CREATE TABLE migration_files (
  server_id  INTEGER NOT NULL REFERENCES bbb_servers (id) ON DELETE CASCADE,
  record_id  TEXT NOT NULL,
  path       TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  done_at    TEXT NOT NULL,
  PRIMARY KEY (server_id, record_id)
) STRICT;
