/**
 * Name matching for BBB attendees (issue #5 §4), done properly where Pod used a case-insensitive
 * substring with the first hit winning (pod-behaviour.md §8.6.2): names are normalised (case,
 * accents, hyphens, apostrophes, extra spaces) and must be equal.
 */
export type UsernameFormat = 'first_name last_name' | 'last_name first_name';

export const usernameFormats: readonly UsernameFormat[] = [
  'first_name last_name',
  'last_name first_name',
];

/** `  Jean-Pierre  D'ARCY ` → `jean pierre d arcy`. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-‐‑‒–—_.'’`´,;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface NamedUser {
  id: number;
  firstName: string;
  lastName: string;
}

/** The display name BBB shows for a user under `format`, normalised. */
export function composedName(user: NamedUser, format: UsernameFormat): string {
  return normaliseName(
    format === 'first_name last_name'
      ? `${user.firstName} ${user.lastName}`
      : `${user.lastName} ${user.firstName}`,
  );
}

export type NameMatch =
  | { state: 'matched'; userId: number }
  | { state: 'ambiguous'; candidateUserIds: number[] }
  | { state: 'none'; candidateUserIds: number[] };

/** Users indexed once per pass: normalised composed name → ids, in both orders. */
export function createNameIndex(users: readonly NamedUser[], format: UsernameFormat) {
  const other: UsernameFormat =
    format === 'first_name last_name' ? 'last_name first_name' : 'first_name last_name';
  const index = (f: UsernameFormat) => {
    const map = new Map<string, number[]>();
    for (const user of users) {
      const key = composedName(user, f);
      if (key === '') continue;
      map.set(key, [...(map.get(key) ?? []), user.id]);
    }
    return map;
  };
  const primary = index(format);
  const reversed = index(other);
  return {
    /**
     * One user with exactly this name under the format: matched. Several (namesakes): ambiguous,
     * for an operator. None: none, with the users whose name is in the other order as suggestions
     * (never applied on their own).
     */
    match(fullName: string): NameMatch {
      const key = normaliseName(fullName);
      const hits = primary.get(key) ?? [];
      if (hits.length === 1 && hits[0] !== undefined) return { state: 'matched', userId: hits[0] };
      if (hits.length > 1) return { state: 'ambiguous', candidateUserIds: hits };
      return { state: 'none', candidateUserIds: reversed.get(key) ?? [] };
    },
  };
}

/**
 * Who an attendee is across meetings, as keys for an operator's remembered choice: `uid` is the
 * id their front end gave BBB (Moodle, Greenlight and Pod pass their own), scoped by that front
 * end; `name` is the normalised name in that front end. BBB's own ids (`w_…`) change at every
 * join and give no `uid`.
 */
export function attendeeIdentities(
  userId: string,
  fullName: string,
  origin: string,
): { uid: string | null; name: string } {
  const id = userId.trim();
  return {
    uid: id !== '' && !/^w_/i.test(id) ? `uid:${origin}:${id}` : null,
    name: `name:${origin}:${normaliseName(fullName)}`,
  };
}
