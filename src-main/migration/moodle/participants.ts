import type { Bilingual } from '../../../src-preload/contract';
import { bi } from '../../ground/errors';
import type { MoodleParticipant } from './types';

export interface ModeratorSelection {
  /** `user` moderators' ids, in list order, each once. */
  userIds: number[];
  /** Moderator entries by role, group, "all"…: kept so the plan can name them. */
  roleParticipants: MoodleParticipant[];
  warnings: Bilingual[];
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

/**
 * `bigbluebuttonbn.participants` read as Pod reads it (pod-behaviour.md §3.8 step 2): a JSON
 * list such as `[{"selectiontype":"all","selectionid":"all","role":"viewer"},
 * {"selectiontype":"user","selectionid":"83","role":"moderator"}]`, of which only moderators
 * count. Pod ignores role- and group-based moderators silently; they are returned here instead.
 * A value that is not such a list gives nobody and a warning, never an exception.
 */
export function moderatorsOf(participants: string | null, activityId: number): ModeratorSelection {
  const empty: ModeratorSelection = { userIds: [], roleParticipants: [], warnings: [] };
  if (participants === null || participants.trim() === '') return empty;
  let parsed: unknown;
  try {
    parsed = JSON.parse(participants);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed)) {
    const sample = participants.slice(0, 60);
    return {
      ...empty,
      warnings: [
        bi(
          `Activity ${String(activityId)}: participants is not a JSON list (${sample}); no moderator taken from it`,
          `Activité ${String(activityId)} : participants n’est pas une liste JSON (${sample}) ; aucun modérateur n’en est tiré`,
        ),
      ],
    };
  }
  const userIds: number[] = [];
  const roleParticipants: MoodleParticipant[] = [];
  const warnings: Bilingual[] = [];
  for (const item of parsed) {
    if (typeof item !== 'object' || item === null) continue;
    const fields = item as Record<string, unknown>;
    const entry: MoodleParticipant = {
      selectiontype: text(fields.selectiontype),
      selectionid: text(fields.selectionid),
      role: text(fields.role),
    };
    if (entry.role !== 'moderator') continue;
    if (entry.selectiontype !== 'user') {
      roleParticipants.push(entry);
      continue;
    }
    const id = /^\d{1,15}$/.test(entry.selectionid) ? Number(entry.selectionid) : NaN;
    if (Number.isNaN(id))
      warnings.push(
        bi(
          `Activity ${String(activityId)}: moderator user id "${entry.selectionid}" is not a number; skipped`,
          `Activité ${String(activityId)} : l’id d’utilisateur modérateur « ${entry.selectionid} » n’est pas un nombre ; ignoré`,
        ),
      );
    else if (!userIds.includes(id)) userIds.push(id);
  }
  return { userIds, roleParticipants, warnings };
}
