import { isIP } from 'node:net';
import {
  recordingTypes,
  type Bilingual,
  type RecorderInput,
  type RecordingType,
} from '../../src-preload/contract';
import { bi, validationError } from '../ground/errors';
import { wordsFor } from '../ground/wording';
import type { UsersRepository } from '../users/repository';
import type { RecorderFields } from './repository';

/**
 * One folder name under DEFAULT_RECORDER_PATH: letters, digits, `-`, `_`, `.`, not starting with
 * a dot (so never `.` or `..`), at most 50 like Pod's `directory` column.
 */
const directoryPattern = /^[\p{L}\p{N}_-][\p{L}\p{N}._-]{0,49}$/u;

/**
 * IPv6 in its short standard form (as Django's GenericIPAddressField stores it), so that
 * `2001:0db8:0:0::1` and `2001:db8::1` are one address for uniqueness and lookups.
 */
export function canonicalIp(text: string): string {
  if (isIP(text) !== 6) return text;
  return new URL(`http://[${text}]/`).hostname.replace(/^\[|\]$/g, '');
}

export interface RecorderChecks {
  users: UsersRepository;
  /** Which unique fields another recorder already uses. */
  conflicts(fields: Pick<RecorderFields, 'name' | 'addressIp' | 'directory'>): {
    name: boolean;
    addressIp: boolean;
    directory: boolean;
  };
}

/**
 * Turns form or CLI input into stored fields, reporting every problem at once by field:
 * an IP that is neither v4 nor v6, a directory that is not one safe path segment, a duplicate,
 * an unknown or non-staff manager (Pod limits managers to staff, §1.2).
 */
export function validateRecorder(
  input: Required<RecorderInput>,
  checks: RecorderChecks,
): RecorderFields {
  const errors: Record<string, Bilingual> = {};
  const name = input.name.trim();
  if (name === '') errors.name = bi('required', 'obligatoire');
  else if (name.length > 200) errors.name = bi('at most 200 characters', '200 caractères au plus');

  const ip = canonicalIp((input.addressIp ?? '').trim());
  if (ip !== '' && isIP(ip) === 0) {
    errors.addressIp = bi(
      `"${ip}" is not an IPv4 or IPv6 address`,
      `« ${ip} » n'est pas une adresse IPv4 ou IPv6`,
    );
  }

  const directory = input.directory.trim();
  if (directory === '') errors.directory = bi('required', 'obligatoire');
  else if (!directoryPattern.test(directory)) {
    errors.directory = bi(
      'one folder name: letters, digits, - _ . (not first), no / or .., at most 50',
      'un seul nom de dossier : lettres, chiffres, - _ . (pas en premier), ni / ni .., 50 au plus',
    );
  }

  if (input.salt.length > 50) errors.salt = bi('at most 50 characters', '50 caractères au plus');

  if (!(recordingTypes as readonly string[]).includes(input.recordingType)) {
    errors.recordingType = bi(
      `"${input.recordingType}" is not one of ${recordingTypes.join(', ')}`,
      `« ${input.recordingType} » n'est pas l'un de ${recordingTypes.join(', ')}`,
    );
  }
  if (!Number.isSafeInteger(input.videoTypeId) || input.videoTypeId < 1) {
    errors.videoTypeId = bi('a video type id (1 or more)', 'un id de type de vidéo (1 ou plus)');
  }

  let managerId: number | null = null;
  const managerName = (input.manager ?? '').trim();
  if (managerName !== '') {
    const manager = checks.users.byUsername(managerName);
    if (!manager)
      errors.manager = bi(
        `unknown user "${managerName}"`,
        `utilisateur inconnu « ${managerName} »`,
      );
    else if (!manager.isStaff && !manager.isSuperuser) {
      errors.manager = bi(
        `${managerName} is not staff; Pod only accepts staff users as managers`,
        `${managerName} n'est pas membre du personnel (is_staff) ; Pod n'accepte que le personnel comme gestionnaire`,
      );
    } else managerId = manager.id;
  }

  const additionalUserIds: number[] = [];
  const unknown: string[] = [];
  for (const username of input.additionalUsers.map((u) => u.trim()).filter((u) => u !== '')) {
    const user = checks.users.byUsername(username);
    if (user) additionalUserIds.push(user.id);
    else unknown.push(username);
  }
  if (unknown.length > 0) {
    const unknownUsers = wordsFor(unknown.length, {
      en: ['unknown user', 'unknown users'],
      fr: ['utilisateur inconnu', 'utilisateurs inconnus'],
    });
    errors.additionalUsers = bi(
      `${unknownUsers.en} ${unknown.join(', ')}`,
      `${unknownUsers.fr} ${unknown.join(', ')}`,
    );
  }

  const fields: RecorderFields = {
    name,
    description: input.description,
    addressIp: ip === '' ? null : ip,
    salt: input.salt,
    managerId,
    additionalUserIds,
    videoTypeId: input.videoTypeId,
    recordingType: input.recordingType as RecordingType,
    directory,
  };
  const taken = checks.conflicts(fields);
  if (taken.name && !errors.name)
    errors.name = bi(`"${name}" is already used`, `« ${name} » est déjà utilisé`);
  if (taken.addressIp && !errors.addressIp) {
    errors.addressIp = bi(
      `${ip} is already another recorder's`,
      `${ip} est déjà celle d'un autre enregistreur`,
    );
  }
  if (taken.directory && !errors.directory) {
    errors.directory = bi(
      `"${directory}" is already another recorder's`,
      `« ${directory} » est déjà celui d'un autre enregistreur`,
    );
  }
  if (Object.keys(errors).length > 0) throw validationError(errors);
  return fields;
}
