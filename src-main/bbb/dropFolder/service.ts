import { copyFileSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { bi } from '../../ground/errors';
import type { Services } from '../../kit/services';
import { resolveProgram } from '../../media';
import { checkMediaIntegrity } from '../../media/integrity';
import type { RecordingsRepository, StoredRecording } from '../../recorders/recordings/repository';
import type { BbbMeetingsRepository } from '../meetings/repository';
import type { BbbRecordingsRepository } from '../recordings/repository';

interface Seen {
  size: number;
  mtimeMs: number;
  /** Régie's clock when size and mtime last changed. */
  changedAt: number;
  /** Why it was left where it is, said once. */
  reported: string | null;
  busy: boolean;
  /** Failed the media check: not looked at again until it changes. */
  isBroken: boolean;
}

/**
 * Video files dropped in DEFAULT_BBB_PATH (bbb-recorder output, live recordings named
 * `<internal meeting id>.mkv`: pod-behaviour.md §6.4, §8.6.6) become videos of that meeting's
 * owner, with the recorder folders' rules: complete once unchanged for RECORDER_QUIET_SECONDS,
 * then checked (header and last seconds). The owner is whoever a publication of that meeting
 * chose, else its only known moderator; otherwise the file stays, and the journal says why (Pod's
 * cron crashed on such a file: §8.6.4).
 */
export function createBbbDropFolder(options: {
  s: Services;
  meetings: BbbMeetingsRepository;
  recordings: BbbRecordingsRepository;
  regieRecordings: RecordingsRepository;
  onRecording: (recording: StoredRecording) => void;
}) {
  const { s, meetings } = options;
  const seen = new Map<string, Seen>();
  const root = () => s.settings.getString('DEFAULT_BBB_PATH') || join(s.dataDir, 'bbb-recorder');

  const report = (path: string, entry: Seen, level: 'info' | 'warn', en: string, fr: string) => {
    if (entry.reported === en) return;
    entry.reported = en;
    s.record({
      level,
      kind: 'bbb.dropFileLeft',
      by: 'system',
      subject: `bbb-drop:${basename(path)}`,
      text: bi(en, fr),
    });
  };

  function files(dir: string): string[] {
    const out: string[] = [];
    const extensions = new Set(
      (s.settings.get('VIDEO_ALLOWED_EXTENSIONS') as string[]).map((e) => e.toLowerCase()),
    );
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        // bbb-recorder writes its logs there (Pod skips it too).
        if (entry.name !== 'logs') out.push(...files(path));
      } else if (entry.isFile() && extensions.has(extname(entry.name).slice(1).toLowerCase())) {
        out.push(path);
      }
    }
    return out;
  }

  /** Moves a file into Régie's work folder; across file systems, copies, checks, then unlinks. */
  function take(path: string, dest: string): void {
    mkdirSync(join(dest, '..'), { recursive: true });
    try {
      renameSync(path, dest);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      copyFileSync(path, dest);
      if (statSync(dest).size !== statSync(path).size) throw new Error(`copy of ${path} is short`);
      unlinkSync(path);
    }
  }

  async function handle(path: string, entry: Seen): Promise<void> {
    const internalId = basename(path, extname(path));
    const meeting = meetings.byInternalAnywhere(internalId);
    if (!meeting) {
      return report(
        path,
        entry,
        'warn',
        `${basename(path)} stays in ${root()}: no mirrored meeting has the internal id ${internalId}`,
        `${basename(path)} reste dans ${root()} : aucune réunion copiée n'a l'identifiant interne ${internalId}`,
      );
    }
    const published = options.recordings.byRecordId(internalId).find((r) => r.ownerId !== null);
    const moderators = meetings.moderatorUserIds(meeting.server_id, internalId);
    const ownerId = published?.ownerId ?? (moderators.length === 1 ? moderators[0] : undefined);
    if (ownerId === undefined || ownerId === null) {
      return report(
        path,
        entry,
        'warn',
        `${basename(path)} stays in ${root()}: "${meeting.name}" has ${String(moderators.length)} known moderators; publish its recording to one of them, or resolve the matching queue`,
        `${basename(path)} reste dans ${root()} : « ${meeting.name} » a ${String(moderators.length)} modérateurs reconnus ; publiez son enregistrement à l'un d'eux, ou traitez la file de correspondance`,
      );
    }
    const ffprobe = resolveProgram('ffprobe', { setting: s.settings.getString('FFPROBE_CMD') });
    const checked = await checkMediaIntegrity(path, { ffprobe });
    if (!checked.ok) {
      entry.isBroken = true;
      return report(
        path,
        entry,
        'warn',
        `${basename(path)} stays in ${root()}: ${checked.reason.en}`,
        `${basename(path)} reste dans ${root()} : ${checked.reason.fr}`,
      );
    }
    const dest = join(s.dataDir, 'work', 'bbb', internalId, basename(path));
    take(path, dest);
    seen.delete(path);
    const recording = options.regieRecordings.insert(
      {
        recorderId: null,
        fileId: null,
        ownerId,
        title: meeting.name || internalId,
        type: 'video',
        videoTypeId: s.settings.get('DEFAULT_BBB_TYPE_ID') as number,
        description: '',
        sourcePath: dest,
        mediaPath: null,
        slides: [],
        comment: `BigBlueButton ${meeting.server_name} ${internalId} (${basename(path)})`,
        createdBy: 'system',
      },
      s.now().toISOString(),
    );
    if (published)
      options.recordings.setPublication(
        published.id,
        { publication: 'encoding', recordingId: recording.id },
        s.now().toISOString(),
      );
    s.record({
      kind: 'bbb.dropFileTaken',
      by: 'system',
      subject: `recording:${String(recording.id)}`,
      text: bi(
        `${basename(path)} (meeting "${meeting.name}") is being encoded for its owner`,
        `${basename(path)} (réunion « ${meeting.name} ») est en cours d'encodage pour son propriétaire`,
      ),
    });
    options.onRecording(recording);
  }

  return {
    root,
    /** One look at the folder: new or changed files wait, quiet ones are handled. */
    async scan(): Promise<void> {
      const dir = root();
      mkdirSync(dir, { recursive: true });
      const now = s.now().getTime();
      const quietMs = (s.settings.get('RECORDER_QUIET_SECONDS') as number) * 1000;
      const present = new Set<string>();
      for (const path of files(dir)) {
        present.add(path);
        const { size, mtimeMs } = statSync(path);
        const entry = seen.get(path);
        if (!entry || entry.size !== size || entry.mtimeMs !== mtimeMs) {
          seen.set(path, {
            size,
            mtimeMs,
            changedAt: now,
            reported: entry?.reported ?? null,
            busy: false,
            isBroken: false,
          });
          continue;
        }
        if (size === 0 || entry.busy || entry.isBroken || now - entry.changedAt < quietMs) continue;
        entry.busy = true;
        try {
          await handle(path, entry);
        } catch (error) {
          report(
            path,
            entry,
            'warn',
            `${basename(path)}: ${String(error)}`,
            `${basename(path)} : ${String(error)}`,
          );
        } finally {
          entry.busy = false;
        }
      }
      for (const path of seen.keys()) if (!present.has(path)) seen.delete(path);
    },
  };
}
