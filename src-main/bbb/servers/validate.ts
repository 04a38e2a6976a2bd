import type { Bilingual, BbbChecksum } from '../../../src-preload/contract';
import { bi } from '../../ground/errors';
import { checksumAlgorithms } from '../api/checksum';
import { normaliseServerUrl } from '../api/url';

/** normaliseServerUrl's reasons, in French. */
const problemFr: Record<string, string> = {
  'not a URL': 'pas une URL',
  'not http(s)': 'pas en http(s)',
  'has a query': 'contient une requête',
  'has a user': 'contient un utilisateur',
};

export interface ServerFields {
  name: string;
  url: string;
  checksum: BbbChecksum;
}

/**
 * A server's name, URL and checksum checked together, every field's error at once: a name
 * (unique, `isNameTaken` says whether another server has it), a URL normalised to its API base,
 * an algorithm BBB knows; a secret when `isSecretRequired` (adding; editing keeps the stored one).
 */
export function checkServerFields(
  input: { name: string; url: string; secret?: string | undefined; checksum?: string | undefined },
  options: { isNameTaken: (name: string) => boolean; isSecretRequired: boolean },
): { fields: ServerFields; errors: Record<string, Bilingual> } {
  const errors: Record<string, Bilingual> = {};
  const name = input.name.trim();
  if (name === '' || name.length > 100)
    errors.name = bi('required, at most 100 characters', 'obligatoire, 100 caractères au plus');
  else if (options.isNameTaken(name))
    errors.name = bi(`"${name}" already exists`, `« ${name} » existe déjà`);
  const normalised = normaliseServerUrl(input.url);
  const url = 'url' in normalised ? normalised.url : '';
  if (input.url.trim() === '') errors.url = bi('required', 'obligatoire');
  else if ('problem' in normalised)
    errors.url = bi(
      `"${input.url}" is not a server URL (${normalised.problem}): give https://bbb.univ.fr/bigbluebutton/ or its …/api`,
      `« ${input.url} » n'est pas l'URL d'un serveur (${problemFr[normalised.problem] ?? normalised.problem}) : donnez https://bbb.univ.fr/bigbluebutton/ ou son …/api`,
    );
  if (options.isSecretRequired && (input.secret ?? '').trim() === '')
    errors.secret = bi('required', 'obligatoire');
  const checksum = input.checksum ?? 'sha256';
  if (!(checksumAlgorithms as readonly string[]).includes(checksum))
    errors.checksum = bi('sha1, sha256, sha384 or sha512', 'sha1, sha256, sha384 ou sha512');
  return { fields: { name, url, checksum: checksum as BbbChecksum }, errors };
}
