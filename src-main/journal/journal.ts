import type { Bilingual, JournalEntry, JournalLevel } from '../../src-preload/contract';
import type { EventBus } from '../ground/events';
import type { Db } from '../db/open';
import type { Logger } from '../logging/logger';

export interface JournalInput {
  level?: JournalLevel;
  kind: string;
  text: Bilingual;
  subject?: string | null;
  /**
   * `system`: Régie acted on its own (a file detected, a poll, a notification, a job's end, the
   * mirror), whoever the operator is; journaled as `systemActor` and shown as "Régie".
   */
  by?: 'system';
}

/** The actor of what Régie did on its own. */
export const systemActor = 'system';

/** Journals an action as the current operator, or as Régie when `by: 'system'` (the kit's `record`). */
export type JournalRecorder = (input: JournalInput) => JournalEntry;

export interface Journal {
  append(input: JournalInput, actor: string): JournalEntry;
  /** Newest first; `subject` keeps one thing's story (`file:12`, `recorder:3`). */
  list(options: { limit?: number; beforeId?: number; subject?: string }): JournalEntry[];
}

interface Row {
  id: number;
  at: string;
  level: JournalLevel;
  kind: string;
  text_en: string;
  text_fr: string;
  actor: string;
  subject: string | null;
}

const toEntry = (row: Row): JournalEntry => ({
  id: row.id,
  at: row.at,
  level: row.level,
  kind: row.kind,
  text: { en: row.text_en, fr: row.text_fr },
  actor: row.actor,
  subject: row.subject,
});

/** The event log: stored in the mirror, written to the log file, pushed live to every face. */
export function createJournal(options: {
  db: Db;
  events: EventBus;
  logger: Logger;
  now: () => Date;
}): Journal {
  const { db, events, logger, now } = options;
  const insert = db.prepare<[string, string, string, string, string, string, string | null]>(
    `INSERT INTO journal (at, level, kind, text_en, text_fr, actor, subject)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const page = db.prepare<[number, number], Row>(
    'SELECT * FROM journal WHERE id < ? ORDER BY id DESC LIMIT ?',
  );
  const pageOf = db.prepare<[string, number, number], Row>(
    'SELECT * FROM journal WHERE subject = ? AND id < ? ORDER BY id DESC LIMIT ?',
  );
  return {
    append(input, operatorActor) {
      const actor = input.by === 'system' ? systemActor : operatorActor;
      const level = input.level ?? 'info';
      const at = now().toISOString();
      const subject = input.subject ?? null;
      if (!db.open) {
        // Work that ends while the console closes (a check, a job) still reaches the log file.
        logger[level](
          `${input.kind} ${subject ?? '-'} actor=${actor} ${input.text.en} (after close)`,
        );
        return { id: 0, at, level, kind: input.kind, text: input.text, actor, subject };
      }
      const { lastInsertRowid } = insert.run(
        at,
        level,
        input.kind,
        input.text.en,
        input.text.fr,
        actor,
        subject,
      );
      const entry: JournalEntry = {
        id: Number(lastInsertRowid),
        at,
        level,
        kind: input.kind,
        text: input.text,
        actor,
        subject,
      };
      logger[level](`${input.kind} ${subject ?? '-'} actor=${actor} ${input.text.en}`);
      events.emit('journal.appended', entry);
      return entry;
    },
    list({ limit = 200, beforeId = Number.MAX_SAFE_INTEGER, subject }) {
      const rows =
        subject === undefined ? page.all(beforeId, limit) : pageOf.all(subject, beforeId, limit);
      return rows.map(toEntry);
    },
  };
}
