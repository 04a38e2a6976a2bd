-- The Pod connector (issue #11): what Régie mirrors of a Pod server's REST API
-- (reference/pod-behaviour.md §7), and where each Régie video stands in that Pod.

-- A user mirrored from Pod is Pod's (origin 'pod', not edited here); `pod_id` is Pod's
-- auth_user id, `pod_hashkey` its Owner hashkey; `pod_seen_at` the last complete mirror that saw it.
ALTER TABLE users ADD COLUMN origin TEXT NOT NULL DEFAULT 'regie' CHECK (origin IN ('regie', 'pod'));
ALTER TABLE users ADD COLUMN pod_id INTEGER;
ALTER TABLE users ADD COLUMN pod_hashkey TEXT;
ALTER TABLE users ADD COLUMN pod_seen_at TEXT;
CREATE UNIQUE INDEX users_pod_id ON users (pod_id) WHERE pod_id IS NOT NULL;

-- Pod's own tables, read-only mirrors keyed by Pod's ids (hyperlinks turned into ids).
CREATE TABLE pod_types (
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE pod_sites (
  id     INTEGER PRIMARY KEY,
  domain TEXT NOT NULL DEFAULT '',
  name   TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE pod_recorders (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL,
  description    TEXT NOT NULL DEFAULT '',
  address_ip     TEXT NOT NULL DEFAULT '',
  recording_type TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE pod_buildings (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL
) STRICT;

CREATE TABLE pod_broadcasters (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  slug          TEXT NOT NULL,
  building_id   INTEGER,
  url           TEXT NOT NULL DEFAULT '',
  status        INTEGER NOT NULL DEFAULT 0,
  is_restricted INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE pod_live_gateways (
  id              INTEGER PRIMARY KEY,
  rtmp_stream_url TEXT NOT NULL DEFAULT '',
  broadcaster_id  INTEGER,
  site_id         INTEGER
) STRICT;

-- The last test and the last mirror, as their reports (one row each).
CREATE TABLE pod_reports (
  name   TEXT PRIMARY KEY CHECK (name IN ('test', 'mirror')),
  report TEXT NOT NULL
) STRICT;

-- A video's publication into Pod. `pod_marker` goes into the description before the upload, so
-- an upload cut before Pod's answer is found again instead of uploaded twice.
ALTER TABLE videos ADD COLUMN pod_state TEXT NOT NULL DEFAULT 'none'
  CHECK (pod_state IN ('none', 'queued', 'uploading', 'encoding', 'encoded', 'failed', 'refused'));
ALTER TABLE videos ADD COLUMN pod_video_id INTEGER;
ALTER TABLE videos ADD COLUMN pod_slug TEXT;
ALTER TABLE videos ADD COLUMN pod_page_url TEXT;
ALTER TABLE videos ADD COLUMN pod_is_draft INTEGER;
ALTER TABLE videos ADD COLUMN pod_step TEXT;
ALTER TABLE videos ADD COLUMN pod_error_json TEXT;
ALTER TABLE videos ADD COLUMN pod_marker TEXT;
ALTER TABLE videos ADD COLUMN pod_updated_at TEXT;
CREATE INDEX videos_pod_state ON videos (pod_state);
