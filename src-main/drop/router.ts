import type { Recorder } from '../../src-preload/contract';
import { bi } from '../ground/errors';
import type { Services } from '../kit/services';
import type { RecordersService } from '../recorders/service';
import type { RecorderFilesRepository, StoredFile } from './recorderFilesRepository';
import type { Notifier } from './notifier';
import type { UnknownFoldersRepository } from './unknownFolders';

/** After n failed notifications, admins are told (once per file). */
const failuresBeforeAdmins = 3;
/** Retry delays for the notify call or the manager's email: 1 min, 5 min, 15 min, then hourly. */
const retryDelaysMs = [60_000, 300_000, 900_000, 3_600_000];

/**
 * Where a complete, valid file goes (../shared/reference/pod-behaviour.md §1.3.4): its recorder
 * by the first folder name (or DEFAULT_RECORDER_ID), then manager mode (notify or email),
 * claim mode (the Inbox), or neither (admins told once, §8.1.8; the file still waits in the Inbox).
 */
export function createRouter(options: {
  s: Services;
  files: RecorderFilesRepository;
  unknownFolders: UnknownFoldersRepository;
  recorders: RecordersService;
  notifier: Notifier;
  changed: (file: StoredFile) => void;
}) {
  const { s, files, notifier } = options;
  const iso = () => s.now().toISOString();
  const update = (file: StoredFile, patch: Parameters<RecorderFilesRepository['update']>[1]) => {
    const next = files.update(file.id, patch, iso());
    options.changed(next);
    return next;
  };

  const recorderFor = (file: StoredFile): Recorder | undefined => {
    const own = options.recorders.byDirectory(file.folder);
    if (own) return own;
    const fallback = s.settings.get('DEFAULT_RECORDER_ID');
    return typeof fallback === 'number'
      ? options.recorders.list().find((r) => r.id === fallback)
      : undefined;
  };

  async function unknown(file: StoredFile): Promise<void> {
    const where = file.folder === '' ? 'the root of the drop folder' : `folder "${file.folder}"`;
    const whereFr =
      file.folder === '' ? 'la racine du dossier de dépôt' : `le dossier « ${file.folder} »`;
    update(file, {
      status: 'unknown',
      reason: bi(`No recorder uses ${where}`, `Aucun enregistreur n'utilise ${whereFr}`),
    });
    if (options.unknownFolders.add(file.origin, file.folder, iso())) {
      s.record({
        level: 'warn',
        kind: 'recorders.unknownFolder',
        by: 'system',
        subject: `folder:${file.folder}`,
        text: bi(
          `Files arrived in ${where}, which no recorder uses: create a recorder for it`,
          `Des fichiers sont arrivés dans ${whereFr}, qu'aucun enregistreur n'utilise : créez-en un pour ce dossier`,
        ),
      });
      // The mail names the folder and the file in it (the template joins them).
      const inFolder =
        file.folder === '' ? file.relPath : file.relPath.slice(file.folder.length + 1);
      await notifier.tellAdmins([{ kind: 'unknown_folder', folder: file.folder, file: inFolder }]);
    }
    s.events.emit('unknownFolders.changed', {
      items: options.unknownFolders.list(),
      isComplete: true,
    });
  }

  async function route(file: StoredFile): Promise<void> {
    const recorder = recorderFor(file);
    if (!recorder) return unknown(file);
    const isZip = file.fileName.toLowerCase().endsWith('.zip');
    if (isZip !== (recorder.recordingType === 'audiovideocast')) {
      update(file, {
        recorderId: recorder.id,
        status: 'invalid',
        reason: bi(
          `Recorder ${recorder.name} is of type ${recorder.recordingType}: it expects ${recorder.recordingType === 'audiovideocast' ? 'a ZIP' : 'a video or audio file'}`,
          `L'enregistreur ${recorder.name} est de type ${recorder.recordingType} : il attend ${recorder.recordingType === 'audiovideocast' ? 'un ZIP' : 'un fichier vidéo ou audio'}`,
        ),
      });
      return;
    }
    const routed = update(file, { recorderId: recorder.id, status: 'unclaimed', reason: null });
    s.record({
      kind: 'files.detected',
      by: 'system',
      subject: `file:${String(file.id)}`,
      text: bi(
        `New recording ${file.relPath} from ${recorder.name}`,
        `Nouvel enregistrement ${file.relPath} de ${recorder.name}`,
      ),
    });
    if (recorder.managerId !== null) return notifyManager(routed, recorder);
    if (!s.settings.getBoolean('ALLOW_MANUAL_RECORDING_CLAIMING') && routed.adminsToldAt === null) {
      await notifier.tellAdmins([
        { kind: 'no_manager', recorderName: recorder.name, file: file.relPath },
      ]);
      update(routed, { notifyState: 'admins', adminsToldAt: iso() });
    }
  }

  async function notifyManager(file: StoredFile, recorder: Recorder): Promise<void> {
    const manager = recorder.managerId === null ? undefined : s.users.byId(recorder.managerId);
    if (!manager) return;
    const outcome = await notifier.notifyManager({ file, recorder, manager });
    if (outcome.kind === 'notified') {
      update(file, {
        status: 'notified',
        notifyState: outcome.state,
        notifyDetail: null,
        nextNotifyAt: null,
      });
      return;
    }
    if (outcome.kind === 'auto') {
      update(file, {
        status: 'published',
        notifyState: 'auto',
        reason: bi(
          'Pod published it directly (publication_auto)',
          'Pod l’a publié directement (publication_auto)',
        ),
        nextNotifyAt: null,
      });
      return;
    }
    const attempts = file.notifyAttempts + 1;
    const delay = retryDelaysMs[Math.min(attempts - 1, retryDelaysMs.length - 1)] ?? 3_600_000;
    const failed = update(file, {
      notifyState: outcome.state,
      notifyDetail: outcome.detail,
      notifyAttempts: attempts,
      nextNotifyAt: new Date(s.now().getTime() + delay).toISOString(),
    });
    s.record({
      level: 'warn',
      kind: 'files.notifyFailed',
      by: 'system',
      subject: `file:${String(file.id)}`,
      text: bi(
        `Could not tell ${manager.username} about ${file.relPath} (attempt ${String(attempts)}): ${outcome.detail}`,
        `Impossible de prévenir ${manager.username} pour ${file.relPath} (essai ${String(attempts)}) : ${outcome.detail}`,
      ),
    });
    // Pod only prints these failures (§8.1.7); Régie tells the admins, once per file.
    if (attempts >= failuresBeforeAdmins && failed.adminsToldAt === null) {
      await notifier.tellAdmins([
        {
          kind: 'notify_failed',
          recorderName: recorder.name,
          file: file.relPath,
          detail: outcome.detail,
        },
      ]);
      update(failed, { adminsToldAt: iso() });
    }
  }

  /** Retries the notifications that are due. */
  async function retryDue(): Promise<void> {
    for (const file of files.dueForNotify(iso())) {
      const recorder =
        file.recorderId === null
          ? undefined
          : options.recorders.list().find((r) => r.id === file.recorderId);
      if (recorder && recorder.managerId !== null) await notifyManager(file, recorder);
      else update(file, { nextNotifyAt: null });
    }
  }

  return { route, retryDue };
}
