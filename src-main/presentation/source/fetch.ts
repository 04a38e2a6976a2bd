import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import { asRegieError, bi, RegieError } from '../../ground/errors';
import { DownloadError, downloadResumable } from '../../net/download';
import {
  captionFiles,
  DESKSHARE_CANDIDATES,
  hasDeskshareEvents,
  kindOf,
  OPTIONAL_FILES,
  scanShapesImages,
  WEBCAM_CANDIDATES,
} from './assets';
import { isComplete, loadManifest, manifestWriter, type Manifest } from './manifest';
import { runPool } from '../../ground/pool';
import {
  deskshareMissingWarning,
  missingImageWarning,
  refusedHrefWarning,
  silentWarning,
  fetchCancelled,
  type RecordingFiles,
} from './result';

export interface FetchProgress {
  /** Bytes received by this run (files already complete count for nothing). */
  bytes: number;
  filesDone: number;
  /** Grows once shapes.svg is read and its slide images are known. */
  filesTotal: number;
}

export interface FetchRecordingOptions {
  /** `<origin>/presentation/<recordId>/`, from `parsePlaybackUrl` or a registered server. */
  baseUrl: string;
  /** The recording's cache folder, e.g. `<data>/work/presentation-<recordId>/`. */
  dir: string;
  signal?: AbortSignal;
  concurrency?: number;
  onProgress?: (progress: FetchProgress) => void;
  dispatcher?: Dispatcher;
  /** No byte for this long fails the file (it resumes next run). Default 60 s. */
  idleTimeoutMs?: number;
  /** XML, JSON, SVG and images above this are refused. Default 200 MB. */
  maxTextBytes?: number;
  /** Webcams and screen-share videos above this are refused. Default 20 GB. */
  maxMediaBytes?: number;
}

const MB = 1024 * 1024;

/**
 * Downloads a published presentation recording (bbb.md §2) into `dir`: metadata.xml first (a 404
 * there means no such recording), then shapes.svg and every optional file (a 404 = that feature
 * is absent), then the media and the images shapes.svg names. Resumable (`.part` + Range, via
 * `downloadResumable`), and a second run asks the server nothing (`manifest.json`). A cancel
 * stops every download at once and keeps the `.part` files.
 */
export async function fetchRecording(options: FetchRecordingOptions): Promise<RecordingFiles> {
  try {
    return await fetchInto(options);
  } catch (error) {
    if (options.signal?.aborted) throw fetchCancelled();
    throw error;
  }
}

async function fetchInto(options: FetchRecordingOptions): Promise<RecordingFiles> {
  const baseUrl = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const { host } = new URL(baseUrl);
  const recordId = baseUrl.replace(/\/$/, '').split('/').pop() ?? '';
  const { dir, signal } = options;
  await mkdir(dir, { recursive: true });
  const manifest = await loadManifest(dir, baseUrl);
  const saveManifest = manifestWriter(dir, manifest);
  const progress: FetchProgress = { bytes: 0, filesDone: 0, filesTotal: 2 + OPTIONAL_FILES.length };
  const report = () => options.onProgress?.({ ...progress });
  const result: RecordingFiles = { files: [], missing: [], warnings: [] };
  const fetchOne = makeFetcher({
    ...options,
    baseUrl,
    host,
    manifest,
    saveManifest,
    progress,
    report,
  });
  const concurrency = Math.max(1, options.concurrency ?? 4);

  const settle = (path: string, found: boolean) => {
    (found ? result.files : result.missing).push(path);
    progress.filesDone += 1;
    report();
  };

  if (!(await fetchOne('metadata.xml', signal))) {
    throw new RegieError(
      'not_found',
      bi(
        `There is no presentation recording ${recordId} on ${host} (metadata.xml: 404). Check the link or the record id; the recording may have been deleted or unpublished.`,
        `Il n'y a pas d'enregistrement de présentation ${recordId} sur ${host} (metadata.xml : 404). Vérifiez le lien ou l'identifiant ; l'enregistrement a pu être supprimé ou dépublié.`,
      ),
      { detail: `404 ${baseUrl}metadata.xml` },
    );
  }
  settle('metadata.xml', true);

  await runPool(
    ['shapes.svg', ...OPTIONAL_FILES],
    concurrency,
    signal,
    async (path, s) => {
      const found = await fetchOne(path, s);
      if (!found && path === 'shapes.svg')
        throw new RegieError(
          'not_found',
          bi(
            `The recording ${recordId} on ${host} has no shapes.svg: it is not a presentation recording, or its publication is broken.`,
            `L'enregistrement ${recordId} sur ${host} n'a pas de shapes.svg : ce n'est pas un enregistrement de présentation, ou sa publication est cassée.`,
          ),
          { detail: `404 ${baseUrl}shapes.svg` },
        );
      settle(path, found);
    },
    fetchCancelled,
  );

  // Phase two: what the files just fetched call for.
  const refs = await scanShapesImages(join(dir, 'shapes.svg'));
  for (const href of refs.refused) result.warnings.push(refusedHrefWarning(href));
  const chains: (readonly string[])[] = [WEBCAM_CANDIDATES];
  if (
    result.files.includes('deskshare.xml') &&
    (await hasDeskshareEvents(join(dir, 'deskshare.xml')))
  )
    chains.push(DESKSHARE_CANDIDATES);
  const captions = result.files.includes('captions.json')
    ? await captionFiles(join(dir, 'captions.json'))
    : [];
  const named = new Set(chains.flat());
  const images = refs.paths.filter((p) => !named.has(p));
  const tasks = [...chains, ...captions.map((p) => [p]), ...images.map((p) => [p])];
  progress.filesTotal = progress.filesDone + tasks.length;
  report();

  await runPool(
    tasks,
    concurrency,
    signal,
    async (candidates, s) => {
      for (const path of candidates) {
        if (await fetchOne(path, s)) {
          settle(path, true);
          return;
        }
      }
      const first = candidates[0] ?? '';
      result.missing.push(...candidates.slice(1));
      settle(first, false);
      if (candidates === WEBCAM_CANDIDATES) result.warnings.push(silentWarning);
      else if (candidates === DESKSHARE_CANDIDATES) result.warnings.push(deskshareMissingWarning);
      else if (!captions.includes(first)) result.warnings.push(missingImageWarning(first));
    },
    fetchCancelled,
  );
  // Downloads finish in any order; the answer lists files in the order of the plan.
  const plan = new Map(
    ['metadata.xml', 'shapes.svg', ...OPTIONAL_FILES, ...tasks.flat()].map((p, i) => [p, i]),
  );
  const byPlan = (a: string, b: string) => (plan.get(a) ?? 0) - (plan.get(b) ?? 0);
  return { ...result, files: result.files.sort(byPlan), missing: result.missing.sort(byPlan) };
}

