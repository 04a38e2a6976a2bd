import type { Bilingual } from '../../../src-preload/contract';
import { bi } from '../../ground/errors';

export type ConnectionChoice<C> =
  { connection: C } | { skip: Bilingual; why: 'ignored' | 'unknownServer' | 'noDefault' };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Which Moodle database a recording's moderators are looked up in (Pod's DB_PARAMS and
 * IGNORED_SERVERS, pod-behaviour.md §3.2): the connection named after its
 * `bbb-origin-server-name`, or `default` when the recording has none. A server in `ignored` is
 * not looked up; a server with no connection is not looked up either, with the reason, where Pod
 * raised a KeyError it printed as "Problem to find moderators". Host names compare without case.
 */
export function connectionFor<C extends { name: string }>(
  originServerName: string | null | undefined,
  connections: readonly C[],
  ignored: readonly string[],
): ConnectionChoice<C> {
  const origin = (originServerName ?? '').trim();
  if (origin !== '' && ignored.some((name) => same(name.trim(), origin)))
    return {
      why: 'ignored',
      skip: bi(
        `origin server ${origin} is in the ignored servers: no Moodle lookup`,
        `le serveur d’origine ${origin} fait partie des serveurs ignorés : pas de recherche dans Moodle`,
      ),
    };
  if (origin === '') {
    const fallback = connections.find((c) => c.name === 'default');
    return fallback
      ? { connection: fallback }
      : {
          why: 'noDefault',
          skip: bi(
            'no bbb-origin-server-name and no "default" Moodle connection: no Moodle lookup',
            'pas de bbb-origin-server-name et pas de connexion Moodle « default » : pas de recherche dans Moodle',
          ),
        };
  }
  const match =
    connections.find((c) => c.name === origin) ?? connections.find((c) => same(c.name, origin));
  return match
    ? { connection: match }
    : {
        why: 'unknownServer',
        skip: bi(
          `no Moodle connection named ${origin}: add one, or list the server as ignored`,
          `aucune connexion Moodle nommée ${origin} : ajoutez-en une, ou mettez ce serveur parmi les ignorés`,
        ),
      };
}
