import { join } from 'node:path';
import type {
  AssignRules,
  Bilingual,
  FileStatus,
  Preview,
  RecorderFile,
  Recording,
} from '../../src-preload/contract';
import { bi, RegieError, validationError } from '../ground/errors';
import type { Services } from '../kit/services';
import { probeMedia, resolveProgram } from '../media';
import { extractAudiovideocast } from '../audiovideocast';
import {
  toView,
  type RecorderFilesRepository,
  type StoredFile,
} from '../drop/recorderFilesRepository';
import {
  createRecordingsRepository,
  toRecordingView,
  type StoredRecording,
} from '../recordings/repository';
import type { RecordersService } from '../recorders/service';
import { assignRules } from './rules';
import { createPreviews } from './preview';
import { moveToTrash } from './trash';

/** Files an operator can still claim, assign or delete. */
const waiting: readonly FileStatus[] = ['unclaimed', 'notified'];
const deletable: readonly FileStatus[] = [
  'incomplete',
  'invalid',
  'unknown',
  'unclaimed',
  'notified',
];

export interface AssignInput {
  ids: number[];
  title?: string | undefined;
  videoTypeId?: number | undefined;
  description?: string | undefined;
  owner?: string | undefined;
}

/**
 * The Inbox: claim (revendication) and assignment, delete to the trash, preview. A claimed file
 * becomes a queued recording; an audiovideocast ZIP is extracted (streamed, bounded) and its
 * slides stored with it.
 */