interface FetcherContext extends FetchRecordingOptions {
  baseUrl: string;
  host: string;
  manifest: Manifest;
  saveManifest: () => Promise<void>;
  progress: FetchProgress;
  report: () => void;
}

/** One file: true when it is now on disk, false on a 404 (an absent feature). */
function makeFetcher(ctx: FetcherContext) {
  const idle = ctx.idleTimeoutMs ?? 60_000;
  return async (path: string, signal: AbortSignal | undefined): Promise<boolean> => {
    if (await isComplete(ctx.dir, ctx.manifest, path)) return true;
    if (ctx.manifest.absent.includes(path)) return false;
    const isMedia = kindOf(path) === 'media';
    const limit = isMedia ? (ctx.maxMediaBytes ?? 20 * 1024 * MB) : (ctx.maxTextBytes ?? 200 * MB);
    const over = new AbortController();
    const dest = join(ctx.dir, path);
    // Bytes of an earlier run's .part were not received now; a server ignoring the Range
    // restarts at zero, seen as `received` going below them.
    let counted = await stat(`${dest}.part`).then(
      (st) => st.size,
      () => 0,
    );
    try {
      const { bytes } = await downloadResumable({
        url: new URL(path, ctx.baseUrl).href,
        dest,
        signal: signal ? AbortSignal.any([signal, over.signal]) : over.signal,
        idleTimeoutMs: idle,
        ...(ctx.dispatcher ? { dispatcher: ctx.dispatcher } : {}),
        onProgress: (received, total) => {
          if ((total ?? received) > limit) over.abort();
          if (received < counted) counted = 0;
          ctx.progress.bytes += received - counted;
          counted = received;
          ctx.report();
        },
      });
      if (bytes > limit) {
        // The abort lost the race with a fast server: the file is whole but still refused.
        await rm(dest, { force: true });
        throw tooBig(path, ctx.host, limit);
      }
      ctx.manifest.complete[path] = bytes;
    } catch (error) {
      if (error instanceof DownloadError && error.status === 404) {
        ctx.manifest.absent.push(path);
        await ctx.saveManifest();
        return false;
      }
      if (
        over.signal.aborted ||
        (error instanceof RegieError && error.detail?.startsWith('size limit'))
      ) {
        // It will never fit: a resume would only fetch more of it.
        await rm(`${dest}.part`, { force: true });
        throw tooBig(path, ctx.host, limit);
      }
      if (signal?.aborted) throw signal.reason;
      throw describe(error, path, ctx.host, idle);
    }
    await ctx.saveManifest();
    return true;
  };
}

const tooBig = (path: string, host: string, limit: number) => {
  const size = limit >= 1024 * MB ? `${String(limit / 1024 / MB)} GB` : `${String(limit / MB)} MB`;
  return new RegieError(
    'remote',
    bi(
      `${path} from ${host} is larger than ${size}, more than any BigBlueButton recording holds: refused.`,
      `${path} venant de ${host} dépasse ${size}, plus qu'aucun enregistrement BigBlueButton n'en contient : refusé.`,
    ),
    { detail: `size limit ${String(limit)} bytes` },
  );
};

function describe(error: unknown, path: string, host: string, idleMs: number): unknown {
  if (error instanceof RegieError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  const detail = error instanceof Error ? `${code} ${error.message}`.trim() : String(error);
  if (code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') {
    const s = String(Math.round(idleMs / 100) / 10);
    return new RegieError(
      'remote',
      bi(
        `${path} from ${host} stalled: no data for ${s} s. Retry later; the download resumes where it stopped.`,
        `${path} venant de ${host} est bloqué : aucune donnée depuis ${s} s. Réessayez plus tard ; le téléchargement reprendra où il s'est arrêté.`,
      ),
      { detail },
    );
  }
  const known = asRegieError(error);
  if (known instanceof RegieError) return known;
  return new RegieError(
    'remote',
    bi(
      `${path} from ${host} broke off (${detail}). Retry; the download resumes where it stopped.`,
      `${path} venant de ${host} s'est interrompu (${detail}). Réessayez ; le téléchargement reprendra où il s'est arrêté.`,
    ),
    { detail },
  );
}
