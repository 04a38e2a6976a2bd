import type { Bilingual, FileStatus, MediaSummary } from '../../src-preload/contract';
import { bi } from '../ground/errors';
import type { SeenFile } from './walk';
import { folderOf } from './walk';
import type { RecorderFilesRepository, StoredFile } from './recorderFilesRepository';

export type VerifyResult =
  { ok: true; media: MediaSummary | null } | { ok: false; reason: Bilingual };

export interface TrackerOptions {
  repo: RecorderFilesRepository;
  now: () => number;
  quietMs: () => number;
  /**
   * Opens the file as what it claims to be (ffprobe for media, the ZIP central directory); the
   * signal is aborted when Régie quits.
   */
  verify: (file: StoredFile, signal: AbortSignal) => Promise<VerifyResult>;
  /** A complete, valid file: map it to its recorder and decide what happens (notify, Inbox…). */
  route: (file: StoredFile) => Promise<void>;
  /** Re-reads a file's size and mtime; null when it is gone. */
  restat: (file: { localPath: string }) => { size: number; mtimeMs: number } | null;
  /** How many files are checked at once (each check runs ffprobe). */
  concurrency?: number;
  changed: (file: StoredFile) => void;
  onError: (error: unknown, file: StoredFile) => void;
  /** A complete file that does not open: told once per verdict, for the file's history. */
  onInvalid?: (file: StoredFile) => void;
}

/** Statuses a drop-folder change can still affect: the file has not become a recording. */
const open: readonly FileStatus[] = ['incomplete', 'invalid', 'unknown', 'unclaimed', 'notified'];

interface Pending {
  id: number;
  origin: string;
  relPath: string;
  localPath: string;
  size: number;
  mtimeMs: number;
  /** When Régie saw this size and mtime first: the quiet period counts from here. */
  since: number;
}

/**
 * Decides when a file in a drop folder is complete: its size and mtime unchanged for the quiet
 * period as Régie observes them (so a restart or a skewed clock never makes an upload look old),
 * then `verify`, then `route`. Pod needs two cron runs and trusts any size that stopped growing
 * (../shared/reference/pod-behaviour.md §8.1.1); a file here is offered only when it also opens.
 */
