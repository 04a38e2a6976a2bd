import type { Bilingual, WebinarChatMessage, WebinarStatus } from '../../src-preload/contract';
import type { Db } from '../db/open';
import type { GatewayHandle } from './gateway';

/** A started gateway: what it is known by, and which registry gateway it is. */
export type StoredHandle = GatewayHandle & { gatewayId: number };

export interface StoredWebinar {
  id: number;
  serverId: number;
  meetingId: string;
  isCreatedByRegie: boolean;
  name: string;
  startMs: number;
  durationMinutes: number;
  enableChat: boolean;
  chatVisible: boolean | null;
  ownerId: number | null;
  gatewayId: number | null;
  relayKey: string;
  attendeePw: string;
  moderatorPw: string;
  status: WebinarStatus;
  handle: StoredHandle | null;
  bbbRunning: boolean | null;
  bbbCheckedAt: string | null;
  bbbError: Bilingual | null;
  liveStartedAt: string | null;
  liveStoppedAt: string | null;
  endedAt: string | null;
  lastError: Bilingual | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: number;
  server_id: number;
  meeting_id: string;
  is_created_by_regie: number;
  name: string;
  start_ms: number;
  duration_minutes: number;
  enable_chat: number;
  chat_visible: number | null;
  owner_id: number | null;
  gateway_id: number | null;
  relay_key: string;
  attendee_pw: string;
  moderator_pw: string;
  status: WebinarStatus;
  gateway_handle_json: string | null;
  bbb_running: number | null;
  bbb_checked_at: string | null;
  bbb_error_json: string | null;
  live_started_at: string | null;
  live_stopped_at: string | null;
  ended_at: string | null;
  last_error_json: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));
const flag = (v: number | null): boolean | null => (v === null ? null : v === 1);
const bit = (v: boolean | null): number | null => (v === null ? null : v ? 1 : 0);

