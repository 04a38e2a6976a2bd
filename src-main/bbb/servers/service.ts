import type { Bilingual, BbbChecksum, BbbServerView } from '../../../src-preload/contract';
import { bi, RegieError, validationError } from '../../ground/errors';
import type { Services } from '../../kit/services';
import type { SecretCipher } from '../../secrets/cipher';
import { apiBase, createBbbClient, type BbbClient } from '../api/client';
import { checksumAlgorithms } from '../api/checksum';
import { BbbError } from '../api/errors';
import { createBbbServersRepository, type StoredServer } from './repository';

export interface BbbServerInput {
  name: string;
  url: string;
  secret: string;
  checksum?: BbbChecksum | undefined;
  autoPublish?: boolean | undefined;
}

/**
 * What the index document tells: BBB 3.x names itself (`bbbVersion`); BBB 2.x and Scalelite both
 * answer a bare `2.0`, Scalelite sometimes with a `build`.
 */
const versionLabel = (info: { bbbVersion: string | null; build: string | null }) =>
  info.bbbVersion ?? (info.build !== null ? `Scalelite ${info.build}` : '2.x / Scalelite');

/** A BbbError said for an operator, in both languages. */
export function describeBbbError(error: unknown): Bilingual {
  if (!(error instanceof BbbError)) {
    const text = error instanceof Error ? error.message : String(error);
    return bi(text, text);
  }
  switch (error.messageKey ?? error.failure) {
    case 'checksumError':
      return bi(
        `${error.call}: checksum refused: wrong secret, or an algorithm the server does not accept (Scalelite refuses sha384)`,
        `${error.call} : somme de contrôle refusée : mauvais secret, ou algorithme non accepté par le serveur (Scalelite refuse sha384)`,
      );
    case 'timeout':
      return bi(`${error.message}`, `${error.call} : pas de réponse complète dans le délai`);
    case 'network':
      return bi(error.message, `${error.call} : serveur injoignable (${error.message})`);
    case 'garbage':
      return bi(error.message, `${error.call} : réponse illisible (ce n'est pas l'API BBB ?)`);
    case 'tooLarge':
      return bi(error.message, `${error.call} : réponse trop volumineuse`);
    default:
      return bi(error.message, error.message);
  }
}

/**
 * BBB and Scalelite servers (issue #5 §2): name, API URL, secret sealed like every secret, the
 * checksum algorithm, and what the last contact found (version, reachable, error).
 */
export function createBbbServersService(options: { s: Services; cipher: SecretCipher }) {
  const { s, cipher } = options;
  const repo = createBbbServersRepository(s.db);
  const view = (server: StoredServer): BbbServerView => {
    const { secretSealed: _secret, ...rest } = server;
    return rest;
  };
  const changed = () =>
    s.events.emit('bbbServers.changed', { items: repo.list().map(view), isComplete: true });
  const timeoutMs = () => (s.settings.get('BBB_TIMEOUT_SECONDS') as number) * 1000;

  const clientFor = (server: StoredServer): BbbClient =>
    createBbbClient({
      url: server.url,
      secret: cipher.open(server.secretSealed),
      algorithm: server.checksum,
      timeoutMs: timeoutMs(),
    });

  const requireServer = (id: number): StoredServer => {
    const server = repo.byId(id);
    if (!server)
      throw new RegieError(
        'not_found',
        bi(
          `No BigBlueButton server with id ${String(id)}`,
          `Aucun serveur BigBlueButton d'id ${String(id)}`,
        ),
      );
    return server;
  };

  return {
    repo,
    list: () => repo.list().map(view),
    clientFor,
    requireServer,
    changed,

    add(input: BbbServerInput): BbbServerView {
      s.operator.require('manageSettings');
      const errors: Record<string, Bilingual> = {};
      const name = input.name.trim();
      if (name === '' || name.length > 100)
        errors.name = bi('required, at most 100 characters', 'obligatoire, 100 caractères au plus');
      else if (repo.byName(name))
        errors.name = bi(`"${name}" already exists`, `« ${name} » existe déjà`);
      let url = '';
      try {
        const parsed = new URL(input.url.trim());
        if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('scheme');
        if (parsed.search !== '' || parsed.username !== '') throw new Error('extra');
        url = apiBase(parsed.toString());
      } catch {
        errors.url = bi(
          `"${input.url}" is not an http(s) URL such as https://bbb.univ.fr/bigbluebutton/api`,
          `« ${input.url} » n'est pas une URL http(s) comme https://bbb.univ.fr/bigbluebutton/api`,
        );
      }
      if (input.secret.trim() === '') errors.secret = bi('required', 'obligatoire');
      const checksum = input.checksum ?? 'sha256';
      if (!(checksumAlgorithms as readonly string[]).includes(checksum))
        errors.checksum = bi('sha1, sha256, sha384 or sha512', 'sha1, sha256, sha384 ou sha512');
      if (Object.keys(errors).length > 0) throw validationError(errors);
      const stored = repo.insert(
        {
          name,
          url,
          secretSealed: cipher.seal(input.secret.trim()),
          checksum,
          autoPublish: input.autoPublish ?? false,
        },
        s.now().toISOString(),
      );
      s.record({
        kind: 'bbb.serverAdded',
        subject: `bbb-server:${String(stored.id)}`,
        text: bi(
          `BigBlueButton server ${name} added (${url}, ${checksum})`,
          `Serveur BigBlueButton ${name} ajouté (${url}, ${checksum})`,
        ),
      });
      changed();
      return view(stored);
    },

    remove(id: number): { id: number } {
      s.operator.require('manageSettings');
      const server = requireServer(id);
      repo.remove(id);
      s.record({
        kind: 'bbb.serverRemoved',
        subject: `bbb-server:${String(id)}`,
        text: bi(
          `BigBlueButton server ${server.name} removed with its mirrored meetings and recordings`,
          `Serveur BigBlueButton ${server.name} supprimé avec ses réunions et enregistrements copiés`,
        ),
      });
      changed();
      return { id };
    },

    /**
     * Connection test: the index document (the version), then a signed call, which proves the
     * secret and the checksum algorithm.
     */
    async test(id: number): Promise<BbbServerView> {
      const server = requireServer(id);
      const client = clientFor(server);
      const at = () => s.now().toISOString();
      try {
        const info = await client.version();
        await client.getMeetings();
        repo.contact(id, { version: versionLabel(info), isReachable: true, lastError: null }, at());
      } catch (error) {
        repo.contact(id, { isReachable: false, lastError: describeBbbError(error).en }, at());
      }
      changed();
      return view(requireServer(id));
    },
  };
}

export type BbbServersService = ReturnType<typeof createBbbServersService>;
