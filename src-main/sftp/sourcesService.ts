import { isIP } from 'node:net';
import { join } from 'node:path';
import type { Bilingual, SftpSourceView } from '../../src-preload/contract';
import { bi, RegieError, validationError } from '../ground/errors';
import { messageOf } from '../ground/wording';
import type { Services } from '../kit/services';
import type { SecretCipher } from '../secrets/cipher';
import type { DropService } from '../drop/dropService';
import type { StoredFile } from '../drop/recorderFilesRepository';
import { createSftpSource, type SftpSource } from '.';
import { createSftpSourcesRepository, type StoredSource } from './sourcesRepository';

export interface SftpInput {
  name: string;
  host: string;
  port?: number | undefined;
  username: string;
  password?: string | undefined;
  privateKey?: string | undefined;
  remoteRoot: string;
  pollSeconds?: number | undefined;
  afterProcessing?: 'rename' | 'move' | 'leave' | undefined;
  moveTo?: string | undefined;
}

const hostPattern = /^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?)*$/i;

/**
 * SFTP drop folders (issue #3 §1): registered here with their secret sealed; while the console
 * runs, each is polled and its complete downloads go through the same checks as local files,
 * under the origin `sftp:<id>`. The remote file is renamed or moved only once Régie has made a
 * recording of it or put it in the trash.
 */
