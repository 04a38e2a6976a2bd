import type { Bilingual, User } from '../../src-preload/contract';
import { bi, validationError } from '../ground/errors';
import type { UserFields } from './repository';

/** Django's username rule: letters, digits and @ . + - _, at most 150. */
const usernamePattern = /^[\p{L}\p{N}@.+_-]{1,150}$/u;
const emailPattern = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/**
 * Checks every field and reports all problems at once, named by field. `taken` says whether
 * a username already belongs to someone else. A superuser is always staff, as Django's
 * `createsuperuser` makes them (Pod then accepts them as a recorder's manager).
 */
export function validateUser(fields: UserFields, taken: (username: string) => boolean): UserFields {
  const errors: Record<string, Bilingual> = {};
  const username = fields.username.trim();
  if (!usernamePattern.test(username)) {
    errors.username = bi(
      'required; letters, digits and @ . + - _ only, at most 150',
      'obligatoire ; lettres, chiffres et @ . + - _ seulement, 150 au plus',
    );
  } else if (taken(username)) {
    errors.username = bi(`"${username}" already exists`, `« ${username} » existe déjà`);
  }
  for (const field of ['firstName', 'lastName'] as const) {
    if (fields[field].length > 150)
      errors[field] = bi('at most 150 characters', '150 caractères au plus');
  }
  const email = fields.email.trim();
  if (email !== '' && !emailPattern.test(email)) {
    errors.email = bi(
      `"${email}" is not an email address`,
      `« ${email} » n'est pas une adresse de courriel`,
    );
  }
  const groups = [...new Set(fields.groups.map((g) => g.trim()).filter((g) => g !== ''))];
  if (Object.keys(errors).length > 0) throw validationError(errors);
  return {
    ...fields,
    username,
    email,
    isStaff: fields.isStaff || fields.isSuperuser,
    groups,
    firstName: fields.firstName.trim(),
    lastName: fields.lastName.trim(),
  };
}

export const displayName = (user: User): string =>
  `${user.firstName} ${user.lastName}`.trim() || user.username;
