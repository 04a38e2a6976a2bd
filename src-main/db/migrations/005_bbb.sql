-- BigBlueButton (issue #5): the servers Régie talks to, and the mirror of what they forget:
-- meetings and who moderated them (BBB drops attendees when a meeting ends), recordings, the
-- operator's choices when a BBB name matched no Régie user or several, and publications.

CREATE TABLE bbb_servers (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  url            TEXT NOT NULL,               -- API URL, …/bigbluebutton/api
  secret_sealed  TEXT NOT NULL,
  checksum       TEXT NOT NULL CHECK (checksum IN ('sha1', 'sha256', 'sha384', 'sha512')),
  auto_publish   INTEGER NOT NULL DEFAULT 0 CHECK (auto_publish IN (0, 1)),
  version        TEXT,                        -- detected: '3.0.19', '2.x', 'Scalelite'
  is_reachable   INTEGER CHECK (is_reachable IN (0, 1)),
  last_error     TEXT,
  last_poll_at   TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE bbb_meetings (
  id                  INTEGER PRIMARY KEY,
  server_id           INTEGER NOT NULL REFERENCES bbb_servers (id) ON DELETE CASCADE,
  meeting_id          TEXT NOT NULL,          -- BBB meetingID (the integrator's)
  internal_meeting_id TEXT NOT NULL,          -- BBB's; = the recordings' internalMeetingID
  name                TEXT NOT NULL,
  is_running          INTEGER NOT NULL CHECK (is_running IN (0, 1)),
  recording           INTEGER NOT NULL CHECK (recording IN (0, 1)),
  is_breakout         INTEGER NOT NULL DEFAULT 0 CHECK (is_breakout IN (0, 1)),
  participant_count   INTEGER NOT NULL DEFAULT 0,
  moderator_count     INTEGER NOT NULL DEFAULT 0,
  max_participants    INTEGER NOT NULL DEFAULT 0,
  metadata_json       TEXT NOT NULL DEFAULT '{}',
  started_at          TEXT NOT NULL,          -- BBB createTime
  ended_at            TEXT,                   -- first poll that no longer saw it running
  last_seen_at        TEXT NOT NULL,
  fingerprint         TEXT NOT NULL,          -- of what a poll can change: no write when equal
  UNIQUE (server_id, internal_meeting_id)
) STRICT;

CREATE INDEX bbb_meetings_running ON bbb_meetings (is_running, server_id);
CREATE INDEX bbb_meetings_started ON bbb_meetings (started_at);

CREATE TABLE bbb_attendees (
  id            INTEGER PRIMARY KEY,
  meeting_id    INTEGER NOT NULL REFERENCES bbb_meetings (id) ON DELETE CASCADE,
  identity      TEXT NOT NULL,                -- 'uid:<origin>:<userID>' or 'name:<normalised>'
  bbb_user_id   TEXT NOT NULL,
  full_name     TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('MODERATOR', 'VIEWER')),  -- MODERATOR once seen so
  client_type   TEXT NOT NULL DEFAULT '',
  joined_at     TEXT NOT NULL,                -- first poll that saw them
  last_seen_at  TEXT NOT NULL,
  user_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
  match_state   TEXT NOT NULL CHECK (match_state IN ('matched', 'chosen', 'ambiguous', 'none',
                  'unmatched')),            -- unmatched: a viewer, not looked up
  UNIQUE (meeting_id, identity)
) STRICT;

CREATE INDEX bbb_attendees_queue ON bbb_attendees (match_state, role);
CREATE INDEX bbb_attendees_identity ON bbb_attendees (identity);

-- An operator's answer for one BBB identity, applied to every meeting it appears in.
CREATE TABLE bbb_identity_choices (
  identity    TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  chosen_by   TEXT NOT NULL,
  chosen_at   TEXT NOT NULL
) STRICT;

CREATE TABLE bbb_recordings (
  id                  INTEGER PRIMARY KEY,
  server_id           INTEGER NOT NULL REFERENCES bbb_servers (id) ON DELETE CASCADE,
  record_id           TEXT NOT NULL,
  meeting_id          TEXT NOT NULL,
  internal_meeting_id TEXT NOT NULL,
  name                TEXT NOT NULL,
  state               TEXT NOT NULL,
  is_published        INTEGER NOT NULL CHECK (is_published IN (0, 1)),
  is_protected        INTEGER NOT NULL CHECK (is_protected IN (0, 1)),
  start_ms            INTEGER NOT NULL,
  end_ms              INTEGER NOT NULL,
  participants        INTEGER,
  size_bytes          INTEGER,
  raw_size_bytes      INTEGER,
  metadata_json       TEXT NOT NULL DEFAULT '{}',
  formats_json        TEXT NOT NULL DEFAULT '[]',
  fingerprint         TEXT NOT NULL,
  seen_at             TEXT NOT NULL,
  publication         TEXT NOT NULL DEFAULT 'none' CHECK (publication IN ('none', 'queued',
                        'downloading', 'encoding', 'published', 'awaiting_conversion', 'failed')),
  owner_id            INTEGER REFERENCES users (id) ON DELETE SET NULL,
  recording_id        INTEGER REFERENCES recordings (id) ON DELETE SET NULL,
  publication_error   TEXT,
  updated_at          TEXT NOT NULL,
  UNIQUE (server_id, record_id)
) STRICT;

CREATE INDEX bbb_recordings_meeting ON bbb_recordings (server_id, internal_meeting_id);
CREATE INDEX bbb_recordings_start ON bbb_recordings (start_ms);
