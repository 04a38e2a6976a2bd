import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { PodPublishMode } from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';
import type { PodPatch, StoredVideo } from '../library/repository';
import { podVideoExtensions } from '../settings/definitions';
import type { UsersRepository } from '../users/repository';
import type { PodClient } from './http';
import { linkTo } from './links';
import type { PodRepository } from './repository';
import { multipartBody } from './upload';

type Json = Record<string, unknown>;

export interface PublishStep {
  client: PodClient;
  pod: PodRepository;
  users: UsersRepository;
  video: StoredVideo;
  mode: Exclude<PodPublishMode, 'off'>;
  fileChoice: 'source' | 'best_mp4';
  siteId: number | null;
  /** Writes the Pod fields on the video at once and returns it as stored. */
  save(patch: PodPatch): StoredVideo;
  progress(phase: 'lookup' | 'upload' | 'publish', percent?: number): void;
  signal?: AbortSignal;
}

/** The file a video is published with, and why when it is not the one asked for. */
export interface ChosenFile {
  path: string;
  name: string;
  size: number;
  contentType: string;
  note: string | null;
}

const types: Record<string, string> = {
  mp4: 'video/mp4',
  m4a: 'audio/mp4',
  mp3: 'audio/mpeg',
  mkv: 'video/x-matroska',
  webm: 'video/webm',
  mov: 'video/quicktime',
};

/**
 * The source (by default) or the best MP4 (issue #11 §3). The source is not used when it is gone
 * (archived or deleted after publication) or is not a media file Pod takes (an audiovideocast
 * ZIP); an audio-only video goes as its M4A or MP3.
 */
export function chooseFile(video: StoredVideo, choice: 'source' | 'best_mp4'): ChosenFile {
  const ext = extname(video.sourcePath).slice(1).toLowerCase();
  let note: string | null = null;
  if (choice === 'source') {
    if (existsSync(video.sourcePath) && (podVideoExtensions as string[]).includes(ext)) {
      return {
        path: video.sourcePath,
        name: basename(video.sourcePath),
        size: statSync(video.sourcePath).size,
        contentType: types[ext] ?? 'application/octet-stream',
        note,
      };
    }
    note = existsSync(video.sourcePath)
      ? `the source ${basename(video.sourcePath)} is not a media file Pod takes`
      : `the source ${video.sourcePath} is no longer there (archived or deleted after publication)`;
  }
  const best =
    [...video.renditions]
      .filter((r) => r.kind === 'mp4')
      .sort((a, b) => (b.height ?? 0) - (a.height ?? 0))[0] ??
    video.renditions.find((r) => r.kind === 'm4a') ??
    video.renditions.find((r) => r.kind === 'mp3');
  if (!best)
    throw new RegieError(
      'not_found',
      bi(
        `Video ${String(video.id)} has no MP4 or audio file to send to Pod.`,
        `La vidéo ${String(video.id)} n'a pas de fichier MP4 ou audio à envoyer à Pod.`,
      ),
    );
  const path = join(video.dir, best.file);
  const bestExt = extname(best.file).slice(1).toLowerCase();
  return {
    path,
    // Pod names its folder after the file: the title says more than "720p.mp4".
    name: `${slugName(video.title) || `video-${String(video.id)}`}.${bestExt}`,
    size: statSync(path).size,
    contentType: types[bestExt] ?? 'application/octet-stream',
    note,
  };
}

const slugName = (title: string) =>
  title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);

/** The line Régie adds to the description, found again after an upload cut before the answer. */
export const markerLine = (marker: string) => `[Régie ${marker}]`;

const descriptionOf = (video: StoredVideo, marker: string) =>
  `${video.description}${video.description ? '\n\n' : ''}${markerLine(marker)}`;

/** The Pod id of a video's owner: the mirror's, else Pod's users filtered by username. */
async function ownerPodId(step: PublishStep): Promise<number> {
  const known = step.pod.podIdOf(step.video.ownerId);
  if (known !== undefined) return known;
  const owner = step.users.byId(step.video.ownerId);
  const username = owner?.username ?? `#${String(step.video.ownerId)}`;
  if (owner) {
    const page = (await step.client.get(
      `/rest/users/?username=${encodeURIComponent(owner.username)}`,
      step.signal,
    )) as { results?: Json[] };
    const found = page.results?.find((u) => u.username === owner.username);
    if (typeof found?.id === 'number') {
      step.pod.setPodId(owner.id, found.id);
      return found.id;
    }
  }
  throw new RegieError(
    'conflict',
    bi(
      `The owner ${username} is not a user of Pod, so the video cannot be theirs there. Create ${username} in Pod (or let them log in once), mirror Pod, then publish again.`,
      `Le propriétaire ${username} n'est pas un utilisateur de Pod : la vidéo ne peut pas y être à lui. Créez ${username} dans Pod (ou qu'il s'y connecte une fois), recopiez Pod, puis publiez à nouveau.`,
    ),
  );
}

/**
 * A video Régie uploaded before with this marker, in the owner's Pod videos (owner, title, and
 * the marker line in the description): the upload reached Pod though its answer did not.
 */
