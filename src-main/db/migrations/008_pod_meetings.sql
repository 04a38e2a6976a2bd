-- Pod's meetings (`/rest/meeting_session/`, reference/pod-behaviour.md §7.2): which Pod user
-- created the BBB meeting, so a migration gives a recording made with Pod to its owner first
-- (§3.6.2, "BBB session made with Pod").
CREATE TABLE pod_meetings (
  id           INTEGER PRIMARY KEY,
  meeting_id   TEXT NOT NULL,
  name         TEXT NOT NULL DEFAULT '',
  owner_pod_id INTEGER,
  is_webinar   INTEGER NOT NULL DEFAULT 0 CHECK (is_webinar IN (0, 1))
) STRICT;

CREATE INDEX pod_meetings_meeting ON pod_meetings (meeting_id);
