import type { Bilingual, BbbChecksum, BbbServerView } from '../../../src-preload/contract';
import { bi, RegieError, validationError } from '../../ground/errors';
import type { Services } from '../../kit/services';
import type { SecretCipher } from '../../secrets/cipher';
import { createBbbClient, type BbbClient } from '../api/client';
import { BbbError } from '../api/errors';
import { createBbbServersRepository, type StoredServer } from './repository';
import { checkServerFields } from './validate';

export interface BbbServerInput {
  name: string;
  url: string;
  secret: string;
  checksum?: BbbChecksum | undefined;
  autoPublish?: boolean | undefined;
  /** Test the connection before adding, and add nothing when it fails. */
  isTestedFirst?: boolean | undefined;
}

/**
 * What the index document tells: BBB 3.x names itself (`bbbVersion`); BBB 2.x and Scalelite both
 * answer a bare `2.0`, Scalelite sometimes with a `build`.
 */
const versionLabel = (info: { bbbVersion: string | null; build: string | null }) =>
  info.bbbVersion ?? (info.build !== null ? `Scalelite ${info.build}` : '2.x / Scalelite');

/**
 * A failed call said for an operator, without the server's name (the row or the sentence around
 * it names the server): the call, what went wrong, what to check.
 */
export function describeBbbError(error: unknown): Bilingual {
  if (error instanceof BbbError) {
    const call = error.call || 'index';
    return bi(`${call}: ${error.reason.en}`, `${call} : ${error.reason.fr}`);
  }
  if (error instanceof RegieError) return error.text;
  const text = error instanceof Error ? error.message : String(error);
  return bi(text, text);
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
  const timeoutMs = () => s.settings.get('BBB_TIMEOUT_SECONDS') * 1000;

  const clientFor = (
    server: Pick<StoredServer, 'name' | 'url' | 'secretSealed' | 'checksum'>,
  ): BbbClient =>
    createBbbClient({
      name: server.name,
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

    async add(input: BbbServerInput): Promise<BbbServerView> {
      s.operator.require('manageSettings');
      const { fields, errors } = checkServerFields(input, {
        isNameTaken: (n) => repo.byName(n) !== undefined,
        isSecretRequired: true,
      });
      const { name, url, checksum } = fields;
      if (Object.keys(errors).length > 0) throw validationError(errors);
      const secretSealed = cipher.seal(input.secret.trim());
      let version: string | null = null;
      if (input.isTestedFirst === true) {
        const client = clientFor({ name, url, secretSealed, checksum });
        const info = await client.version().catch(notAdded(name));
        await client.getMeetings().catch(notAdded(name));
        version = versionLabel(info);
      }
      const at = s.now().toISOString();
      const stored = repo.insert(
        { name, url, secretSealed, checksum, autoPublish: input.autoPublish ?? false },
        at,
      );
      if (version !== null)
        repo.contact(stored.id, { version, isReachable: true, lastError: null }, at);
      s.record({
        kind: 'bbb.serverAdded',
        subject: `bbb-server:${String(stored.id)}`,
        text: bi(
          `BigBlueButton server ${name} added (${url}, ${checksum})`,
          `Serveur BigBlueButton ${name} ajouté (${url}, ${checksum})`,
        ),
      });
      changed();
      return view(requireServer(stored.id));
    },

    /** Edits a server; an empty or absent secret keeps the stored one. */
    update(id: number, patch: Partial<Omit<BbbServerInput, 'isTestedFirst'>>): BbbServerView {
      s.operator.require('manageSettings');
      const server = requireServer(id);
      const secret = patch.secret?.trim() ?? '';
      const { fields, errors } = checkServerFields(
        {
          name: patch.name ?? server.name,
          url: patch.url ?? server.url,
          checksum: patch.checksum ?? server.checksum,
        },
        { isNameTaken: (n) => (repo.byName(n)?.id ?? id) !== id, isSecretRequired: false },
      );
      if (Object.keys(errors).length > 0) throw validationError(errors);
      repo.update(
        id,
        {
          ...fields,
          secretSealed: secret === '' ? server.secretSealed : cipher.seal(secret),
          autoPublish: patch.autoPublish ?? server.autoPublish,
        },
        s.now().toISOString(),
      );
      if (fields.url !== server.url || fields.checksum !== server.checksum || secret !== '')
        repo.forgetContact(id);
      s.record({
        kind: 'bbb.serverUpdated',
        subject: `bbb-server:${String(id)}`,
        text: bi(
          `BigBlueButton server ${fields.name} saved (${fields.url}, ${fields.checksum}${secret === '' ? '' : ', new secret'})`,
          `Serveur BigBlueButton ${fields.name} enregistré (${fields.url}, ${fields.checksum}${secret === '' ? '' : ', nouveau secret'})`,
        ),
      });
      changed();
      return view(requireServer(id));
    },

    remove(id: number): { id: number } {
      s.operator.require('manageSettings');
      const server = requireServer(id);
      try {
        repo.remove(id);
      } catch (error) {
        // Webinars hold their server (migration 009, ON DELETE RESTRICT): say so, keep both.
        // (SQLite reports a RESTRICT as SQLITE_CONSTRAINT_TRIGGER; its message is the constant.)
        if (!/FOREIGN KEY constraint failed/.test(String(error))) throw error;
        throw new RegieError(
          'conflict',
          bi(
            `BigBlueButton server ${server.name} has webinars: remove them (Webinars) before the server.`,
            `Le serveur BigBlueButton ${server.name} a des webinaires : supprimez-les (Webinaires) avant le serveur.`,
          ),
        );
      }
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
        repo.contact(id, { isReachable: false, lastError: describeBbbError(error) }, at());
      }
      changed();
      return view(requireServer(id));
    },
  };
}

/** A failed connection test before adding: nothing was added, and the error says why. */
const notAdded =
  (name: string) =>
  (error: unknown): never => {
    if (!(error instanceof BbbError)) throw error;
    throw new RegieError(
      'remote',
      bi(
        `Server ${name} not added: ${error.text.en}`,
        `Serveur ${name} non ajouté : ${error.text.fr}`,
      ),
      { ...(error.detail !== undefined ? { detail: error.detail } : {}), cause: error },
    );
  };

export type BbbServersService = ReturnType<typeof createBbbServersService>;
