import { bi } from '../ground/errors';
import type { ListedRecording } from './listing';
import type { MoodleClient } from './moodle/client';
import type { MoodleConnectionsService } from './moodle/service';
import type { OwnerLookup } from './plan';

/** One plan's or one run's use of the Moodle databases: each opened once, all closed at the end. */
export interface MoodleSession {
  lookup(r: ListedRecording): Promise<OwnerLookup>;
  /** The notice into the recording's activity, when its connection may write it. */
  notice(r: ListedRecording, text: string): Promise<'written' | 'already' | 'skipped'>;
  close(): Promise<void>;
}

/**
 * Moodle's moderators of a recording (Pod's --use-database-moodle, reference/pod-behaviour.md
 * §3.8): the connection of its `bbb-origin-server-name` (or `default`), every user moderator of
 * its activity (Pod kept only the first). A connection that cannot be opened fails the plan with
 * its reason rather than give every recording to the admin.
 */
export function moodleSession(
  moodle: MoodleConnectionsService,
  ignored: readonly string[],
): MoodleSession {
  const clients = new Map<number, Promise<MoodleClient>>();
  const clientOf = (id: number) => {
    let client = clients.get(id);
    if (!client) {
      client = moodle.open(id);
      clients.set(id, client);
    }
    return client;
  };
  async function activityOf(r: ListedRecording) {
    const choice = moodle.choose(r.metadata['bbb-origin-server-name'], ignored);
    if ('skip' in choice) return { kind: 'skip', skip: choice.skip } as const;
    const client = await clientOf(choice.connection.id);
    const activity = await client.findRecording(r.recordId);
    return { kind: 'found', activity, client, name: choice.connection.name } as const;
  }
  return {
    async lookup(r) {
      const found = await activityOf(r);
      if (found.kind === 'skip') return { skip: found.skip };
      const { activity, name } = found;
      if (!activity)
        return {
          skip: bi(
            `not found in Moodle ${name} (no processed recording with this id)`,
            `introuvable dans Moodle ${name} (aucun enregistrement traité avec cet identifiant)`,
          ),
        };
      const moderators = activity.moderators.filter((m) => !m.isDeleted);
      if (moderators.length === 0) {
        const roles = activity.roleParticipants.map((p) => `${p.selectiontype} ${p.selectionid}`);
        return {
          skip: bi(
            `no user moderator in Moodle ${name}${roles.length > 0 ? ` (moderators by role or group only: ${roles.join(', ')})` : ''}`,
            `aucun utilisateur modérateur dans Moodle ${name}${roles.length > 0 ? ` (modérateurs par rôle ou groupe seulement : ${roles.join(', ')})` : ''}`,
          ),
        };
      }
      return {
        owners: moderators.map((m) => ({
          username: m.username,
          firstName: m.firstname,
          lastName: m.lastname,
          email: m.email,
        })),
        from: bi(
          `the moderators found in Moodle ${name}`,
          `les modérateurs trouvés dans Moodle ${name}`,
        ),
      };
    },
    async notice(r, text) {
      const found = await activityOf(r);
      if (found.kind === 'skip' || !found.activity || !found.client.connection.canWriteNotice)
        return 'skipped';
      return found.client.writeNotice(found.activity.activityId, text);
    },
    async close() {
      const all = [...clients.values()];
      clients.clear();
      await Promise.allSettled(all.map(async (c) => (await c).close()));
    },
  };
}
