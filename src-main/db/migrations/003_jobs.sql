-- The job queue (issue #4): every encode, package or publish run, persisted before it starts so
-- a crash loses nothing (STYLE.md, "Data"). The exact command lines and the end of stderr stay
-- with the job so an operator can reproduce a failure in a terminal.

CREATE TABLE jobs (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL,                 -- which handler runs it: 'encode', …
  subject       TEXT NOT NULL,                 -- what it works on: 'recording:12', …
  payload_json  TEXT NOT NULL DEFAULT '{}',
  status        TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed',
                  'cancelled', 'interrupted')),
  phase         TEXT,                          -- probe | encode | package | verify | publish
  percent       REAL,
  speed         REAL,
  eta_s         REAL,
  attempts      INTEGER NOT NULL DEFAULT 1,    -- 1 when enqueued, +1 on each retry or re-queue
  error_en      TEXT,
  error_fr      TEXT,
  commands_json TEXT NOT NULL DEFAULT '[]',    -- the command lines run, quoted for a POSIX shell
  stderr_tail   TEXT NOT NULL DEFAULT '',      -- the last 200 lines, joined with '\n'
  created_at    TEXT NOT NULL,
  started_at    TEXT,
  finished_at   TEXT,
  updated_at    TEXT NOT NULL
) STRICT;

CREATE INDEX jobs_status ON jobs (status, id);
CREATE INDEX jobs_subject ON jobs (subject, id);
