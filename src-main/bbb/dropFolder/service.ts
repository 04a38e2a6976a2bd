import { join } from 'node:path';
import { bi } from '../../ground/errors';
import type { Services } from '../../kit/services';
import type { DropRoot } from '../../drop/dropService';
import type {
  FilePatch,
  RecorderFilesRepository,
  StoredFile,
} from '../../drop/recorderFilesRepository';
import { baseName } from '../../drop/walk';
import type { RecordingsRepository, StoredRecording } from '../../recordings/repository';
import type { BbbMeetingsRepository } from '../meetings/repository';
import type { BbbRecordingsRepository } from '../recordings/repository';

/** The origin of DEFAULT_BBB_PATH's files in recorder_files (beside `local` and `sftp:<id>`). */
export const bbbDropOrigin = 'bbb';

/**
 * DEFAULT_BBB_PATH (bbb-recorder output, live recordings named `<internal meeting id>.mkv`:
 * pod-behaviour.md §6.4, §8.6.6) as a root of the recorders' drop tracker: complete once unchanged
 * for RECORDER_QUIET_SECONDS and checked (header and last seconds), then a video of that meeting's
 * owner. The owner is whoever a publication of that meeting chose, else its only known moderator;
 * otherwise the file waits (`unknown`), the journal says why once (Pod's cron crashed on such a
 * file: §8.6.4), and `retry` looks again after each poll. The file stays where it is until its
 * video is verified; the library's after-publish path then archives, deletes or keeps it.
 */
export function createBbbDropRoot(options: {
  s: Services;
  files: RecorderFilesRepository;
  meetings: BbbMeetingsRepository;
  recordings: BbbRecordingsRepository;
  regieRecordings: RecordingsRepository;
  changed: (file: StoredFile) => void;
  onRecording: (recording: StoredRecording) => void;
}) {
  const { s, files, meetings } = options;
  const path = () => s.settings.getString('DEFAULT_BBB_PATH') || join(s.dataDir, 'bbb-recorder');
  const extensions = () =>
    new Set(s.settings.get('VIDEO_ALLOWED_EXTENSIONS').map((e) => e.toLowerCase()));
  const update = (file: StoredFile, patch: FilePatch) => {
    const next = files.update(file.id, patch, s.now().toISOString());
    options.changed(next);
    return next;
  };

  /** The file waits in the folder; the journal says why when the reason is new. */
  const wait = (file: StoredFile, en: string, fr: string) => {
    if (file.status === 'unknown' && file.reason?.en === en) return;
    update(file, { status: 'unknown', reason: bi(en, fr) });
    s.record({
      level: 'warn',
      kind: 'bbb.dropFileLeft',
      by: 'system',
      subject: `bbb-drop:${file.fileName}`,
      text: bi(
        `${file.fileName} stays in ${path()}: ${en}`,
        `${file.fileName} reste dans ${path()} : ${fr}`,
      ),
    });
  };

  async function route(file: StoredFile): Promise<void> {
    const internalId = file.fileName.slice(0, file.fileName.lastIndexOf('.'));
    const meeting = meetings.byInternalAnywhere(internalId);
    if (!meeting) {
      return wait(
        file,
        `no mirrored meeting has the internal id ${internalId}`,
        `aucune réunion copiée n'a l'identifiant interne ${internalId}`,
      );
    }
    const published = options.recordings.byRecordId(internalId).find((r) => r.ownerId !== null);
    const moderators = meetings.moderatorUserIds(meeting.server_id, internalId);
    const ownerId = published?.ownerId ?? (moderators.length === 1 ? moderators[0] : undefined);
    if (ownerId === undefined || ownerId === null) {
      return wait(
        file,
        `"${meeting.name}" has ${String(moderators.length)} known moderators; publish its recording to one of them, or resolve the matching queue`,
        `« ${meeting.name} » a ${String(moderators.length)} modérateurs reconnus ; publiez son enregistrement à l'un d'eux, ou traitez la file de correspondance`,
      );
    }
    const at = s.now().toISOString();
    const recording = options.regieRecordings.insert(
      {
        recorderId: null,
        fileId: file.id,
        ownerId,
        title: meeting.name || internalId,
        type: 'video',
        videoTypeId: s.settings.get('DEFAULT_BBB_TYPE_ID'),
        description: '',
        // Encoded where it lies: moved or removed only once its video is verified.
        sourcePath: file.localPath,
        mediaPath: null,
        slides: [],
        comment: `BigBlueButton ${meeting.server_name} ${internalId} (${file.fileName})`,
        createdBy: 'system',
      },
      at,
    );
    update(file, { status: 'queued', reason: null, recordingId: recording.id });
    if (published)
      options.recordings.setPublication(
        published.id,
        { publication: 'encoding', recordingId: recording.id },
        at,
      );
    s.record({
      kind: 'bbb.dropFileTaken',
      by: 'system',
      subject: `recording:${String(recording.id)}`,
      text: bi(
        `${file.fileName} (meeting "${meeting.name}") is being encoded for its owner`,
        `${file.fileName} (réunion « ${meeting.name} ») est en cours d'encodage pour son propriétaire`,
      ),
    });
    options.onRecording(recording);
  }

  const root: DropRoot = {
    origin: bbbDropOrigin,
    path,
    isCreated: true,
    // bbb-recorder writes its logs in `logs/` (Pod skips it too); videos only, no ZIP.
    accepts: (relPath) => {
      const name = baseName(relPath);
      const dot = name.lastIndexOf('.');
      return (
        !relPath.split('/').slice(0, -1).includes('logs') &&
        dot > 0 &&
        extensions().has(name.slice(dot + 1).toLowerCase())
      );
    },
    route,
  };

  return {
    root,
    /** Files waiting for their meeting or owner: a poll or a publication may have named them. */
    async retry(): Promise<void> {
      for (const file of files.list(['unknown'])) {
        if (file.origin === bbbDropOrigin) await route(file);
      }
    },
  };
}
