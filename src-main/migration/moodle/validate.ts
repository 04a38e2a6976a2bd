import type { Bilingual } from '../../../src-preload/contract';
import { bi } from '../../ground/errors';
import type { MoodleConnection, MoodleKind } from './types';

export interface MoodleConnectionInput {
  name: string;
  kind: string;
  host: string;
  port?: number | string | undefined;
  databaseName: string;
  username: string;
  tablePrefix?: string | undefined;
  schemaName?: string | undefined;
  canWriteNotice?: boolean | undefined;
}

const kinds: readonly MoodleKind[] = ['mysql', 'postgres'];
const defaultPort: Record<MoodleKind, number> = { mysql: 3306, postgres: 5432 };

// The prefix and the schema are written into the SQL text (a table name cannot be a bound
// parameter), so they are held to what Moodle itself accepts for a prefix: letters, digits and
// underscores. Nothing else can reach the query text.
export const prefixPattern = /^[a-z0-9_]*$/i;
export const schemaPattern = /^[a-z_][a-z0-9_]*$/i;

/**
 * A Moodle connection's fields checked together, every field's error at once. `isNameTaken`
 * says whether another connection has that name (one per `bbb-origin-server-name`).
 */
export function checkMoodleFields(
  input: MoodleConnectionInput,
  options: { isNameTaken: (name: string) => boolean },
): { fields: MoodleConnection; errors: Record<string, Bilingual> } {
  const errors: Record<string, Bilingual> = {};
  const required = bi('required', 'obligatoire');

  const name = input.name.trim();
  if (name === '' || name.length > 255)
    errors.name = bi(
      'required, at most 255 characters: a bbb-origin-server-name (the Moodle host) or "default"',
      'obligatoire, 255 caractères au plus : un bbb-origin-server-name (l’hôte Moodle) ou « default »',
    );
  else if (options.isNameTaken(name))
    errors.name = bi(
      `a connection named "${name}" already exists`,
      `une connexion « ${name} » existe déjà`,
    );

  const kind = kinds.find((k) => k === input.kind) ?? 'mysql';
  if (!kinds.some((k) => k === input.kind))
    errors.kind = bi('mysql (MySQL/MariaDB) or postgres', 'mysql (MySQL/MariaDB) ou postgres');

  const host = input.host.trim();
  if (host === '') errors.host = required;
  else if (/\s|\/|^-/.test(host) || host.length > 255)
    errors.host = bi(
      `"${host}" is not a host name or address (e.g. db.univ.fr, 10.0.0.5)`,
      `« ${host} » n'est pas un nom d'hôte ou une adresse (par ex. db.univ.fr, 10.0.0.5)`,
    );

  const rawPort = input.port === undefined || input.port === '' ? defaultPort[kind] : input.port;
  const port = typeof rawPort === 'number' ? rawPort : Number(String(rawPort).trim());
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    errors.port = bi('a whole number from 1 to 65535', 'un nombre entier de 1 à 65535');

  const databaseName = input.databaseName.trim();
  if (databaseName === '') errors.databaseName = required;
  const username = input.username.trim();
  if (username === '') errors.username = required;

  const tablePrefix = (input.tablePrefix ?? 'mdl_').trim();
  if (!prefixPattern.test(tablePrefix) || tablePrefix.length > 30)
    errors.tablePrefix = bi(
      `"${tablePrefix}": letters, digits and _ only, at most 30 (Moodle's $CFG->prefix, usually mdl_)`,
      `« ${tablePrefix} » : lettres, chiffres et _ seulement, 30 au plus ($CFG->prefix de Moodle, en général mdl_)`,
    );
  const schemaName = (input.schemaName ?? 'public').trim();
  if (!schemaPattern.test(schemaName) || schemaName.length > 63)
    errors.schemaName = bi(
      `"${schemaName}": a PostgreSQL schema name, letters, digits and _ (usually public)`,
      `« ${schemaName} » : un nom de schéma PostgreSQL, lettres, chiffres et _ (en général public)`,
    );

  return {
    fields: {
      name,
      kind,
      host,
      port,
      databaseName,
      username,
      tablePrefix,
      schemaName,
      canWriteNotice: input.canWriteNotice ?? false,
    },
    errors,
  };
}
