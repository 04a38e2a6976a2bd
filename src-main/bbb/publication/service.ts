import { mkdir, readdir, readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { dirname, join } from 'node:path';
import type { BbbRecordingView } from '../../../src-preload/contract';
import { bi, RegieError } from '../../ground/errors';
import type { Services } from '../../kit/services';
import type { JobContext, JobQueue } from '../../jobs';
import { resolveProgram } from '../../media';
import { checkMediaIntegrity } from '../../media/integrity';
import type { RecordingsRepository, StoredRecording } from '../../recordings/repository';
import type { BbbRecordingsRepository, StoredBbbRecording } from '../recordings/repository';
import { downloadResumable } from '../../net/download';
import { convertRecording } from '../../presentation/convert';
import { siteConvertOptions } from '../../presentation/siteSettings';
import { etaSeconds, overallFraction } from '../../presentation/methods/eta';

/** The file of BBB's `video` format (bbb.md §0.9): `…/playback/video/<rid>/video-0.m4v`. */
export function videoFileUrl(formatUrl: string): string {
  return formatUrl.endsWith('.m4v') || formatUrl.endsWith('.mp4')
    ? formatUrl
    : `${formatUrl.replace(/\/+$/, '')}/video-0.m4v`;
}

/** The title a recording is published under: what its front end named it, else BBB's name. */
const titleOf = (r: StoredBbbRecording): string =>
  (r.metadata['bbb-recording-name'] || r.name || r.metadata.meetingname || r.recordId).slice(
    0,
    250,
  );

/**
 * Publication of a BBB recording to one of its moderators (issue #5 §6, Pod v2's `bbb main`
 * done right). A `video` format is downloaded (resumable, then checked like any recording) and
 * becomes a Régie recording that the encode pipeline turns into a library video under that
 * owner. A presentation-only recording is converted to video first (issue #10: BBB's player
 * files drawn by presentation/convert.ts), then goes the same way.
 */
export function createBbbPublication(options: {
  s: Services;
  recordings: BbbRecordingsRepository;
  regieRecordings: RecordingsRepository;
  jobs: () => JobQueue;
  onRecording: (recording: StoredRecording) => void;
}) {
  const { s, recordings } = options;
  const at = () => s.now().toISOString();

  const requireRecording = (id: number): StoredBbbRecording => {
    const r = recordings.byId(id);
    if (!r)
      throw new RegieError(
        'not_found',
        bi(`No BBB recording with id ${String(id)}`, `Aucun enregistrement BBB d'id ${String(id)}`),
      );
    return r;
  };

  const emit = (id: number) => {
    const view = recordings.byId(id);
    if (view) s.events.emit('bbbRecordings.changed', { items: [view] });
  };

  /**
   * Publishes `id` to `username`, who must be a matched moderator of its meeting. Refused, with
   * the reason, for a recording already on its way, one whose meeting Régie never saw a
   * moderator of, or an owner who was not one.
   */
  async function publish(
    id: number,
    username: string,
    by: 'operator' | 'rule' = 'operator',
  ): Promise<BbbRecordingView> {
    const r = requireRecording(id);
    if (r.publication !== 'none' && r.publication !== 'failed') {
      throw new RegieError(
        'conflict',
        bi(
          `${r.recordId} is already ${r.publication.replace('_', ' ')}`,
          `${r.recordId} est déjà en cours ou publié (${r.publication})`,
        ),
      );
    }
    const owner = s.users.byUsername(username);
    if (!owner)
      throw new RegieError(
        'not_found',
        bi(`No user "${username}"`, `Aucun utilisateur « ${username} »`),
        {
          fieldErrors: { owner: bi('unknown user', 'utilisateur inconnu') },
        },
      );
    if (r.moderatorUserIds.length === 0) {
      throw new RegieError(
        'conflict',
        bi(
          `No matched moderator for ${r.recordId}: Régie did not see its meeting run, or its moderators wait in the matching queue`,
          `Aucun modérateur reconnu pour ${r.recordId} : Régie n'a pas vu la réunion, ou ses modérateurs attendent dans la file de correspondance`,
        ),
      );
    }
    if (!r.moderatorUserIds.includes(owner.id)) {
      const names = r.moderatorUserIds
        .map((uid) => s.users.list().find((u) => u.id === uid)?.username ?? String(uid))
        .join(', ');
      throw new RegieError(
        'validation',
        bi(
          `${username} did not moderate this meeting; its moderators are ${names}`,
          `${username} n'a pas animé cette réunion ; ses modérateurs sont ${names}`,
        ),
        { fieldErrors: { owner: bi(`one of ${names}`, `un de ${names}`) } },
      );
    }
    const convertible = r.formats.some((f) => f.type === 'video' || f.type === 'presentation');
    if (!convertible) {
      recordings.setPublication(
        id,
        { publication: 'awaiting_conversion', ownerId: owner.id },
        at(),
      );
      s.record({
        kind: 'bbb.awaitingConversion',
        ...(by === 'rule' ? { by: 'system' as const } : {}),
        subject: `bbb-recording:${String(id)}`,
        text: bi(
          `"${r.name}" (${r.recordId}) has neither a video nor a presentation format: nothing to convert, for ${owner.username}`,
          `« ${r.name} » (${r.recordId}) n'a ni format vidéo ni format presentation : rien à convertir, pour ${owner.username}`,
        ),
      });
    } else {
      recordings.setPublication(id, { publication: 'queued', ownerId: owner.id }, at());
      await options
        .jobs()
        .enqueue('bbbPublish', `bbb-recording:${String(id)}`, { bbbRecordingId: id });
      s.record({
        kind: 'bbb.publishQueued',
        ...(by === 'rule' ? { by: 'system' as const } : {}),
        subject: `bbb-recording:${String(id)}`,
        text: bi(
          `"${r.name}" (${r.recordId}) queued for publication to ${owner.username}${by === 'rule' ? ' (automatic rule)' : ''}`,
          `« ${r.name} » (${r.recordId}) mis en file de publication pour ${owner.username}${by === 'rule' ? ' (règle automatique)' : ''}`,
        ),
      });
    }
    emit(id);
    return requireRecording(id);
  }

  /**
   * A presentation-only recording drawn to video from its player files (issue #10), with the
   * site's size, layout and chat settings; what it had to leave out goes to the journal.
   */
  async function convertPresentation(
    ctx: JobContext,
    r: StoredBbbRecording,
    playbackUrl: string,
    dest: string,
  ): Promise<void> {
    await mkdir(dirname(dest), { recursive: true });
    let last = 0;
    const started = Date.now();
    const previews = previewSaver(previewDir(r.recordId));
    const result = await convertRecording({
      source: { playbackUrl },
      method: 'auto',
      out: dest,
      workRoot: join(s.dataDir, 'work'),
      ...siteConvertOptions(s.settings),
      signal: ctx.signal,
      onProgress: (p) => {
        if (p.phase === 'render' && p.previewPng) previews(p.percent, p.previewPng, p.previewBox);
        if (Date.now() - last < 250 && p.percent < 100) return;
        last = Date.now();
        const etaS = etaSeconds(overallFraction(p.phase, p.percent), (Date.now() - started) / 1000);
        ctx.progress({
          phase: p.phase === 'encode' ? 'compose' : p.phase,
          percent: p.percent,
          ...(etaS !== undefined ? { etaS } : {}),
        });
      },
      onCommand: (command) => ctx.recordCommand(command),
    });
    if (result.warnings.length > 0) {
      s.record({
        kind: 'bbb.convertWarnings',
        by: 'system',
        subject: `bbb-recording:${String(r.id)}`,
        text: bi(
          `"${r.name}" (${r.recordId}) converted with ${String(result.warnings.length)} warning(s): ${result.warnings.map((w) => `${w.file}: ${w.en}`).join(' ')}`,
          `« ${r.name} » (${r.recordId}) converti avec ${String(result.warnings.length)} avertissement(s) : ${result.warnings.map((w) => `${w.file} : ${w.fr}`).join(' ')}`,
        ),
      });
    }
  }

  /** Where a conversion keeps its preview pictures (kept after the job, for the panel). */
  const previewDir = (recordId: string): string => join(s.dataDir, 'work', 'bbb-preview', recordId);

  /**
   * The first pictures of a conversion as small JPEGs (issue #10 §8: "the first frames as a
   * preview"): the first picture drawn, then one per quarter of the drawing.
   */
  function previewSaver(
    dir: string,
  ): (percent: number, png: string, box?: { x: number; y: number; w: number; h: number }) => void {
    let next = 0;
    return (percent, png, box) => {
      if (next > 3 || percent < next * 25) return;
      const file = join(dir, `${String(next).padStart(2, '0')}.jpg`);
      next++;
      void mkdir(dir, { recursive: true })
        .then(() => {
          const picture = sharp(png);
          // The slide area only: the webcam strip and the chat are laid over later by ffmpeg.
          if (box) picture.extract({ left: box.x, top: box.y, width: box.w, height: box.h });
          return picture.resize({ width: 320 }).jpeg({ quality: 70 }).toFile(file);
        })
        // A preview that cannot be made only leaves the panel without it.
        .catch(() => undefined);
    };
  }

  /** The preview pictures of a recording's conversion, as data URLs, oldest first. */
  async function previews(id: number): Promise<{ frames: string[] }> {
    const r = requireRecording(id);
    const dir = previewDir(r.recordId);
    const names = await readdir(dir).catch(() => [] as string[]);
    const frames = await Promise.all(
      names
        .filter((n) => /^\d\d\.jpg$/.test(n))
        .sort()
        .map(
          async (n) =>
            `data:image/jpeg;base64,${(await readFile(join(dir, n))).toString('base64')}`,
        ),
    );
    return { frames };
  }

  /** The `bbbPublish` job: download, check, hand over to the encode pipeline. */
  async function runJob(ctx: JobContext): Promise<void> {
    const { bbbRecordingId } = ctx.job.payload as { bbbRecordingId: number };
    const r = requireRecording(bbbRecordingId);
    const video = r.formats.find((f) => f.type === 'video');
    const presentation = r.formats.find((f) => f.type === 'presentation');
    if ((!video && !presentation) || r.ownerId === null)
      throw new Error(`${r.recordId} has no video or presentation format, or no owner`);
    const dest = join(
      s.dataDir,
      'work',
      'bbb',
      r.recordId,
      video ? 'video-0.m4v' : 'presentation.mp4',
    );
    recordings.setPublication(bbbRecordingId, { publication: 'downloading' }, at());
    emit(bbbRecordingId);
    try {
      if (video) {
        ctx.progress({ phase: 'download', percent: 0 });
        let last = 0;
        await downloadResumable({
          url: videoFileUrl(video.url),
          dest,
          signal: ctx.signal,
          onProgress: (received, total) => {
            if (total === null || Date.now() - last < 250) return;
            last = Date.now();
            ctx.progress({ phase: 'download', percent: (received / total) * 100 });
          },
        });
      } else if (presentation) {
        await convertPresentation(ctx, r, presentation.url, dest);
      }
      ctx.progress({ phase: 'verify' });
      const ffprobe = resolveProgram('ffprobe', { setting: s.settings.getString('FFPROBE_CMD') });
      const checked = await checkMediaIntegrity(dest, { ffprobe, signal: ctx.signal });
      if (!checked.ok) {
        throw new RegieError(
          'validation',
          bi(
            `The downloaded video of ${r.recordId} is not usable: ${checked.reason.en}`,
            `La vidéo téléchargée de ${r.recordId} est inutilisable : ${checked.reason.fr}`,
          ),
        );
      }
      const recording = options.regieRecordings.insert(
        {
          recorderId: null,
          fileId: null,
          ownerId: r.ownerId,
          title: titleOf(r),
          type: 'video',
          videoTypeId: s.settings.get('DEFAULT_BBB_TYPE_ID'),
          description: r.metadata['bbb-recording-description'] ?? '',
          sourcePath: dest,
          mediaPath: null,
          slides: [],
          comment: `BigBlueButton ${r.serverName} ${r.recordId}`,
          createdBy: s.operator.actor(),
        },
        at(),
      );
      recordings.setPublication(
        bbbRecordingId,
        { publication: 'encoding', recordingId: recording.id },
        at(),
      );
      emit(bbbRecordingId);
      options.onRecording(recording);
    } catch (error) {
      if (!ctx.signal.aborted) {
        const message = error instanceof RegieError ? error.text.en : (error as Error).message;
        recordings.setPublication(bbbRecordingId, { publication: 'failed', error: message }, at());
        emit(bbbRecordingId);
      }
      throw error;
    }
  }

  return { publish, runJob, emit, previews };
}

export type BbbPublication = ReturnType<typeof createBbbPublication>;