export function createInboxService(options: {
  s: Services;
  files: RecorderFilesRepository;
  recorders: RecordersService;
  /** The file's recording exists or the file is in the trash: an SFTP source may rename it. */
  onProcessed?: (file: StoredFile) => void;
  /** A recording was made: queue its encode. */
  onRecording?: (recording: StoredRecording) => void;
}) {
  const { s, files } = options;
  const recordings = createRecordingsRepository(s.db);
  const previews = createPreviews(s);
  const iso = () => s.now().toISOString();
  const changed = (file: StoredFile) => s.events.emit('inbox.changed', { items: [toView(file)] });
  const ffprobe = () => resolveProgram('ffprobe', { setting: s.settings.getString('FFPROBE_CMD') });

  const find = (id: number): StoredFile => {
    const file = files.byId(id);
    if (!file)
      throw new RegieError(
        'not_found',
        bi(`No file with id ${String(id)}`, `Aucun fichier d'id ${String(id)}`),
      );
    return file;
  };
  const recorderOf = (file: StoredFile) =>
    options.recorders.list().find((r) => r.id === file.recorderId);

  function rulesFor(file: StoredFile) {
    const recorder = recorderOf(file);
    const managerId = recorder?.managerId ?? null;
    const fallbackOwner = s.settings.get('DEFAULT_RECORDER_USER_ID');
    return assignRules({
      operator: s.operator.current(),
      recorder,
      managerChoosesOwner: s.settings.getBoolean('ALLOW_RECORDER_MANAGER_CHOICE_VID_OWNER'),
      defaultOwner: s.users.byId(managerId ?? fallbackOwner),
      fileDate: new Date(file.mtimeMs),
    });
  }

  async function recordingFor(
    file: StoredFile,
    input: AssignInput,
    isSingle: boolean,
  ): Promise<StoredRecording> {
    const rules = rulesFor(file);
    const operator = s.operator.current();
    if (!rules.canClaim) {
      throw new RegieError(
        'forbidden',
        bi(
          `${operator.label} may not claim recordings (staff only)`,
          `${operator.label} ne peut pas revendiquer d'enregistrement (personnel seulement)`,
        ),
      );
    }
    const errors: Record<string, Bilingual> = {};
    const ownerName = input.owner?.trim() || rules.defaultOwner || '';
    if (input.owner && !rules.canChooseOwner && input.owner !== operator.user?.username) {
      errors.owner = bi(
        'you may not choose the owner: it is you',
        'vous ne pouvez pas choisir le propriétaire : c’est vous',
      );
    }
    const owner = s.users.byUsername(ownerName);
    if (!owner && !errors.owner) {
      errors.owner =
        ownerName === ''
          ? bi('choose an owner', 'choisissez un propriétaire')
          : bi(`unknown user "${ownerName}"`, `utilisateur inconnu « ${ownerName} »`);
    }
    const title = (isSingle ? input.title?.trim() : undefined) || rules.defaultTitle;
    if (title.length > 200) errors.title = bi('at most 200 characters', '200 caractères au plus');
    const videoTypeId = input.videoTypeId ?? rules.defaultVideoTypeId;
    if (!Number.isSafeInteger(videoTypeId) || videoTypeId < 1)
      errors.videoTypeId = bi('a video type id (1 or more)', 'un id de type de vidéo (1 ou plus)');
    if (Object.keys(errors).length > 0 || !owner) throw validationError(errors);
    const recorder = recorderOf(file);
    const type = recorder?.recordingType ?? 'video';
    let mediaPath: string | null = null;
    let slides: StoredRecording['slides'] = [];
    if (type === 'audiovideocast') {
      const content = await extractZip(
        file,
        join(s.dataDir, 'work', 'recordings', String(file.id)),
      );
      mediaPath = content.mediaPath;
      slides = content.slides.map(({ index, src, start, end }) => ({ index, src, start, end }));
    }
    return recordings.insert(
      {
        recorderId: recorder?.id ?? null,
        fileId: file.id,
        ownerId: owner.id,
        title,
        type,
        videoTypeId,
        description: input.description ?? '',
        sourcePath: file.localPath,
        mediaPath,
        slides,
        comment: '',
        createdBy: operator.label,
      },
      iso(),
    );
  }

  /** Streams the ZIP's media and slides out, then ends the last slide at the media's duration (§8.1.13). */
  async function extractZip(file: StoredFile, dest: string) {
    try {
      const content = await extractAudiovideocast(file.localPath, dest, {
        skipFirstImage: s.settings.getBoolean('RECORDER_SKIP_FIRST_IMAGE'),
      });
      const info = await probeMedia(content.mediaPath, { ffprobe: ffprobe() });
      const last = content.slides.at(-1);
      // Whole seconds, as Pod stores them (int(duration)).
      const duration = Math.floor(info.durationS);
      if (last && duration > last.start) last.end = duration;
      return content;
    } catch (error) {
      if (error instanceof RegieError) {
        changed(files.update(file.id, { status: 'invalid', reason: error.text }, iso()));
      }
      throw error;
    }
  }

  return {
    list: (statuses?: FileStatus[]): RecorderFile[] => files.list(statuses).map(toView),
    rules: (id: number): AssignRules => {
      const { canClaim: _canClaim, ...rules } = rulesFor(find(id));
      return rules;
    },
    async assign(input: AssignInput): Promise<Recording[]> {
      const made: Recording[] = [];
      for (const id of input.ids) {
        const file = find(id);
        if (!waiting.includes(file.status)) {
          throw new RegieError(
            'conflict',
            bi(
              `${file.relPath} is ${file.status}: only files waiting in the Inbox can be claimed`,
              `${file.relPath} est ${file.status} : seuls les fichiers en attente peuvent être revendiqués`,
            ),
          );
        }
        const recording = await recordingFor(file, input, input.ids.length === 1);
        const queued = files.update(
          file.id,
          { status: 'queued', recordingId: recording.id, nextNotifyAt: null },
          iso(),
        );
        changed(queued);
        s.events.emit('recordings.changed', { items: [toRecordingView(recording)] });
        const owner = s.users.byId(recording.ownerId)?.username ?? '?';
        s.record({
          kind: 'recordings.created',
          subject: `recording:${String(recording.id)}`,
          text: bi(
            `${file.relPath} claimed for ${owner}: "${recording.title}" queued for encoding`,
            `${file.relPath} revendiqué pour ${owner} : « ${recording.title} » en attente d'encodage`,
          ),
        });
        options.onProcessed?.(queued);
        options.onRecording?.(recording);
        made.push(toRecordingView(recording));
      }
      return made;
    },
    delete(ids: number[]): { ids: number[] } {
      for (const id of ids) {
        const file = find(id);
        if (!rulesFor(file).canDelete) {
          throw new RegieError(
            'forbidden',
            bi(
              `${s.operator.actor()} may not delete ${file.relPath}: superuser or the recorder's manager only`,
              `${s.operator.actor()} ne peut pas supprimer ${file.relPath} : super-utilisateur ou gestionnaire de l'enregistreur seulement`,
            ),
          );
        }
        if (!deletable.includes(file.status)) {
          throw new RegieError(
            'conflict',
            bi(
              `${file.relPath} is ${file.status} and cannot be deleted from the Inbox`,
              `${file.relPath} est ${file.status} et ne peut pas être supprimé depuis la boîte`,
            ),
          );
        }
      }
      for (const id of ids) {
        const file = find(id);
        const target = moveToTrash({
          dataDir: s.dataDir,
          localPath: file.localPath,
          origin: file.origin,
          relPath: file.relPath,
          now: s.now(),
        });
        const deleted = files.update(
          id,
          {
            status: 'deleted',
            reason: bi(`Moved to the trash: ${target}`, `Mis à la corbeille : ${target}`),
            nextNotifyAt: null,
          },
          iso(),
        );
        changed(deleted);
        s.record({
          kind: 'files.deleted',
          subject: `file:${String(id)}`,
          text: bi(`${file.relPath} moved to the trash`, `${file.relPath} mis à la corbeille`),
        });
        options.onProcessed?.(deleted);
      }
      return { ids };
    },
    preview: (id: number): Promise<Preview> => previews.open(find(id)),
    mediaPath: (id: number, slide?: number) => previews.mediaPath(id, slide),
    async addRecording(
      input: {
        recorderId: number;
        relPath: string;
        title: string;
        owner?: string;
        videoTypeId?: number;
        description?: string;
      },
      observe: (relPath: string) => Promise<StoredFile>,
    ): Promise<Recording> {
      // Every wrong field at once, as Pod's form shows them (title is required there too).
      const errors: Record<string, Bilingual> = {};
      const recorder = options.recorders.list().find((r) => r.id === input.recorderId);
      if (!recorder) errors.recorderId = bi('unknown recorder', 'enregistreur inconnu');
      const parts = input.relPath.split('/').filter((p) => p !== '');
      if (parts.length === 0 || parts.some((p) => p === '..' || p === '.' || p.includes('\\'))) {
        errors.relPath = bi(
          'a path inside the recorder folder, without ..',
          'un chemin dans le dossier de l’enregistreur, sans ..',
        );
      }
      if (input.title.trim() === '') errors.title = bi('required', 'obligatoire');
      if (!recorder || Object.keys(errors).length > 0) throw validationError(errors);
      const file = await observe([recorder.directory, ...parts].join('/'));
      const [recording] = await this.assign({
        ids: [file.id],
        title: input.title,
        owner: input.owner,
        videoTypeId: input.videoTypeId,
        description: input.description,
      });
      if (!recording) throw new Error('no recording made');
      return recording;
    },
  };
}

export type InboxService = ReturnType<typeof createInboxService>;
