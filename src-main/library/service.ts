import { existsSync, mkdirSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { basename, dirname, extname, join, sep } from 'node:path';
import type { Video } from '../../src-preload/contract';
import { bi, RegieError } from '../core/errors';
import type { Services } from '../core/services';
import type { JobContext } from '../jobs';
import type { FilesRepository } from '../recorders/drop/filesRepository';
import { toView } from '../recorders/drop/filesRepository';
import { moveToTrash } from '../recorders/inbox/trash';
import {
  toRecordingView,
  type RecordingsRepository,
  type StoredRecording,
} from '../recorders/recordings/repository';
import { libraryDir, renditionsOf, runEncode } from './encodeHandler';
import { createVideosRepository, toVideoView } from './repository';

const safeName = /^[\w][\w.-]*$/;

/**
 * The library (issue #4 §6): an encode job per claimed recording; a verified encode becomes a
 * video; only then is the source archived, deleted or kept (REGIE_SOURCE_AFTER_PUBLISH).
 */
export function createLibraryService(options: {
  s: Services;
  recordings: RecordingsRepository;
  files: FilesRepository;
}) {
  const { s, recordings, files } = options;
  const videos = createVideosRepository(s.db);
  const reserved = new Set<number>();
  const iso = () => s.now().toISOString();

  const setRecording = (recording: StoredRecording, status: StoredRecording['status']) => {
    const next = recordings.setStatus(recording.id, status, iso());
    s.events.emit('recordings.changed', { recording: toRecordingView(next) });
    if (next.fileId !== null) {
      const fileStatus =
        status === 'encoding' ? 'encoding' : status === 'published' ? 'published' : 'queued';
      const file = files.update(next.fileId, { status: fileStatus }, iso());
      s.events.emit('files.changed', { file: toView(file) });
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

  function afterPublish(recording: StoredRecording) {
    const file = recording.fileId === null ? undefined : files.byId(recording.fileId);
    const what = s.settings.getString('REGIE_SOURCE_AFTER_PUBLISH');
    if (recording.mediaPath)
      rmSync(join(s.dataDir, 'work', 'recordings', String(recording.fileId)), {
        recursive: true,
        force: true,
      });
    if (!file && what !== 'keep') return afterPublishDownload(recording, what);
    if (!file || what === 'keep') return;
    const subject = `recording:${String(recording.id)}`;
    if (!existsSync(recording.sourcePath)) {
      s.record({
        level: 'warn',
        kind: 'recordings.sourceGone',
        subject,
        text: bi(
          `The source ${recording.sourcePath} was already gone (moved or deleted outside Régie) when its video was published; nothing to ${what}.`,
          `La source ${recording.sourcePath} avait déjà disparu (déplacée ou supprimée hors de Régie) à la publication de sa vidéo ; rien à ${what === 'delete' ? 'supprimer' : 'archiver'}.`,
        ),
      });
      return;
    }
    try {
      if (what === 'delete') unlinkSync(recording.sourcePath);
      else
        moveToTrash({
          dataDir: s.dataDir,
          localPath: recording.sourcePath,
          origin: file.origin,
          relPath: file.relPath,
          now: s.now(),
          folder: 'archive',
        });
    } catch (error) {
      // The video is published and verified; a source that cannot be moved stays where it is.
      s.record({
        level: 'error',
        kind: 'recordings.archiveFailed',
        subject,
        text: bi(
          `The video is published but its source ${recording.sourcePath} could not be ${what === 'delete' ? 'deleted' : 'archived'}: ${String(error)}. It was left in place.`,
          `La vidéo est publiée mais sa source ${recording.sourcePath} n'a pas pu être ${what === 'delete' ? 'supprimée' : 'archivée'} : ${String(error)}. Elle est restée en place.`,
        ),
      });
    }
  }

  /**
   * A source Régie downloaded itself (a BBB video, under `<data>/work/bbb/<record id>/`): nobody
   * else has it, so it is archived (`<data>/archive/bbb/`) or deleted like a recorder's file.
   */
  function afterPublishDownload(recording: StoredRecording, what: string) {
    const downloads = join(s.dataDir, 'work', 'bbb') + sep;
    if (!recording.sourcePath.startsWith(downloads) || !existsSync(recording.sourcePath)) return;
    const folder = dirname(recording.sourcePath);
    try {
      if (what === 'delete') rmSync(folder, { recursive: true, force: true });
      else {
        const archive = join(s.dataDir, 'archive', 'bbb');
        mkdirSync(archive, { recursive: true });
        renameSync(
          recording.sourcePath,
          join(archive, `${basename(folder)}${extname(recording.sourcePath)}`),
        );
        rmSync(folder, { recursive: true, force: true });
      }
    } catch (error) {
      s.record({
        level: 'error',
        kind: 'recordings.archiveFailed',
        subject: `recording:${String(recording.id)}`,
        text: bi(
          `The video is published but its download ${recording.sourcePath} could not be ${what}d: ${String(error)}`,
          `La vidéo est publiée mais son téléchargement ${recording.sourcePath} n'a pas pu être traité (${what}) : ${String(error)}`,
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
      s.events.emit('videos.changed', { video: toVideoView(video) });
      s.record({
        kind: 'videos.published',
        subject: `video:${String(video.id)}`,
        text: bi(
          `"${video.title}" published (${String(video.renditions.length)} files)`,
          `« ${video.title} » publiée (${String(video.renditions.length)} fichiers)`,
        ),
      });
      afterPublish(published);
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
