import { existsSync, mkdirSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { basename, dirname, extname, join, sep } from 'node:path';
import type { Video } from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';
import { messageOf } from '../ground/wording';
import type { Services } from '../kit/services';
import type { JobContext } from '../jobs';
import type { RecorderFilesRepository } from '../drop/recorderFilesRepository';
import { toView } from '../drop/recorderFilesRepository';
import { moveToTrash } from '../inbox/trash';
import {
  toRecordingView,
  type RecordingsRepository,
  type StoredRecording,
} from '../recordings/repository';
import { libraryDir, renditionsOf, runEncode } from './encodeHandler';
import { createVideosRepository, toVideoView, type StoredVideo } from './repository';

const safeName = /^[\w][\w.-]*$/;

/**
 * The library (issue #4 §6): an encode job per claimed recording; a verified encode becomes a
 * video; only then is the source archived, deleted or kept (REGIE_SOURCE_AFTER_PUBLISH).
 */
export function createLibraryService(options: {
  s: Services;
  recordings: RecordingsRepository;
  files: RecorderFilesRepository;
  /** A video just verified and published (the Pod connector sends it on). */
  onVideo?: (video: StoredVideo) => void;
}) {
  const { s, recordings, files } = options;
  const videos = createVideosRepository(s.db);
  const reserved = new Set<number>();
  const iso = () => s.now().toISOString();

  const setRecording = (recording: StoredRecording, status: StoredRecording['status']) => {
    const next = recordings.setStatus(recording.id, status, iso());
    s.events.emit('recordings.changed', { items: [toRecordingView(next)] });
    if (next.fileId !== null) {
      const fileStatus =
        status === 'encoding' ? 'encoding' : status === 'published' ? 'published' : 'queued';
      const file = files.update(next.fileId, { status: fileStatus }, iso());
      s.events.emit('inbox.changed', { items: [toView(file)] });
    }
    return next;
  };

  /** A folder id no other running job or video has. */
  const reserveId = () => {
    let id = videos.nextId();
    while (reserved.has(id)) id++;
    reserved.add(id);
    return id;
  };

  /**
   * How a published recording's source is archived or removed: a recorder's file goes to
   * `<data>/archive/` by its folder path; a file Régie downloaded itself (a BBB video, under
   * `<data>/work/bbb/<record id>/`) goes to `<data>/archive/bbb/`, its folder removed. Any other
   * source is not Régie's to move.
   */
  function sourceOf(recording: StoredRecording) {
    const path = recording.sourcePath;
    const file = recording.fileId === null ? undefined : files.byId(recording.fileId);
    if (file)
      return {
        archive: (): string =>
          moveToTrash({
            dataDir: s.dataDir,
            localPath: path,
            origin: file.origin,
            relPath: file.relPath,
            now: s.now(),
            folder: 'archive',
          }),
        remove: () => unlinkSync(path),
      };
    if (!path.startsWith(join(s.dataDir, 'work', 'bbb') + sep)) return undefined;
    const folder = dirname(path);
    return {
      archive: (): string => {
        const archive = join(s.dataDir, 'archive', 'bbb');
        mkdirSync(archive, { recursive: true });
        const target = join(archive, `${basename(folder)}${extname(path)}`);
        renameSync(path, target);
        rmSync(folder, { recursive: true, force: true });
        return target;
      },
      remove: () => rmSync(folder, { recursive: true, force: true }),
    };
  }

  /**
   * After a verified publication only: REGIE_SOURCE_AFTER_PUBLISH says keep, archive or delete.
   * Returns where an archived source went (the Pod connector may still send it).
   */
  function afterPublish(recording: StoredRecording): string | undefined {
    const what = s.settings.getString('REGIE_SOURCE_AFTER_PUBLISH');
    if (recording.mediaPath)
      rmSync(join(s.dataDir, 'work', 'recordings', String(recording.fileId)), {
        recursive: true,
        force: true,
      });
    const source = what === 'keep' ? undefined : sourceOf(recording);
    if (!source) return undefined;
    const subject = `recording:${String(recording.id)}`;
    if (!existsSync(recording.sourcePath)) {
      s.record({
        level: 'warn',
        kind: 'recordings.sourceGone',
        by: 'system',
        subject,
        text: bi(
          `The source ${recording.sourcePath} was already gone (moved or deleted outside Régie) when its video was published; nothing to ${what}.`,
          `La source ${recording.sourcePath} avait déjà disparu (déplacée ou supprimée hors de Régie) à la publication de sa vidéo ; rien à ${what === 'delete' ? 'supprimer' : 'archiver'}.`,
        ),
      });
      return undefined;
    }
    try {
      if (what !== 'delete') return source.archive();
      source.remove();
    } catch (error) {
      // The video is published and verified; a source that cannot be moved stays where it is.
      s.record({
        level: 'error',
        kind: 'recordings.archiveFailed',
        by: 'system',
        subject,
        text: bi(
          `The video is published but its source ${recording.sourcePath} could not be ${what === 'delete' ? 'deleted' : 'archived'}: ${messageOf(error).en}. It was left in place.`,
          `La vidéo est publiée mais sa source ${recording.sourcePath} n'a pas pu être ${what === 'delete' ? 'supprimée' : 'archivée'} : ${messageOf(error).fr}. Elle est restée en place.`,
        ),
      });
    }
  }

  async function encode(ctx: JobContext): Promise<void> {
    const { recordingId } = ctx.job.payload as { recordingId: number };
    const recording = recordings.byId(recordingId);
    if (!recording)
      throw new RegieError(
        'not_found',
        bi(
          `Recording ${String(recordingId)} no longer exists`,
          `L'enregistrement ${String(recordingId)} n'existe plus`,
        ),
      );
    const videoId = reserveId();
    setRecording(recording, 'encoding');
    try {
      const outDir = libraryDir(s, videoId);
      // No video owns this folder (reserveId): anything in it is left by a run of this job that a
      // crash or a kill stopped, e.g. its `.encoding-*` working folder.
      rmSync(outDir, { recursive: true, force: true });
      const result = await runEncode(s, ctx, {
        input: recording.mediaPath ?? recording.sourcePath,
        outDir,
      });
      ctx.progress({ phase: 'publish' });
      const thumbnail = result.thumbnails.at(-1);
      const video = videos.insert(
        {
          id: videoId,
          recordingId: recording.id,
          ownerId: recording.ownerId,
          title: recording.title,
          videoTypeId: recording.videoTypeId,
          description: recording.description,
          durationS: result.durationS,
          isVideo: result.m4aPath === null,
          renditions: renditionsOf(result),
          thumbnail: thumbnail ? basename(thumbnail) : null,
          overviewVtt: result.overview ? basename(result.overview.vtt) : null,
          master: result.masterPath ? basename(result.masterPath) : null,
          dir: outDir,
          sourcePath: recording.sourcePath,
        },
        iso(),
      );
      const published = setRecording(recording, 'published');
      s.events.emit('videos.changed', { items: [toVideoView(video)] });
      s.record({
        kind: 'videos.published',
        by: 'system',
        subject: `video:${String(video.id)}`,
        text: bi(
          `"${video.title}" published (${String(video.renditions.length)} files)`,
          `« ${video.title} » publiée (${String(video.renditions.length)} fichiers)`,
        ),
      });
      const archived = afterPublish(published);
      options.onVideo?.(archived ? videos.setSourcePath(video.id, archived) : video);
    } catch (error) {
      const isCancel = ctx.signal.aborted;
      setRecording(recording, isCancel ? 'queued' : 'failed');
      throw error;
    } finally {
      reserved.delete(videoId);
    }
  }

  return {
    encode,
    list: (): Video[] => videos.list().map(toVideoView),
    /** A file of a published video, for the web host's /library route; names only, no paths. */
    libraryFile(videoId: number, name: string): string | undefined {
      const video = videos.byId(videoId);
      if (!video || !safeName.test(name)) return undefined;
      const path = join(video.dir, name);
      return existsSync(path) ? path : undefined;
    },
  };
}

export type LibraryService = ReturnType<typeof createLibraryService>;