async function findByMarker(
  step: PublishStep,
  ownerId: number,
  marker: string,
): Promise<Json | undefined> {
  let link: unknown = `/rest/videos/?owner=${String(ownerId)}`;
  while (typeof link === 'string') {
    const page = (await step.client.get(link, step.signal)) as { results?: Json[]; next?: unknown };
    const found = page.results?.find(
      (v) =>
        typeof v.description === 'string' &&
        v.description.includes(markerLine(marker)) &&
        v.title === step.video.title,
    );
    if (found) return found;
    link = page.next;
  }
  return undefined;
}

const pageUrl = (client: PodClient, slug: string) =>
  `${client.url}/video/${encodeURIComponent(slug)}/`;

/** The Pod fields of a video JSON as Pod answered it. */
export function podFieldsOf(client: PodClient, body: Json): PodPatch {
  const slug = typeof body.slug === 'string' ? body.slug : null;
  const step = typeof body.get_encoding_step === 'string' ? body.get_encoding_step : null;
  return {
    ...(typeof body.id === 'number' ? { videoId: body.id } : {}),
    slug,
    pageUrl: slug ? pageUrl(client, slug) : null,
    ...(typeof body.is_draft === 'boolean' ? { isDraft: body.is_draft } : {}),
    step: step === '' ? null : step,
  };
}

/**
 * One attempt at publishing (issue #11 §3–4). Each stage is stored as it completes, so a later
 * attempt starts where this one stopped: a Pod id means no upload again; a marker without an id
 * means an upload may have reached Pod, so Pod is searched before anything is sent.
 */
export async function publishOnce(step: PublishStep): Promise<StoredVideo> {
  const { client, signal } = step;
  let video = step.video;
  const owner = await ownerPodId(step);
  if (video.pod.videoId === null && video.podMarker !== null) {
    step.progress('lookup');
    const found = await findByMarker(step, owner, video.podMarker);
    if (found) video = step.save({ ...podFieldsOf(client, found), error: null });
  }
  if (video.pod.videoId === null) {
    const known = step.pod.hasType(video.videoTypeId);
    if (known === false)
      throw new RegieError(
        'validation',
        bi(
          `Video type ${String(video.videoTypeId)} does not exist in Pod. Choose one of Pod's types for the video (mirror Pod if it is new there).`,
          `Le type de vidéo ${String(video.videoTypeId)} n'existe pas dans Pod. Choisissez un des types de Pod pour la vidéo (recopiez Pod s'il y est nouveau).`,
        ),
      );
    const marker = video.podMarker ?? randomBytes(8).toString('hex');
    const file = chooseFile(video, step.fileChoice);
    const site = step.siteId ?? step.pod.firstSiteId() ?? 1;
    const date = video.createdAt.slice(0, 10);
    // Stored before the first byte leaves: from now on, a retry searches Pod first.
    video = step.save({ state: 'uploading', marker, error: null });
    step.progress('upload', 0);
    const body = multipartBody(
      [
        ['title', video.title],
        ['description', descriptionOf(video, marker)],
        ['owner', linkTo(client.url, 'users', owner)],
        ['type', linkTo(client.url, 'types', video.videoTypeId)],
        ['sites', linkTo(client.url, 'sites', site)],
        ['date_evt', date],
        // A multipart form without is_draft makes the video public (Pod 4.1, issue #11).
        ['is_draft', step.mode === 'public' ? 'false' : 'true'],
      ],
      { field: 'video', ...file },
      (sent) => step.progress('upload', (100 * sent) / Math.max(1, file.size)),
    );
    const answer = (await client.upload(
      '/rest/videos/',
      `upload of ${file.name}`,
      body,
      signal,
    )) as Json;
    video = step.save({ ...podFieldsOf(client, answer), error: null });
    if (video.pod.videoId === null)
      throw new RegieError(
        'remote',
        bi(
          `Pod accepted the upload of ${file.name} but its answer has no video id.`,
          `Pod a accepté l'envoi de ${file.name} mais sa réponse n'a pas d'id de vidéo.`,
        ),
      );
  }
  if (video.pod.state === 'encoding' || video.pod.state === 'encoded') return video;
  step.progress('publish');
  const slug = video.podSlug;
  if (!slug)
    throw new RegieError(
      'remote',
      bi('Pod gave the video no slug.', "Pod n'a pas donné de slug à la vidéo."),
    );
  const launched = (await client.get(
    `/rest/launch_encode_view/?slug=${encodeURIComponent(slug)}`,
    signal,
  )) as Json;
  // It answers at once with the video as it was; the steps come with the next reads.
  const fields = podFieldsOf(client, launched);
  return step.save({ ...fields, state: 'encoding', step: fields.step ?? null, error: null });
}

/** Pod's state of a published video, read again: encoding, encoded, or failed (step -1). */
export async function readPodState(
  client: PodClient,
  podVideoId: number,
  signal?: AbortSignal,
): Promise<PodPatch> {
  const body = (await client.get(`/rest/videos/${String(podVideoId)}/`, signal)) as Json;
  const fields = podFieldsOf(client, body);
  const step = fields.step ?? '';
  const failed = /^\s*-1\s*:/.test(step);
  return {
    ...fields,
    state: body.encoded === true ? 'encoded' : failed ? 'failed' : 'encoding',
    error: failed
      ? bi(
          `Pod's encoding failed: ${step}. See the video's encoding in Pod's admin.`,
          `L'encodage de Pod a échoué : ${step}. Voir l'encodage de la vidéo dans l'admin de Pod.`,
        )
      : null,
  };
}