const fromRow = (r: Row): StoredWebinar => ({
  id: r.id,
  serverId: r.server_id,
  meetingId: r.meeting_id,
  isCreatedByRegie: r.is_created_by_regie === 1,
  name: r.name,
  startMs: r.start_ms,
  durationMinutes: r.duration_minutes,
  enableChat: r.enable_chat === 1,
  chatVisible: flag(r.chat_visible),
  ownerId: r.owner_id,
  gatewayId: r.gateway_id,
  relayKey: r.relay_key,
  attendeePw: r.attendee_pw,
  moderatorPw: r.moderator_pw,
  status: r.status,
  handle: json<StoredHandle>(r.gateway_handle_json),
  bbbRunning: flag(r.bbb_running),
  bbbCheckedAt: r.bbb_checked_at,
  bbbError: json<Bilingual>(r.bbb_error_json),
  liveStartedAt: r.live_started_at,
  liveStoppedAt: r.live_stopped_at,
  endedAt: r.ended_at,
  lastError: json<Bilingual>(r.last_error_json),
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** What a state change may write; absent keys are left as they are. */
export interface WebinarPatch {
  name?: string;
  startMs?: number;
  durationMinutes?: number;
  enableChat?: boolean;
  chatVisible?: boolean | null;
  gatewayId?: number | null;
  status?: WebinarStatus;
  handle?: StoredHandle | null;
  bbbRunning?: boolean | null;
  bbbCheckedAt?: string | null;
  bbbError?: Bilingual | null;
  liveStartedAt?: string | null;
  liveStoppedAt?: string | null;
  endedAt?: string | null;
  lastError?: Bilingual | null;
}

const columns: Record<keyof WebinarPatch, [string, (v: never) => unknown]> = {
  name: ['name', (v: string) => v],
  startMs: ['start_ms', (v: number) => v],
  durationMinutes: ['duration_minutes', (v: number) => v],
  enableChat: ['enable_chat', (v: boolean) => (v ? 1 : 0)],
  chatVisible: ['chat_visible', bit],
  gatewayId: ['gateway_id', (v: number | null) => v],
  status: ['status', (v: string) => v],
  handle: [
    'gateway_handle_json',
    (v: StoredHandle | null) => (v === null ? null : JSON.stringify(v)),
  ],
  bbbRunning: ['bbb_running', bit],
  bbbCheckedAt: ['bbb_checked_at', (v: string | null) => v],
  bbbError: ['bbb_error_json', (v: Bilingual | null) => (v === null ? null : JSON.stringify(v))],
  liveStartedAt: ['live_started_at', (v: string | null) => v],
  liveStoppedAt: ['live_stopped_at', (v: string | null) => v],
  endedAt: ['ended_at', (v: string | null) => v],
  lastError: ['last_error_json', (v: Bilingual | null) => (v === null ? null : JSON.stringify(v))],
};

export type NewWebinar = Pick<
  StoredWebinar,
  | 'serverId'
  | 'meetingId'
  | 'isCreatedByRegie'
  | 'name'
  | 'startMs'
  | 'durationMinutes'
  | 'enableChat'
  | 'ownerId'
  | 'relayKey'
  | 'attendeePw'
  | 'moderatorPw'
  | 'createdBy'
> & { gatewayId: number };

/** Webinars, their additional owners and listener messages (migration 009). */
export function createWebinarsRepository(db: Db) {
  const one = db.prepare<[number], Row>('SELECT * FROM webinars WHERE id = ?');
  const all = db.prepare<[], Row>('SELECT * FROM webinars ORDER BY start_ms DESC, id DESC');
  const byKey = db.prepare<[string], Row>('SELECT * FROM webinars WHERE relay_key = ?');
  const ownersOf = db.prepare<[number], { username: string }>(
    `SELECT u.username FROM webinar_owners o JOIN users u ON u.id = o.user_id
     WHERE o.webinar_id = ? ORDER BY u.username`,
  );
  return {
    byId: (id: number): StoredWebinar | undefined => {
      const row = one.get(id);
      return row && fromRow(row);
    },
    byRelayKey: (key: string): StoredWebinar | undefined => {
      const row = byKey.get(key);
      return row && fromRow(row);
    },
    list: (): StoredWebinar[] => all.all().map(fromRow),
    /** Webinars whose slot may overlap `[fromMs, toMs)`: every one not ended before `fromMs`. */
    around(fromMs: number, toMs: number): StoredWebinar[] {
      return db
        .prepare<[number, number], Row>(
          `SELECT * FROM webinars WHERE start_ms < ? AND start_ms + duration_minutes * 60000 > ?
           ORDER BY id`,
        )
        .all(toMs, fromMs)
        .map(fromRow);
    },
    /** The live ones (starting or live), for the watchers after a restart and `busyWith`. */
    active: (): StoredWebinar[] =>
      db
        .prepare<[], Row>(
          "SELECT * FROM webinars WHERE status IN ('starting', 'live', 'stopping') ORDER BY id",
        )
        .all()
        .map(fromRow),
    insert(w: NewWebinar, at: string): StoredWebinar {
      const id = Number(
        db
          .prepare(
            `INSERT INTO webinars (server_id, meeting_id, is_created_by_regie, name, start_ms,
               duration_minutes, enable_chat, owner_id, gateway_id, relay_key, attendee_pw,
               moderator_pw, status, created_by, created_at, updated_at)
             VALUES (@serverId, @meetingId, @isCreatedByRegie, @name, @startMs, @durationMinutes,
               @enableChat, @ownerId, @gatewayId, @relayKey, @attendeePw, @moderatorPw,
               'scheduled', @createdBy, @at, @at)`,
          )
          .run({
            ...w,
            isCreatedByRegie: w.isCreatedByRegie ? 1 : 0,
            enableChat: w.enableChat ? 1 : 0,
            at,
          }).lastInsertRowid,
      );
      const stored = this.byId(id);
      if (!stored) throw new Error(`webinar ${String(id)} vanished after insert`);
      return stored;
    },
    update(id: number, patch: WebinarPatch, at: string): void {
      const sets: string[] = ['updated_at = @at'];
      const values: Record<string, unknown> = { id, at };
      for (const [key, value] of Object.entries(patch)) {
        const column = columns[key as keyof WebinarPatch];
        sets.push(`${column[0]} = @${key}`);
        values[key] = (column[1] as (v: unknown) => unknown)(value);
      }
      db.prepare(`UPDATE webinars SET ${sets.join(', ')} WHERE id = @id`).run(values);
    },
    remove: (id: number) => db.prepare('DELETE FROM webinars WHERE id = ?').run(id),
    owners: (id: number): string[] => ownersOf.all(id).map((r) => r.username),
    setOwners(id: number, userIds: readonly number[]): void {
      db.transaction(() => {
        db.prepare('DELETE FROM webinar_owners WHERE webinar_id = ?').run(id);
        const add = db.prepare('INSERT INTO webinar_owners (webinar_id, user_id) VALUES (?, ?)');
        for (const userId of new Set(userIds)) add.run(id, userId);
      })();
    },
    addMessage(m: Omit<WebinarChatMessage, 'id' | 'at'>, atMs: number): WebinarChatMessage {
      const id = Number(
        db
          .prepare(
            `INSERT INTO webinar_messages (webinar_id, author, text, via, origin, at_ms)
             VALUES (?, ?, ?, ?, ?, ?)`,
          )
          .run(m.webinarId, m.author, m.text, m.via, m.origin, atMs).lastInsertRowid,
      );
      return { ...m, id, at: new Date(atMs).toISOString() };
    },
    messages(webinarId: number, limit = 500): WebinarChatMessage[] {
      return db
        .prepare<
          [number, number],
          {
            id: number;
            author: string;
            text: string;
            via: 'bbb' | 'gateway';
            origin: 'console' | 'relay';
            at_ms: number;
          }
        >(
          `SELECT id, author, text, via, origin, at_ms FROM webinar_messages WHERE webinar_id = ?
           ORDER BY id DESC LIMIT ?`,
        )
        .all(webinarId, limit)
        .reverse()
        .map((r) => ({
          id: r.id,
          webinarId,
          author: r.author,
          text: r.text,
          via: r.via,
          origin: r.origin,
          at: new Date(r.at_ms).toISOString(),
        }));
    },
    /** Messages by `author` since `sinceMs`: the per-author rate limit. */
    countSince(webinarId: number, author: string, sinceMs: number): number {
      return (
        db
          .prepare<[number, string, number], { n: number }>(
            'SELECT COUNT(*) AS n FROM webinar_messages WHERE webinar_id = ? AND author = ? AND at_ms >= ?',
          )
          .get(webinarId, author, sinceMs)?.n ?? 0
      );
    },
    /** Messages posted to the relay since `sinceMs`, whoever signed them. */
    countRelaySince(webinarId: number, sinceMs: number): number {
      return (
        db
          .prepare<[number, number], { n: number }>(
            "SELECT COUNT(*) AS n FROM webinar_messages WHERE webinar_id = ? AND origin = 'relay' AND at_ms >= ?",
          )
          .get(webinarId, sinceMs)?.n ?? 0
      );
    },
    /** True the first time `key` is seen: the "no free gateway" mail goes once per conflict. */
    firstAlert(key: string, at: string): boolean {
      return (
        db
          .prepare('INSERT OR IGNORE INTO webinar_capacity_alerts (key, sent_at) VALUES (?, ?)')
          .run(key, at).changes === 1
      );
    },
  };
}

export type WebinarsRepository = ReturnType<typeof createWebinarsRepository>;