export function createSftpSourcesService(options: {
  s: Services;
  cipher: SecretCipher;
  drop: DropService;
}) {
  const { s, cipher, drop } = options;
  const repo = createSftpSourcesRepository(s.db);
  const running = new Map<
    number,
    { source: SftpSource; isConnected: boolean | null; lastError: string | null }
  >();

  const view = (source: StoredSource): SftpSourceView => {
    const { secretSealed: _secret, ...rest } = source;
    const state = running.get(source.id);
    return {
      ...rest,
      isConnected: state?.isConnected ?? null,
      lastError: state?.lastError ?? null,
    };
  };
  const changed = () =>
    s.events.emit('sftp.changed', { items: repo.list().map(view), isComplete: true });

  function run(stored: StoredSource) {
    const secret = stored.secretSealed === '' ? '' : cipher.open(stored.secretSealed);
    const origin = `sftp:${String(stored.id)}`;
    const state: { source: SftpSource; isConnected: boolean | null; lastError: string | null } = {
      source: createSftpSource(
        {
          id: stored.id,
          name: stored.name,
          host: stored.host,
          port: stored.port,
          username: stored.username,
          ...(stored.auth === 'password' ? { password: secret } : { privateKey: secret }),
          remoteRoot: stored.remoteRoot,
          pollSeconds: stored.pollSeconds,
          quietSeconds: s.settings.get('RECORDER_QUIET_SECONDS'),
          afterProcessing: stored.afterProcessing,
          ...(stored.moveTo ? { moveTo: stored.moveTo } : {}),
        },
        {
          workDir: join(s.dataDir, 'work'),
          events: {
            onReady: (file) =>
              void drop.tracker
                .observeComplete(
                  origin,
                  { relPath: file.relPath, size: file.size, mtimeMs: file.mtimeMs },
                  file.localPath,
                )
                .catch((error: unknown) => s.logger.error(`sftp ${stored.name}: ${String(error)}`)),
            onStatus: (status) => {
              const wasConnected = state.isConnected;
              state.isConnected = status.isConnected;
              state.lastError = status.error ?? null;
              if (wasConnected !== status.isConnected) {
                s.record({
                  level: status.isConnected ? 'info' : 'warn',
                  kind: status.isConnected ? 'sftp.connected' : 'sftp.disconnected',
                  by: 'system',
                  subject: `sftp:${String(stored.id)}`,
                  text: status.isConnected
                    ? bi(`SFTP ${stored.name} connected`, `SFTP ${stored.name} connecté`)
                    : bi(
                        `SFTP ${stored.name} unreachable: ${status.error ?? ''}`,
                        `SFTP ${stored.name} injoignable : ${status.error ?? ''}`,
                      ),
                });
                changed();
              }
            },
            onFileError: (relPath, error) =>
              s.record({
                level: 'warn',
                kind: 'sftp.fileRefused',
                by: 'system',
                subject: `sftp:${String(stored.id)}`,
                text: bi(
                  `${stored.name}: ${relPath}: ${error.text.en}`,
                  `${stored.name} : ${relPath} : ${error.text.fr}`,
                ),
              }),
          },
        },
      ),
      isConnected: null,
      lastError: null,
    };
    running.set(stored.id, state);
    state.source.start();
  }

  let isWatching = false;
  return {
    list: () => repo.list().map(view),
    add(input: SftpInput): SftpSourceView {
      s.operator.require('manageRecorders');
      const errors: Record<string, Bilingual> = {};
      const name = input.name.trim();
      if (name === '' || name.length > 100)
        errors.name = bi('required, at most 100 characters', 'obligatoire, 100 caractères au plus');
      else if (repo.list().some((x) => x.name === name))
        errors.name = bi(`"${name}" already exists`, `« ${name} » existe déjà`);
      const host = input.host.trim();
      if (isIP(host.replace(/^\[|\]$/g, '')) === 0 && !hostPattern.test(host))
        errors.host = bi(
          `"${host}" is not a host name or an IP address`,
          `« ${host} » n'est ni un nom d'hôte ni une adresse IP`,
        );
      const port = input.port ?? 22;
      if (port < 1 || port > 65535) errors.port = bi('1 to 65535', 'de 1 à 65535');
      if (input.username.trim() === '') errors.username = bi('required', 'obligatoire');
      const hasPassword = (input.password ?? '') !== '';
      const hasKey = (input.privateKey ?? '') !== '';
      if (hasPassword === hasKey)
        errors.password = bi(
          'give a password or a private key (one of them)',
          'donnez un mot de passe ou une clé privée (l’un des deux)',
        );
      if (hasKey && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(input.privateKey ?? ''))
        errors.privateKey = bi(
          'not an OpenSSH or PEM private key',
          'pas une clé privée OpenSSH ou PEM',
        );
      if (!input.remoteRoot.startsWith('/'))
        errors.remoteRoot = bi('an absolute path on the server', 'un chemin absolu sur le serveur');
      const pollSeconds = input.pollSeconds ?? 15;
      if (pollSeconds < 2 || pollSeconds > 3600)
        errors.pollSeconds = bi('2 to 3600 seconds', 'de 2 à 3600 secondes');
      const after = input.afterProcessing ?? 'rename';
      if (after === 'move' && !(input.moveTo ?? '').startsWith('/'))
        errors.moveTo = bi('an absolute path on the server', 'un chemin absolu sur le serveur');
      if (Object.keys(errors).length > 0) throw validationError(errors);
      const stored = repo.insert(
        {
          name,
          host,
          port,
          username: input.username.trim(),
          secretSealed: cipher.seal(
            hasPassword ? (input.password ?? '') : (input.privateKey ?? ''),
          ),
          auth: hasPassword ? 'password' : 'key',
          remoteRoot: input.remoteRoot,
          pollSeconds,
          afterProcessing: after,
          moveTo: after === 'move' ? (input.moveTo ?? null) : null,
        },
        s.now().toISOString(),
      );
      s.record({
        kind: 'sftp.added',
        subject: `sftp:${String(stored.id)}`,
        text: bi(
          `SFTP drop folder ${name} added (${host}:${String(port)}${input.remoteRoot})`,
          `Dossier de dépôt SFTP ${name} ajouté (${host}:${String(port)}${input.remoteRoot})`,
        ),
      });
      if (isWatching) run(stored);
      changed();
      return view(stored);
    },
    async remove(id: number): Promise<{ id: number }> {
      s.operator.require('manageRecorders');
      const stored = repo.byId(id);
      if (!stored)
        throw new RegieError(
          'not_found',
          bi(`No SFTP source with id ${String(id)}`, `Aucune source SFTP d'id ${String(id)}`),
        );
      await running.get(id)?.source.stop();
      running.delete(id);
      repo.remove(id);
      s.record({
        kind: 'sftp.removed',
        subject: `sftp:${String(id)}`,
        text: bi(
          `SFTP drop folder ${stored.name} removed; its remote files are left as they are`,
          `Dossier de dépôt SFTP ${stored.name} supprimé ; ses fichiers distants restent en place`,
        ),
      });
      changed();
      return { id };
    },
    /** The recording exists or the file is in the trash: rename or move the remote file. */
    processed(file: StoredFile): void {
      const match = /^sftp:(\d+)$/.exec(file.origin);
      const state = match ? running.get(Number(match[1])) : undefined;
      if (!state) return;
      state.source.finish(file.relPath).catch((error: unknown) =>
        s.record({
          level: 'warn',
          kind: 'sftp.finishFailed',
          by: 'system',
          subject: `file:${String(file.id)}`,
          text: bi(
            `Could not rename ${file.relPath} on the server: ${messageOf(error).en}`,
            `Impossible de renommer ${file.relPath} sur le serveur : ${messageOf(error).fr}`,
          ),
        }),
      );
    },
    isRunning: () => running.size > 0,
    start() {
      isWatching = true;
      for (const stored of repo.list()) run(stored);
    },
    async stop() {
      isWatching = false;
      await Promise.all([...running.values()].map((r) => r.source.stop()));
      running.clear();
    },
  };
}
