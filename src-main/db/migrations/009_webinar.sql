-- Webinars (issue #13): live gateways (Pod's "Passerelles de live": RTMP destination, HLS side,
-- the SIPMediaGW that feeds them), webinars on a BBB server with their gateway, and the
-- listener messages relayed into the BBB chat.

CREATE TABLE live_gateways (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE,
  rtmp_url        TEXT NOT NULL,
  hls_url         TEXT NOT NULL,
  sipmediagw_url  TEXT NOT NULL DEFAULT '',    -- empty until given (Pod does not expose it)
  token_sealed    TEXT,                         -- the Bearer token, sealed like every secret
  api             TEXT NOT NULL DEFAULT 'auto' CHECK (api IN ('auto', 'legacy', 'current')),
  detected_api    TEXT CHECK (detected_api IN ('legacy', 'current')),
  tls_verify      INTEGER NOT NULL DEFAULT 1 CHECK (tls_verify IN (0, 1)),
  is_enabled      INTEGER NOT NULL DEFAULT 1 CHECK (is_enabled IN (0, 1)),
  pod_gateway_id  INTEGER UNIQUE,               -- mirrored from Pod's /rest/meeting_live_gateway/
  last_test_json  TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;

-- One SIPMediaGW streams one room at a time (pod-behaviour.md §5.1): unique when given.
CREATE UNIQUE INDEX live_gateways_sipmediagw ON live_gateways (sipmediagw_url)
  WHERE sipmediagw_url <> '';

CREATE TABLE webinars (
  id                INTEGER PRIMARY KEY,
  server_id         INTEGER NOT NULL REFERENCES bbb_servers (id) ON DELETE RESTRICT,
  meeting_id        TEXT NOT NULL,              -- BBB meetingID
  is_created_by_regie INTEGER NOT NULL CHECK (is_created_by_regie IN (0, 1)),
  name              TEXT NOT NULL,
  start_ms          INTEGER NOT NULL,
  duration_minutes  INTEGER NOT NULL,
  enable_chat       INTEGER NOT NULL CHECK (enable_chat IN (0, 1)),
  chat_visible      INTEGER CHECK (chat_visible IN (0, 1)),
  owner_id          INTEGER REFERENCES users (id) ON DELETE SET NULL,
  gateway_id        INTEGER REFERENCES live_gateways (id) ON DELETE SET NULL,
  relay_key         TEXT NOT NULL UNIQUE,       -- 64 hex: the relay path (domain part + room)
  attendee_pw       TEXT NOT NULL,
  moderator_pw      TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('scheduled', 'starting', 'live', 'stopping',
                      'liveStopped', 'ended')),
  gateway_handle_json TEXT,                     -- {generation, room, gwId, gatewayId} while started
  bbb_running       INTEGER CHECK (bbb_running IN (0, 1)),
  bbb_checked_at    TEXT,
  bbb_error_json    TEXT,
  live_started_at   TEXT,
  live_stopped_at   TEXT,
  ended_at          TEXT,
  last_error_json   TEXT,
  created_by        TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  UNIQUE (server_id, meeting_id)
) STRICT;

CREATE INDEX webinars_slot ON webinars (start_ms);

CREATE TABLE webinar_owners (
  webinar_id INTEGER NOT NULL REFERENCES webinars (id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (webinar_id, user_id)
) STRICT;

CREATE TABLE webinar_messages (
  id          INTEGER PRIMARY KEY,
  webinar_id  INTEGER NOT NULL REFERENCES webinars (id) ON DELETE CASCADE,
  author      TEXT NOT NULL,
  text        TEXT NOT NULL,
  via         TEXT NOT NULL CHECK (via IN ('bbb', 'gateway')),
  origin      TEXT NOT NULL CHECK (origin IN ('console', 'relay')),
  at_ms       INTEGER NOT NULL
) STRICT;

CREATE INDEX webinar_messages_author ON webinar_messages (webinar_id, author, at_ms);

-- "No free gateway" is mailed to the admins once per set of overlapping webinars.
CREATE TABLE webinar_capacity_alerts (
  key     TEXT PRIMARY KEY,
  sent_at TEXT NOT NULL
) STRICT;
