import type { BbbMatchCase } from '../../../src-preload/contract';
import { bi, RegieError } from '../../ground/errors';
import type { Services } from '../../kit/services';
import { attendeeIdentities, createNameIndex, usernameFormats, type UsernameFormat } from './names';

export interface AttendeeMatch {
  state: 'matched' | 'chosen' | 'ambiguous' | 'none';
  userId: number | null;
}

interface QueueRow {
  id: number;
  identity: string;
  full_name: string;
  bbb_user_id: string;
  match_state: 'ambiguous' | 'none';
  meeting_name: string;
  server_name: string;
  metadata_json: string;
  last_seen_at: string;
  server_id: number;
}

const originOf = (metadata: Record<string, string>, serverId: number): string =>
  metadata['bbb-origin-server-name'] || `server-${String(serverId)}`;

/**
 * Moderators to Régie users (issue #5 §4): an operator's remembered choice first, then an exact
 * match of normalised names under BBB_USERNAME_FORMAT; namesakes and unknown names wait in the
 * matching queue. Only moderators are matched: they are who may publish (Pod §6.4).
 */
export function createBbbMatching(s: Services) {
  const choice = s.db.prepare<[string], { user_id: number }>(
    'SELECT user_id FROM bbb_identity_choices WHERE identity = ?',
  );
  const saveChoice = s.db.prepare(
    `INSERT INTO bbb_identity_choices (identity, user_id, chosen_by, chosen_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (identity) DO UPDATE SET user_id = excluded.user_id, chosen_by = excluded.chosen_by, chosen_at = excluded.chosen_at`,
  );
  const selectAttendee = `SELECT a.id, a.identity, a.full_name, a.bbb_user_id, a.match_state,
      m.name AS meeting_name, srv.name AS server_name, m.metadata_json, a.last_seen_at, m.server_id
    FROM bbb_attendees a JOIN bbb_meetings m ON m.id = a.meeting_id
    JOIN bbb_servers srv ON srv.id = m.server_id`;
  const queueRows = s.db.prepare<[], QueueRow>(
    `${selectAttendee} WHERE a.role = 'MODERATOR' AND a.match_state IN ('ambiguous', 'none')
      ORDER BY a.last_seen_at DESC, a.id DESC`,
  );
  const attendee = s.db.prepare<[number], QueueRow>(`${selectAttendee} WHERE a.id = ?`);
  const applyChoice = s.db.prepare(
    `UPDATE bbb_attendees SET user_id = @userId, match_state = 'chosen'
      WHERE identity = @identity AND role = 'MODERATOR'`,
  );
  const setMatch = s.db.prepare(
    'UPDATE bbb_attendees SET user_id = @userId, match_state = @state WHERE id = @id',
  );

  const format = (): UsernameFormat => {
    const value = s.settings.getString('BBB_USERNAME_FORMAT');
    return (usernameFormats as readonly string[]).includes(value)
      ? (value as UsernameFormat)
      : 'first_name last_name';
  };

  /** A matcher for one poll pass: users are indexed once. */
  function matcher() {
    const index = createNameIndex(s.users.list(), format());
    return {
      index,
      /** The identity to store, and the match. */
      match(
        userId: string,
        fullName: string,
        metadata: Record<string, string>,
        serverId: number,
      ): AttendeeMatch & { identity: string } {
        const ids = attendeeIdentities(userId, fullName, originOf(metadata, serverId));
        const identity = ids.uid ?? ids.name;
        const byName = index.match(fullName);
        const chosen =
          (ids.uid !== null ? choice.get(ids.uid) : undefined) ??
          (byName.state !== 'ambiguous' ? choice.get(ids.name) : undefined);
        if (chosen) return { identity, state: 'chosen', userId: chosen.user_id };
        if (byName.state === 'matched')
          return { identity, state: 'matched', userId: byName.userId };
        return { identity, state: byName.state, userId: null };
      },
    };
  }

  /** One case per identity (its latest sighting), with the candidate users. */
  const queue = (): BbbMatchCase[] => {
    const { index } = matcher();
    const seen = new Set<string>();
    const cases: BbbMatchCase[] = [];
    for (const row of queueRows.all()) {
      if (seen.has(row.identity)) continue;
      seen.add(row.identity);
      const byName = index.match(row.full_name);
      cases.push({
        attendeeId: row.id,
        identity: row.identity,
        fullName: row.full_name,
        matchState: row.match_state,
        candidateUserIds: byName.state === 'matched' ? [byName.userId] : byName.candidateUserIds,
        meetingName: row.meeting_name,
        serverName: row.server_name,
        seenAt: row.last_seen_at,
      });
    }
    return cases;
  };

  const changed = () => s.events.emit('bbbMatches.changed', { items: queue(), isComplete: true });

  return {
    matcher,

    queue,

    /**
     * The operator's answer for an attendee: remembered for their identity (and their name in
     * that front end), applied to every meeting they moderated.
     */
    choose(attendeeId: number, username: string): { attendeeId: number; userId: number } {
      const row = attendee.get(attendeeId);
      if (!row)
        throw new RegieError(
          'not_found',
          bi(
            `No BBB attendee with id ${String(attendeeId)}`,
            `Aucun participant BBB d'id ${String(attendeeId)}`,
          ),
        );
      const user = s.users.byUsername(username);
      if (!user)
        throw new RegieError(
          'not_found',
          bi(`No user "${username}"`, `Aucun utilisateur « ${username} »`),
          {
            fieldErrors: { username: bi('unknown user', 'utilisateur inconnu') },
          },
        );
      const metadata = JSON.parse(row.metadata_json) as Record<string, string>;
      const ids = attendeeIdentities(
        row.bbb_user_id,
        row.full_name,
        originOf(metadata, row.server_id),
      );
      const at = s.now().toISOString();
      s.db.transaction(() => {
        for (const identity of [ids.uid, ids.name]) {
          if (identity === null) continue;
          saveChoice.run(identity, user.id, s.operator.actor(), at);
        }
        applyChoice.run({ identity: row.identity, userId: user.id });
        setMatch.run({ id: row.id, userId: user.id, state: 'chosen' });
      })();
      s.record({
        kind: 'bbb.matchChosen',
        subject: `bbb-attendee:${String(attendeeId)}`,
        text: bi(
          `BBB moderator "${row.full_name}" is ${user.username} (remembered for the next meetings)`,
          `Le modérateur BBB « ${row.full_name} » est ${user.username} (retenu pour les prochaines réunions)`,
        ),
      });
      changed();
      return { attendeeId, userId: user.id };
    },

    /** Moderators still in the queue, matched again (users may have been added since). */
    rematchQueue(): number {
      const m = matcher();
      let solved = 0;
      s.db.transaction(() => {
        for (const row of queueRows.all()) {
          const metadata = JSON.parse(row.metadata_json) as Record<string, string>;
          const result = m.match(row.bbb_user_id, row.full_name, metadata, row.server_id);
          if (result.state === 'matched' || result.state === 'chosen') {
            setMatch.run({ id: row.id, userId: result.userId, state: result.state });
            solved++;
          } else if (result.state !== row.match_state) {
            setMatch.run({ id: row.id, userId: null, state: result.state });
          }
        }
      })();
      if (solved > 0) changed();
      return solved;
    },

    changed,
  };
}

export type BbbMatching = ReturnType<typeof createBbbMatching>;
