import { mkdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ScanReport } from '../../src-preload/contract';
import { bi, validationError } from '../ground/errors';
import { messageOf } from '../ground/wording';
import type { Services } from '../kit/services';
import { resolveProgram } from '../media';
import { dropRoot } from '../recorders/dropFolder';
import type { RecordersService } from '../recorders/service';
import { createRecorderFilesRepository, toView, type StoredFile } from './recorderFilesRepository';
import { createNotifier, type Notifier } from './notifier';
import { createRouter } from './router';
import { createDropTracker } from './tracker';
import { createUnknownFoldersRepository } from './unknownFolders';
import { verifyDropFile } from './verify';
import { baseName, hasAllowedExtension, walkFiles } from './walk';

export const localOrigin = 'local';

/**
 * A folder Régie watches for dropped files: the recorders' folder, DEFAULT_BBB_PATH. Every root
 * shares the one tracker (quiet period, integrity check, rows in recorder_files); each decides
 * what a complete, valid file of its own becomes.
 */
export interface DropRoot {
  /** The files' origin in recorder_files (`local` for the recorders' folder). */
  origin: string;
  path: () => string;
  /** Whether a file under the root is tracked, by its '/'-separated path under the root. */
  accepts: (relPath: string) => boolean;
  /** A complete, valid file: what becomes of it. */
  route: (file: StoredFile) => Promise<void>;
  /** Régie creates the folder when it is missing (a default inside the data folder). */
  isCreated?: boolean;
}

export { dropRoot } from '../recorders/dropFolder';

/**
 * Watches the drop roots (the recorders' folder and those added with `addRoot`): file-system
 * events for speed, a periodic full rescan as the safety net, a short tick that settles files once
 * quiet. SFTP sources feed the same tracker with their downloads.
 */
export function createDropService(options: {
  s: Services;
  recorders: RecordersService;
  notifier?: Notifier;
}) {
  const { s } = options;
  const files = createRecorderFilesRepository(s.db);
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
  const allowed = () => s.settings.get('VIDEO_ALLOWED_EXTENSIONS');
  const recordersRoot: DropRoot = {
    origin: localOrigin,
    path: () => dropRoot(s),
    accepts: (relPath) => hasAllowedExtension(baseName(relPath), allowed()),
    route: (file) => router.route(file),
  };
  const roots: DropRoot[] = [recordersRoot];
  /** SFTP sources' files are recorder files: the recorders' routing. */
  const rootOf = (file: StoredFile) =>
    roots.find((root) => root.origin === file.origin) ?? recordersRoot;
  const tracker = createDropTracker({
    repo: files,
    now: () => s.now().getTime(),
    quietMs: () => s.settings.get('RECORDER_QUIET_SECONDS') * 1000,
    verify: (file, signal) => verifyDropFile(file, ffprobe, signal),
    route: (file) => rootOf(file).route(file),
    restat: (file) => {
      try {
        const stat = statSync(file.localPath);
        return { size: stat.size, mtimeMs: Math.trunc(stat.mtimeMs) };
      } catch {
        return null;
      }
    },
    changed,
    // The Inbox's detail shows a file's history: why it was refused belongs there.
    onInvalid: (file) => {
      s.record({
        level: 'warn',
        kind: 'files.invalid',
        by: 'system',
        subject: `file:${String(file.id)}`,
        text: bi(
          `${file.relPath} is not usable: ${file.reason?.en ?? ''}`,
          `${file.relPath} est inutilisable : ${file.reason?.fr ?? ''}`,
        ),
      });
    },
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

  // A recorder created for a reported folder takes the files waiting there (or DEFAULT_RECORDER_ID set).
  s.events.on('recorders.changed', () => {
    const waiting = files.list(['unknown']).filter((file) => rootOf(file) === recordersRoot);
    void (async () => {
      for (const file of waiting) await router.route(file);
      s.events.emit('unknownFolders.changed', { items: unknownFolders.list(), isComplete: true });
    })().catch((error: unknown) =>
      s.logger.error(`re-routing unknown files failed: ${String(error)}`),
    );
  });

  /** One full pass over a root; new and changed files start their quiet period. */
  function rescanRoot(root: DropRoot): ScanReport {
    const started = performance.now();
    const path = root.path();
    const known = files.snapshot(root.origin);
    const seen = walkFiles(path, root.accepts);
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
        const local = join(path, ...file.relPath.split('/'));
        if (tracker.observe(root.origin, file, local, known.get(file.relPath))) {
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

  const rescan = (): ScanReport => rescanRoot(recordersRoot);

  /** `regie recorder scan`: a pass, then the quiet period for what it found, then the report. */
  async function scanAndSettle(): Promise<ScanReport> {
    const report = rescan();
    // A scan from the CLI or cron also retries the notifications that are due.
    await router.retryDue();
    const deadline = s.now().getTime() + s.settings.get('RECORDER_QUIET_SECONDS') * 1000 + 1500;
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

  const watchers: FSWatcher[] = [];
  const timers: NodeJS.Timeout[] = [];
  let isTicking = false;
  let isStarted = false;

  function onFsEvent(root: DropRoot, fileName: string | null) {
    if (fileName === null) return;
    const rootPath = root.path();
    const path = join(rootPath, fileName);
    const relPath = relative(rootPath, path).split(sep).join('/');
    if (relPath.startsWith('..') || relPath.split('/').some((part) => part.startsWith('.'))) return;
    try {
      const stat = statSync(path);
      if (stat.isFile() && root.accepts(relPath)) {
        tracker.observe(
          root.origin,
          { relPath, size: stat.size, mtimeMs: Math.trunc(stat.mtimeMs) },
          path,
        );
      }
    } catch {
      // Removed or renamed away: the tick and the rescan account for it.
    }
  }

  function watchRoot(root: DropRoot): void {
    const path = root.path();
    try {
      if (root.isCreated) mkdirSync(path, { recursive: true });
      const watcher = watch(path, { recursive: true }, (_event, name) => onFsEvent(root, name));
      watcher.on('error', (error) => s.logger.warn(`drop watcher ${path}: ${String(error)}`));
      watchers.push(watcher);
    } catch (error) {
      s.logger.warn(`drop watcher unavailable for ${path}, rescans only: ${String(error)}`);
    }
    rescanRoot(root);
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
    if (!stat.isFile() || !recordersRoot.accepts(relPath)) {
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
    /** Emits a file's change to the Inbox, for the routes of the other roots. */
    changed,
    /** Another folder on the same tracker (DEFAULT_BBB_PATH); watched from `start`. */
    addRoot(root: DropRoot): void {
      roots.push(root);
      if (isStarted) watchRoot(root);
    },
    start() {
      isStarted = true;
      for (const root of roots) watchRoot(root);
      const tick = () => {
        if (isTicking) return;
        isTicking = true;
        void tracker.tick().finally(() => (isTicking = false));
      };
      // Only pending files are re-read, so a short tick is cheap and keeps detection near the quiet period.
      timers.push(setInterval(tick, 250));
      timers.push(
        setInterval(
          () => roots.forEach(rescanRoot),
          s.settings.get('RECORDER_RESCAN_SECONDS') * 1000,
        ),
      );
      timers.push(setInterval(() => void router.retryDue(), 30_000));
    },
    /** Stops watching; resolves once the checks under way (ffprobe) have ended. */
    async stop(): Promise<void> {
      isStarted = false;
      for (const watcher of watchers) watcher.close();
      watchers.length = 0;
      for (const timer of timers) clearInterval(timer);
      timers.length = 0;
      await tracker.idle();
    },
  };
}

export type DropService = ReturnType<typeof createDropService>;
