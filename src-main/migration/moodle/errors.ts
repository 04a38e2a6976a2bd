import type { Bilingual } from '../../../src-preload/contract';
import { bi, RegieError } from '../../ground/errors';
import type { MoodleConnection } from './types';

/** "Moodle connection “default” (mysql 127.0.0.1:3306, database moodle)": the thing, never the password. */
export function describeConnection(c: MoodleConnection): Bilingual {
  const where = `${c.kind} ${c.host}:${String(c.port)}`;
  return bi(
    `Moodle connection “${c.name}” (${where}, database ${c.databaseName})`,
    `Connexion Moodle « ${c.name} » (${where}, base ${c.databaseName})`,
  );
}

/** A driver message may quote what it was given: the password never leaves, even in a detail. */
export const scrub = (text: string, password: string): string =>
  password.length >= 3 ? text.replaceAll(password, '***') : text;

interface DriverError {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
}

/** Cause and fix for the driver codes an operator can act on (mysql2 names, PostgreSQL SQLSTATEs). */
function causeOf(code: string, c: MoodleConnection): [Bilingual, Bilingual] | undefined {
  const prefix = c.kind === 'postgres' ? `${c.schemaName}.${c.tablePrefix}` : c.tablePrefix;
  switch (code) {
    case 'ECONNREFUSED':
      return [
        bi('nothing accepts connections there', 'rien n’accepte de connexion à cette adresse'),
        bi(
          'check the host and port, and that the server listens on the network (bind-address, listen_addresses)',
          'vérifiez l’hôte et le port, et que le serveur écoute sur le réseau (bind-address, listen_addresses)',
        ),
      ];
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return [
        bi('the host name is unknown', 'le nom d’hôte est inconnu'),
        bi('check the host name', 'vérifiez le nom d’hôte'),
      ];
    case 'ETIMEDOUT':
    case 'timeout':
      return [
        bi('no answer within the time allowed', 'pas de réponse dans le délai'),
        bi(
          'check that a firewall lets this machine reach the port',
          'vérifiez qu’un pare-feu laisse cette machine joindre le port',
        ),
      ];
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_HOST_NOT_PRIVILEGED':
    case '28P01':
    case '28000':
      return [
        bi(
          `user ${c.username} was refused (wrong password, or not allowed from this machine)`,
          `l’utilisateur ${c.username} a été refusé (mot de passe erroné, ou pas autorisé depuis cette machine)`,
        ),
        bi(
          'check the user name and password of this connection, and the server’s grants (GRANT, pg_hba.conf)',
          'vérifiez l’utilisateur et le mot de passe de cette connexion, et les droits du serveur (GRANT, pg_hba.conf)',
        ),
      ];
    case 'ER_BAD_DB_ERROR':
    case '3D000':
      return [
        bi('this database does not exist', 'cette base n’existe pas'),
        bi(
          'give the database name of Moodle’s config.php ($CFG->dbname)',
          'indiquez le nom de base du config.php de Moodle ($CFG->dbname)',
        ),
      ];
    case 'ER_DBACCESS_DENIED_ERROR':
    case 'ER_TABLEACCESS_DENIED_ERROR':
    case '42501':
      return [
        bi(
          `user ${c.username} may not do this on Moodle’s tables`,
          `l’utilisateur ${c.username} n’a pas ce droit sur les tables de Moodle`,
        ),
        bi(
          'grant SELECT on the three tables (and UPDATE on bigbluebuttonbn to write the notice)',
          'accordez SELECT sur les trois tables (et UPDATE sur bigbluebuttonbn pour écrire l’avis)',
        ),
      ];
    case 'ER_NO_SUCH_TABLE':
    case '42P01':
      return [
        bi(`a table ${prefix}… is missing`, `une table ${prefix}… manque`),
        bi(
          'check the table prefix ($CFG->prefix) and, for PostgreSQL, the schema',
          'vérifiez le préfixe des tables ($CFG->prefix) et, pour PostgreSQL, le schéma',
        ),
      ];
    default:
      return undefined;
  }
}

/** pg says a connect timeout only in words. */
const codeOf = (error: DriverError): string => {
  if (typeof error.code === 'string') return error.code;
  const message = typeof error.message === 'string' ? error.message : '';
  return /timeout/i.test(message) ? 'timeout' : '';
};

/**
 * A driver failure said for an operator, in one or two lines: the connection (name, host:port,
 * database), the cause, the fix. The driver's own words go to `detail`, the password scrubbed.
 */
export function moodleError(
  error: unknown,
  options: { connection: MoodleConnection; password: string },
): RegieError {
  if (error instanceof RegieError) return error;
  const { connection, password } = options;
  const driver = (typeof error === 'object' && error !== null ? error : {}) as DriverError;
  const code = codeOf(driver);
  const raw = error instanceof Error ? error.message : String(error);
  const detail = scrub(`${code ? `${code}: ` : ''}${raw}`, password);
  const what = describeConnection(connection);
  const known = causeOf(code, connection);
  const text = known
    ? bi(
        `${what.en}: ${known[0].en}.\n${cap(known[1].en)}.`,
        `${what.fr} : ${known[0].fr}.\n${cap(known[1].fr)}.`,
      )
    : bi(`${what.en}: ${scrub(raw, password)}`, `${what.fr} : ${scrub(raw, password)}`);
  return new RegieError('remote', text, { detail, cause: error });
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
