import { statSync, watch, type FSWatcher } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ScanReport } from '../../../src-preload/contract';
import { bi, validationError } from '../../ground/errors';
import { messageOf } from '../../ground/wording';
import type { Services } from '../../kit/services';
import { resolveProgram } from '../../media';
import { dropRoot } from '../dropFolder';
import type { RecordersService } from '../service';
import { createFilesRepository, toView, type StoredFile } from './filesRepository';
import { createNotifier, type Notifier } from './notifier';
import { createRouter } from './router';
import { createDropTracker } from './tracker';
import { createUnknownFoldersRepository } from './unknownFolders';
import { verifyDropFile } from './verify';
import { hasAllowedExtension, walkDropRoot } from './walk';

export const localOrigin = 'local';

export { dropRoot } from '../dropFolder';

/**
 * Watches the local drop root: file-system events for speed, a periodic full rescan as the
 * safety net, a one-second tick that settles files once quiet. SFTP sources feed the same
 * tracker with their downloads.
 */
export function createDropService(options: {
  s: Services;
  recorders: RecordersService;
  notifier?: Notifier;
}) {
  const { s } = options;
  const files = createFilesRepository(s.db);
  const unknownFolders = createUnknownFoldersRepository(s.db);
  const changed = (file: StoredFile) => s.events.emit('inbox.changed', { items: [toView(file)] });
  let ffprobePath: string | undefined;
  const ffprobe = () => {
    ffprobePath ??= resolveProgram('ffprobe', { setting: s.settings.getString('FFPROBE_CMD') });
    return ffprobePath;
  };
  const router = createRouter({
    s,
    files,
    unknownFolders,
    recorders: options.recorders,
    notifier: options.notifier ?? createNotifier(s),
    changed,
  });
  const tracker = createDropTracker({
    repo: files,
    now: () => s.now().getTime(),
    quietMs: () => s.settings.get('RECORDER_QUIET_SECONDS') * 1000,
    verify: (file) => verifyDropFile(file, ffprobe),
    route: (file) => router.route(file),
    restat: (file) => {
      try {
        const stat = statSync(file.localPath);
        return { size: stat.size, mtimeMs: Math.trunc(stat.mtimeMs) };
      } catch {
        return null;
      }
    },
    changed,
    onError: (error, file) => {
      s.record({
        level: 'error',
        kind: 'files.checkFailed',
        by: 'system',
        subject: `file:${String(file.id)}`,
        text: bi(
          `Checking ${file.relPath} failed: ${messageOf(error).en}`,
          `La vérification de ${file.relPath} a échoué : ${messageOf(error).fr}`,
        ),
      });
    },
  });

  const allowed = () => s.settings.get('VIDEO_ALLOWED_EXTENSIONS') as string[];

  // A recorder created for a reported folder takes the files waiting there (or DEFAULT_RECORDER_ID set).
  s.events.on('recorders.changed', () => {
    const waiting = files.list(['unknown']);
    void (async () => {
      for (const file of waiting) await router.route(file);
      s.events.emit('unknownFolders.changed', { items: unknownFolders.list(), isComplete: true });
    })().catch((error: unknown) =>
      s.logger.error(`re-routing unknown files failed: ${String(error)}`),
    );
  });

  /** One full pass over the local root; new and changed files start their quiet period. */
  function rescan(): ScanReport {
    const started = performance.now();
    const root = dropRoot(s);
    const known = files.snapshot(localOrigin);
    const seen = walkDropRoot(root, allowed());
    const report: ScanReport = {
      scanned: seen.length,
      newFiles: [],
      incomplete: [],
      invalid: [],
      unknown: [],
      durationMs: 0,
    };
    const present = new Set<string>();
    // One transaction for the whole pass: a first scan of a large tree inserts thousands of rows.
    s.db.transaction(() => {
      for (const file of seen) {
        present.add(file.relPath);
        const path = join(root, ...file.relPath.split('/'));
        if (tracker.observe(localOrigin, file, path, known.get(file.relPath))) {
          report.newFiles.push(file.relPath);
        }
      }
    })();
    const gone = [...known.entries()]
      .filter(([relPath, row]) => !present.has(relPath) && tracker.isOpen(row.status))
      .map(([, row]) => row.id);
    if (gone.length > 0) tracker.vanished(gone);
    report.durationMs = Math.round(performance.now() - started);
    return report;
  }

  /** `regie recorder scan`: a pass, then the quiet period for what it found, then the report. */
  async function scanAndSettle(): Promise<ScanReport> {
    const report = rescan();
    // A scan from the CLI or cron also retries the notifications that are due.
    await router.retryDue();
    const deadline =
      s.now().getTime() + s.settings.get('RECORDER_QUIET_SECONDS') * 1000 + 1500;
    while (tracker.pendingCount() > 0 && s.now().getTime() < deadline) {
      await tracker.tick();
      if (tracker.pendingCount() > 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    for (const file of files.list(['incomplete', 'invalid', 'unknown'])) {
      if (file.origin !== localOrigin) continue;
      if (file.status === 'incomplete') report.incomplete.push(file.relPath);
      else if (file.status === 'unknown') report.unknown.push(file.relPath);
      else if (file.reason) report.invalid.push({ path: file.relPath, reason: file.reason });
    }
    return report;
  }

  let watcher: FSWatcher | undefined;
  const timers: NodeJS.Timeout[] = [];
  let isTicking = false;

  function onFsEvent(fileName: string | null) {
    if (fileName === null) return;
    const root = dropRoot(s);
    const path = join(root, fileName);
    const relPath = relative(root, path).split(sep).join('/');
    if (relPath.startsWith('..') || relPath.split('/').some((part) => part.startsWith('.'))) return;
    try {
      const stat = statSync(path);
      if (
        stat.isFile() &&
        hasAllowedExtension(relPath.slice(relPath.lastIndexOf('/') + 1), allowed())
      ) {
        tracker.observe(
          localOrigin,
          { relPath, size: stat.size, mtimeMs: Math.trunc(stat.mtimeMs) },
          path,
        );
      }
    } catch {
      // Removed or renamed away: the tick and the rescan account for it.
    }
  }

  /** A file named by an operator (manual add): checked now, without the quiet period. */
  async function checkNow(relPath: string): Promise<StoredFile> {
    const root = dropRoot(s);
    const path = join(root, ...relPath.split('/'));
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw validationError({
        relPath: bi(
          `no file ${relPath} in the drop folder`,
          `aucun fichier ${relPath} dans le dossier de dépôt`,
        ),
      });
    }
    if (
      !stat.isFile() ||
      !hasAllowedExtension(relPath.slice(relPath.lastIndexOf('/') + 1), allowed())
    ) {
      throw validationError({
        relPath: bi('not a video, audio or ZIP file', 'pas un fichier vidéo, audio ou ZIP'),
      });
    }
    await tracker.observeComplete(
      localOrigin,
      { relPath, size: stat.size, mtimeMs: Math.trunc(stat.mtimeMs) },
      path,
    );
    const file = files.byPath(localOrigin, relPath);
    if (!file) throw new Error(`${relPath} was not recorded`);
    if (file.status === 'invalid' && file.reason) throw validationError({ relPath: file.reason });
    return file;
  }

  return {
    files,
    unknownFolders,
    checkNow,
    tracker,
    rescan,
    scanAndSettle,
    retryNotifications: () => router.retryDue(),
    start() {
      const root = dropRoot(s);
      try {
        watcher = watch(root, { recursive: true }, (_event, fileName) => onFsEvent(fileName));
        watcher.on('error', (error) => s.logger.warn(`drop watcher: ${String(error)}`));
      } catch (error) {
        s.logger.warn(`drop watcher unavailable, rescans only: ${String(error)}`);
      }
      rescan();
      const tick = () => {
        if (isTicking) return;
        isTicking = true;
        void tracker.tick().finally(() => (isTicking = false));
      };
      // Only pending files are re-read, so a short tick is cheap and keeps detection near the quiet period.
      timers.push(setInterval(tick, 250));
      timers.push(
        setInterval(() => rescan(), (s.settings.get('RECORDER_RESCAN_SECONDS') as number) * 1000),
      );
      timers.push(setInterval(() => void router.retryDue(), 30_000));
    },
    stop() {
      watcher?.close();
      for (const timer of timers) clearInterval(timer);
      timers.length = 0;
    },
  };
}

export type DropService = ReturnType<typeof createDropService>;
