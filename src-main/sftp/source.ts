import { posix } from 'node:path';
import { bi, RegieError } from '../ground/errors';
import { backoffMs } from './backoff';
import { createConnection, errorDetail, unavailable } from './connection';
import { downloadToPart, partSize, promotePart, removePart } from './download';
import { listTree } from './listing';
import { insideRoot, localPathFor, remotePathFor } from './paths';
import type { SftpSource, SftpSourceConfig, SftpSourceOptions } from './types';

/** What the last listings said about one remote file. */
interface Observed {
  size: number;
  mtimeMs: number;
  /** When this size and mtime were first seen (injected clock). */
  stableSince: number;
}

const versionKey = (size: number, mtimeMs: number) => `${String(size)}:${String(mtimeMs)}`;

/**
 * A recorder drop folder on an SFTP server, polled. A file is offered (onReady) once its size and
 * mtime have stayed the same for `quietSeconds` and its download is complete and size-checked.
 * The remote file is only read until finish() is called.
 *
 * Completeness differs from Pod's scanner (size not grown between two cron runs, empty files
 * complete: ../shared/reference/pod-behaviour.md §1.3.3): mtime counts too, and empty files wait.
 */
export function createSftpSource(config: SftpSourceConfig, options: SftpSourceOptions): SftpSource {
  const { events } = options;
  const now = options.now ?? Date.now;
  const root = posix.normalize(config.remoteRoot);
  const moveTo = config.moveTo === undefined ? undefined : posix.normalize(config.moveTo);
  const observed = new Map<string, Observed>();
  /** relPath → the version already offered: never offered twice. */
  const offered = new Map<string, string>();
  /** relPath + cause, so a refused name is reported once, not at every poll. */
  const reported = new Set<string>();
  let downloads = new AbortController();
  let isRunning = false;
  let isStopping = false;
  let isBusy = false;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  let wasConnected = false;

  const status = (s: { isConnected: boolean; error?: string; nextRetryInMs?: number }) => {
    wasConnected = s.isConnected;
    events.onStatus(s);
  };

  const operationTimeoutMs = options.operationTimeoutMs ?? 30_000;
  const connection = createConnection(config, {
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    operationTimeoutMs,
    onConnected() {
      if (!wasConnected) status({ isConnected: true });
    },
    onLost(error) {
      downloads.abort(new Error(`connection lost: ${error}`));
      downloads = new AbortController();
      // During a poll, the poll's own failure reports it (with the retry delay).
      if (isBusy) return;
      if (!isRunning) return status({ isConnected: false, error });
      const next = backoffMs(failures++);
      status({ isConnected: false, error, nextRetryInMs: next });
      schedule(next);
    },
  });
  const stat = (path: string) => connection.run(`stat ${path}`, (c) => c.stat(path));

  const problem = (relPath: string, error: RegieError) => {
    const key = `${relPath}\n${error.text.en}`;
    if (reported.has(key)) return;
    reported.add(key);
    events.onFileError?.(relPath, error);
  };

  /** One operation on the client at a time: polls, finish() and the timer never interleave. */
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(async () => {
      isBusy = true;
      try {
        return await work();
      } finally {
        isBusy = false;
      }
    });
    queue = run.catch(() => undefined);
    return run;
  };

  /** Download, re-stat, size check, promote, offer; a remote file that changed waits again. */
  const take = async (relPath: string, seen: Observed): Promise<void> => {
    const remotePath = remotePathFor(root, relPath);
    const localPath = localPathFor(options.workDir, config.id, relPath);
    const restartQuiet = (size: number, mtimeMs: number) =>
      observed.set(relPath, { size, mtimeMs, stableSince: now() });
    const before = await stat(remotePath);
    if (before.size !== seen.size || before.modifyTime !== seen.mtimeMs) {
      return void restartQuiet(before.size, before.modifyTime);
    }
    const target = { relPath, remotePath, localPath, size: seen.size, mtimeMs: seen.mtimeMs };
    const { signal } = downloads;
    await connection.runLong((c) =>
      downloadToPart(c, target, {
        signal,
        stallMs: operationTimeoutMs,
        onProgress: events.onProgress,
      }),
    );
    const after = await stat(remotePath);
    if (after.size !== seen.size || after.modifyTime !== seen.mtimeMs) {
      return void restartQuiet(after.size, after.modifyTime);
    }
    const localSize = await partSize(localPath);
    if (localSize !== after.size) {
      await removePart(localPath);
      throw new RegieError(
        'conflict',
        bi(
          `Downloaded ${String(localSize)} bytes of ${relPath}, expected ${String(after.size)}; will download again`,
          `${String(localSize)} octets reçus pour ${relPath} au lieu de ${String(after.size)} ; nouveau téléchargement`,
        ),
      );
    }
    await promotePart(localPath);
    offered.set(relPath, versionKey(seen.size, seen.mtimeMs));
    events.onReady({
      sourceId: config.id,
      relPath,
      size: seen.size,
      mtimeMs: seen.mtimeMs,
      localPath,
    });
  };

  const poll = async (): Promise<void> => {
    const list = (dir: string) => connection.run(`list ${dir}`, (c) => c.list(dir));
    const entries = await listTree(list, root, {
      ...(moveTo && config.afterProcessing === 'move' ? { skipDir: insideRoot(root, moveTo) } : {}),
      isConnected: () => connection.isConnected(),
      onProblem: (relPath, reason) =>
        problem(
          relPath,
          new RegieError(
            'bad_request',
            bi(`Skipped ${relPath}: ${reason}`, `${relPath} ignoré : ${reason}`),
          ),
        ),
    });
    const at = now();
    const listed = new Set<string>();
    for (const { relPath, size, mtimeMs } of entries) {
      listed.add(relPath);
      events.onSeen?.(relPath, size, mtimeMs);
      const before = observed.get(relPath);
      if (!before || before.size !== size || before.mtimeMs !== mtimeMs) {
        observed.set(relPath, { size, mtimeMs, stableSince: at });
      }
    }
    for (const relPath of observed.keys()) if (!listed.has(relPath)) observed.delete(relPath);

    for (const [relPath, seen] of [...observed]) {
      const isQuiet = at - seen.stableSince >= config.quietSeconds * 1000;
      const isOffered = offered.get(relPath) === versionKey(seen.size, seen.mtimeMs);
      if (seen.size === 0 || !isQuiet || isOffered) continue;
      try {
        await take(relPath, seen);
      } catch (error) {
        // A lost connection ends the poll; anything else concerns this file only.
        if (!connection.isConnected()) throw error;
        problem(relPath, asRegieError(error, relPath));
      }
    }
  };

  const asRegieError = (error: unknown, relPath: string): RegieError => {
    if (error instanceof RegieError) return error;
    const detail = errorDetail(error, config);
    return new RegieError(
      'unavailable',
      bi(
        `Could not download ${relPath}: ${detail}`,
        `Échec du téléchargement de ${relPath} : ${detail}`,
      ),
    );
  };

  /** A poll with its status report; `retryInMs` is only known when the timer runs it. */
  const pollReporting = async (retryInMs?: number): Promise<void> => {
    try {
      await exclusive(poll);
    } catch (error) {
      const failure = connection.isConnected() ? asPollError(error) : unavailable(config, error);
      // A poll cut short by stop() is not news.
      if (!isStopping)
        status({
          isConnected: connection.isConnected(),
          error: failure.text.en,
          ...(retryInMs === undefined ? {} : { nextRetryInMs: retryInMs }),
        });
      throw failure;
    }
  };

  const asPollError = (error: unknown): RegieError => {
    if (error instanceof RegieError) return error;
    const detail = errorDetail(error, config);
    return new RegieError(
      'unavailable',
      bi(
        `Cannot list ${root} on SFTP source ${config.name}: ${detail}`,
        `Impossible de lister ${root} sur la source SFTP ${config.name} : ${detail}`,
      ),
    );
  };

  function schedule(delayMs: number): void {
    clearTimeout(timer);
    if (!isRunning) return;
    timer = setTimeout(() => void tick(), delayMs);
  }

  async function tick(): Promise<void> {
    timer = undefined;
    const next = backoffMs(failures);
    try {
      await pollReporting(next);
      failures = 0;
      schedule(config.pollSeconds * 1000);
    } catch {
      // Already reported through onStatus by pollReporting; try again after the backoff.
      failures += 1;
      schedule(next);
    }
  }

  return {
    start() {
      if (isRunning) return;
      isRunning = true;
      failures = 0;
      schedule(0);
    },
    async stop() {
      isRunning = false;
      isStopping = true;
      clearTimeout(timer);
      timer = undefined;
      try {
        downloads.abort(new Error('the SFTP source was stopped'));
        downloads = new AbortController();
        await connection.drop('the SFTP source was stopped');
        // Let a poll or finish() in progress settle: dropping the connection fails its calls.
        await queue;
      } finally {
        isStopping = false;
        wasConnected = false;
      }
    },
    pollOnce: () => pollReporting(),
    async finish(relPath) {
      const remotePath = remotePathFor(root, relPath);
      if (config.afterProcessing === 'leave') return;
      let target = `${remotePath}_treated`;
      if (config.afterProcessing === 'move') {
        if (moveTo === undefined) {
          const text = bi(
            `SFTP source ${config.name}: "move" needs a destination folder (moveTo)`,
            `Source SFTP ${config.name} : « move » demande un dossier de destination (moveTo)`,
          );
          throw new RegieError('validation', text, { fieldErrors: { moveTo: text } });
        }
        target = remotePathFor(moveTo, relPath);
      }
      await exclusive(async () => {
        try {
          if (config.afterProcessing === 'move') {
            const folder = posix.dirname(target);
            await connection.run(`mkdir ${folder}`, (c) => c.mkdir(folder, true));
          }
          await connection.run(`rename ${remotePath}`, (c) => c.rename(remotePath, target));
        } catch (error) {
          throw finishError(error, relPath, target);
        }
        observed.delete(relPath);
        offered.delete(relPath);
      });
    },
    forget(relPath) {
      const localPath = localPathFor(options.workDir, config.id, relPath);
      observed.delete(relPath);
      offered.delete(relPath);
      for (const key of reported) if (key.startsWith(`${relPath}\n`)) reported.delete(key);
      // Only the partial download goes (queued, so not under a running download): a finished
      // one belongs to Régie since onReady.
      exclusive(() => removePart(localPath)).catch((error: unknown) => {
        problem(relPath, asRegieError(error, relPath));
      });
    },
  };

  function finishError(error: unknown, relPath: string, target: string): RegieError {
    if (!connection.isConnected()) return unavailable(config, error);
    const detail = errorDetail(error, config);
    const code = (error as { code?: unknown }).code;
    // SFTP status 2 is SSH_FX_NO_SUCH_FILE (draft-ietf-secsh-filexfer-02 §7).
    return new RegieError(
      code === 2 || code === 'ENOENT' ? 'not_found' : 'conflict',
      bi(
        `Could not move ${relPath} to ${target} on ${config.name}: ${detail}`,
        `Impossible de déplacer ${relPath} vers ${target} sur ${config.name} : ${detail}`,
      ),
    );
  }
}