export function createDropTracker(options: TrackerOptions) {
  const { repo } = options;
  const pending = new Map<number, Pending>();
  const busy = new Set<number>();
  /** Quitting: checks under way end without a verdict, so none is judged on a killed ffprobe. */
  const stopping = new AbortController();
  const iso = () => new Date(options.now()).toISOString();

  const markPending = (file: StoredFile) => {
    const { id, origin, relPath, localPath, size, mtimeMs } = file;
    pending.set(id, { id, origin, relPath, localPath, size, mtimeMs, since: options.now() });
  };

  /** One observation of a file (a scan, an fs event, an SFTP download); returns whether it was new. */
  function observe(
    origin: string,
    seen: SeenFile,
    localPath: string,
    known?: { id: number; size: number; mtimeMs: number; status: FileStatus },
  ): boolean {
    const current = known ?? repo.byPath(origin, seen.relPath);
    if (!current) {
      const file = repo.insert({
        origin,
        relPath: seen.relPath,
        localPath,
        folder: folderOf(seen.relPath),
        size: seen.size,
        mtimeMs: seen.mtimeMs,
        at: iso(),
      });
      markPending(file);
      options.changed(file);
      return true;
    }
    const isChanged = current.size !== seen.size || current.mtimeMs !== seen.mtimeMs;
    if (isChanged && open.includes(current.status)) {
      const file = repo.update(
        current.id,
        {
          size: seen.size,
          mtimeMs: seen.mtimeMs,
          localPath,
          status: 'incomplete',
          reason: null,
          media: null,
          changedAt: iso(),
          detectedAt: null,
        },
        iso(),
      );
      markPending(file);
      options.changed(file);
    } else if (
      current.status === 'incomplete' &&
      !pending.has(current.id) &&
      !busy.has(current.id) &&
      !queue.has(current.id)
    ) {
      // Known but never confirmed (Régie restarted mid-upload): watch it again from now.
      const file = repo.byId(current.id);
      if (file) markPending(file);
    }
    return false;
  }

  /** Files that were in an open state but are no longer in the folder. */
  function vanished(fileIds: number[]): void {
    for (const id of fileIds) {
      pending.delete(id);
      const file = repo.update(
        id,
        {
          status: 'deleted',
          reason: bi(
            'Removed from the drop folder outside Régie',
            'Retiré du dossier de dépôt en dehors de Régie',
          ),
        },
        iso(),
      );
      options.changed(file);
    }
  }

  async function settle(id: number): Promise<void> {
    busy.add(id);
    try {
      const file = repo.byId(id);
      if (!file || file.status !== 'incomplete') return;
      const result = await options.verify(file, stopping.signal);
      // Still `incomplete` in the database: the next start checks it again.
      if (stopping.signal.aborted) return;
      const latest = options.restat(file);
      if (latest && (latest.size !== file.size || latest.mtimeMs !== file.mtimeMs)) {
        // It grew while we were checking: not complete after all.
        observe(file.origin, { relPath: file.relPath, ...latest }, file.localPath);
        return;
      }
      if (!result.ok) {
        const invalid = repo.update(id, { status: 'invalid', reason: result.reason }, iso());
        options.changed(invalid);
        options.onInvalid?.(invalid);
        return;
      }
      const valid = repo.update(id, { media: result.media, detectedAt: iso() }, iso());
      await options.route(valid);
    } catch (error) {
      if (stopping.signal.aborted) return;
      const file = repo.byId(id);
      if (file) options.onError(error, file);
    } finally {
      busy.delete(id);
    }
  }

  // Settling runs ffprobe: a bounded queue, so a first scan of a large tree does not start
  // thousands of processes at once.
  const queue = new Set<number>();
  const concurrency = options.concurrency ?? 2;
  let running = 0;
  let drained: Promise<void> | undefined;
  let resolveDrained: (() => void) | undefined;
  const pump = (): Promise<void> => {
    while (running < concurrency && queue.size > 0) {
      const id = queue.values().next().value;
      if (id === undefined) break;
      queue.delete(id);
      running++;
      void settle(id).finally(() => {
        running--;
        void pump();
      });
    }
    if (running === 0 && queue.size === 0) {
      resolveDrained?.();
      resolveDrained = undefined;
      drained = undefined;
      return Promise.resolve();
    }
    drained ??= new Promise((resolve) => (resolveDrained = resolve));
    return drained;
  };

  /**
   * Re-reads pending files and queues those quiet for long enough; resolves when the queue is
   * empty. Called a few times a second; only pending files are read.
   */
  function tick(): Promise<void> {
    const now = options.now();
    for (const entry of [...pending.values()]) {
      const latest = options.restat(entry);
      if (latest === null) {
        pending.delete(entry.id);
        vanished([entry.id]);
        continue;
      }
      if (latest.size !== entry.size || latest.mtimeMs !== entry.mtimeMs) {
        observe(entry.origin, { relPath: entry.relPath, ...latest }, entry.localPath);
        continue;
      }
      if (now - entry.since >= options.quietMs()) {
        pending.delete(entry.id);
        queue.add(entry.id);
      }
    }
    return pump();
  }

  /** A file known to be complete already (an SFTP download): check and route it now. */
  async function observeComplete(origin: string, seen: SeenFile, localPath: string): Promise<void> {
    observe(origin, seen, localPath);
    const file = repo.byPath(origin, seen.relPath);
    if (file?.status === 'incomplete') {
      pending.delete(file.id);
      queue.delete(file.id);
      await settle(file.id);
    }
  }

  return {
    observe,
    observeComplete,
    vanished,
    tick,
    /** Files waiting for their quiet period or their check; for tests and the scan report. */
    pendingCount: () => pending.size + queue.size + busy.size,
    isOpen: (status: FileStatus) => open.includes(status),
    /** Starts no more checks; resolves once those under way have ended (quitting). */
    idle(): Promise<void> {
      stopping.abort();
      queue.clear();
      return pump();
    },
  };
}

export type DropTracker = ReturnType<typeof createDropTracker>;
