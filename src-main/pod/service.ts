import { setTimeout as sleep } from 'node:timers/promises';
import type {
  PodMirrorReport,
  PodPublishMode,
  PodStatusView,
  PodTestReport,
  Video,
} from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';
import { messageOf } from '../ground/wording';
import type { JobContext, JobQueue } from '../jobs';
import type { Services } from '../kit/services';
import { toVideoView, type PodPatch, type VideosRepository } from '../library/repository';
import { testPod } from './check';
import { isTransient, PodError } from './errors';
import { createPodClient, type PodClient, type PodConfig } from './http';
import { failedMirror, mirrorPod } from './mirror';
import { publishOnce, readPodState } from './publish';
import { createPodRepository } from './repository';

export interface PodServiceOptions {
  s: Services;
  videos: VideosRepository;
  jobs: () => JobQueue;
  /** Waits between publish attempts after a network failure (tests shorten them). */
  retryDelaysMs?: readonly number[];
  /** Pages fetched at once per list while mirroring. */
  mirrorConcurrency?: number;
}

const defaultRetryDelaysMs = [5_000, 30_000, 120_000];
const TICK_MS = 5_000;

/**
 * The Pod connector (issue #11): the connection test, the mirror (on demand and every
 * POD_MIRROR_MINUTES), the publication of verified videos as `podPublish` jobs, and the follow
 * of Pod's encoding of what was published.
 */
export function createPodService(options: PodServiceOptions) {
  const { s, videos } = options;
  const repo = createPodRepository(s.db);
  const retryDelays = options.retryDelaysMs ?? defaultRetryDelaysMs;
  const iso = () => s.now().toISOString();
  let mirroring: Promise<PodMirrorReport> | undefined;
  let ticker: NodeJS.Timeout | undefined;
  let lastFollow = 0;
  let following: Promise<void> | undefined;
  const stopping = new AbortController();

  const config = (): PodConfig | undefined => {
    const url = s.settings.getString('POD_URL').trim();
    const token = s.settings.getString('POD_TOKEN').trim();
    if (url === '' || token === '') return undefined;
    return {
      url,
      token,
      tlsVerify: s.settings.get('POD_TLS_VERIFY'),
      timeoutMs: Math.max(1, s.settings.get('POD_TIMEOUT_SECONDS')) * 1000,
      language: s.settings.getString('LANGUAGE_CODE').startsWith('en') ? 'en' : 'fr',
    };
  };
  const requireConfig = (): PodConfig => {
    const found = config();
    if (found) return found;
    throw new PodError({ failure: 'config', action: 'connect', url: '(POD_URL)' });
  };
  const clientFor = (c: PodConfig): PodClient => {
    try {
      new URL(c.url);
    } catch {
      throw new RegieError(
        'validation',
        bi(
          `POD_URL "${c.url}" is not an address. Write it as https://pod.univ.fr.`,
          `POD_URL « ${c.url} » n'est pas une adresse. Écrivez-la https://pod.univ.fr.`,
        ),
      );
    }
    return createPodClient(c);
  };
  async function withClient<T>(work: (client: PodClient, c: PodConfig) => Promise<T>): Promise<T> {
    const c = requireConfig();
    const client = clientFor(c);
    try {
      return await work(client, c);
    } finally {
      await client.close();
    }
  }

  const publishMode = (): PodPublishMode => {
    const value = s.settings.getString('POD_PUBLISH');
    return value === 'off' || value === 'public' ? value : 'draft';
  };
  const status = (): PodStatusView => {
    const c = config();
    const byState: PodStatusView['videosByState'] = {};
    for (const { state, n } of videos.podCounts()) byState[state] = n;
    return {
      configured: c !== undefined,
      url: s.settings.getString('POD_URL'),
      tlsVerify: s.settings.get('POD_TLS_VERIFY'),
      publishMode: publishMode(),
      mirrorMinutes: s.settings.get('POD_MIRROR_MINUTES'),
      isMirroring: mirroring !== undefined,
      lastTest: repo.lastTest(),
      lastMirror: repo.lastMirror(),
      counts: repo.counts(),
      videosByState: byState,
    };
  };
  const statusChanged = () => s.events.emit('pod.changed', status());
  // Settings → Pod shows whether Pod is configured, its URL, TLS and publish mode: a POD_*
  // setting saved there must redraw it at once, not at the next test or mirror.
  s.events.on('settings.changed', ({ items }) => {
    if (items.some((setting) => setting.key.startsWith('POD_'))) statusChanged();
  });

  const saveVideo = (id: number, patch: PodPatch) => {
    const video = videos.setPod(id, patch, iso());
    s.events.emit('videos.changed', { items: [toVideoView(video)] });
    return video;
  };
  const findVideo = (id: number) => {
    const video = videos.byId(id);
    if (!video)
      throw new RegieError(
        'not_found',
        bi(
          `No video ${String(id)} in the Library.`,
          `Aucune vidéo ${String(id)} dans la vidéothèque.`,
        ),
      );
    return video;
  };

  async function test(): Promise<PodTestReport> {
    const c = config();
    let report: PodTestReport;
    if (!c) {
      report = {
        at: iso(),
        ok: false,
        url: s.settings.getString('POD_URL'),
        tlsVerify: s.settings.get('POD_TLS_VERIFY'),
        checks: [
          {
            name: 'configured',
            ok: false,
            text: new PodError({ failure: 'config', action: 'test', url: '(POD_URL)' }).text,
          },
        ],
        apps: [],
        absentApps: [],
      };
    } else {
      const client = clientFor(c);
      try {
        report = await testPod(client, s.now(), c.tlsVerify, stopping.signal);
      } finally {
        await client.close();
      }
    }
    repo.saveTest(report);
    s.record({
      level: report.ok ? 'info' : 'warn',
      kind: 'pod.tested',
      subject: 'pod',
      text: report.ok
        ? bi(`Pod ${report.url}: connection works.`, `Pod ${report.url} : la connexion fonctionne.`)
        : (report.checks.find((check) => !check.ok)?.text ??
          bi('Pod: the test failed.', 'Pod : le test a échoué.')),
    });
    statusChanged();
    return report;
  }

  async function runMirror(): Promise<PodMirrorReport> {
    const started = s.now();
    const t0 = performance.now();
    let report: PodMirrorReport;
    try {
      report = await withClient((client) =>
        mirrorPod({
          client,
          repo,
          now: s.now,
          signal: stopping.signal,
          ...(options.mirrorConcurrency ? { concurrency: options.mirrorConcurrency } : {}),
        }),
      );
    } catch (error) {
      report = failedMirror(repo, started, error, Math.round(performance.now() - t0));
      repo.saveMirror(report);
      s.record({
        level: 'error',
        kind: 'pod.mirrorFailed',
        by: 'system',
        subject: 'pod',
        text: messageOf(error),
      });
      throw error;
    }
    repo.saveMirror(report);
    s.events.emit('users.changed', { items: s.users.list(), isComplete: true });
    const c = report.counts;
    s.record({
      kind: 'pod.mirrored',
      by: 'system',
      subject: 'pod',
      text: bi(
        `Pod mirrored: ${String(c.users)} users (${String(report.usersAdded)} new), ${String(c.types)} types, ${String(c.recorders)} recorders, ${String(c.broadcasters)} broadcasters, ${String(c.liveGateways)} live gateways; ${String(report.regieOnlyCount)} Régie users not in Pod.`,
        `Pod recopié : ${String(c.users)} utilisateurs (${String(report.usersAdded)} nouveaux), ${String(c.types)} types, ${String(c.recorders)} enregistreurs, ${String(c.broadcasters)} diffuseurs, ${String(c.liveGateways)} passerelles de live ; ${String(report.regieOnlyCount)} utilisateurs Régie absents de Pod.`,
      ),
    });
    for (const warning of report.warnings)
      s.record({
        level: 'warn',
        kind: 'pod.mirrorWarning',
        by: 'system',
        subject: 'pod',
        text: warning,
      });
    return report;
  }

  /** One mirror at a time: a second request while one runs gets the same result. */
  function mirror(): Promise<PodMirrorReport> {
    if (!mirroring) {
      requireConfig();
      mirroring = runMirror().finally(() => {
        mirroring = undefined;
        statusChanged();
      });
      statusChanged();
    }
    return mirroring;
  }

  /** A publish job of this video that is waiting or running (a cancelled one leaves none). */
  const hasActiveJob = async (videoId: number) =>
    (await options.jobs().list()).some(
      (job) =>
        job.kind === 'podPublish' &&
        job.subject === `video:${String(videoId)}` &&
        (job.status === 'queued' || job.status === 'running'),
    );

  async function mayPublish(videoId: number) {
    requireConfig();
    const video = findVideo(videoId);
    // `queued` or `uploading` with no job behind it: a job cancelled before it ran, or the
    // process that ran `regie pod publish` was killed. Publishing again is what is wanted.
    const isStale =
      (video.pod.state === 'queued' || video.pod.state === 'uploading') &&
      !(await hasActiveJob(videoId));
    if (!isStale && ['queued', 'uploading', 'encoding', 'encoded'].includes(video.pod.state))
      throw new RegieError(
        'conflict',
        bi(
          `"${video.title}" is already ${video.pod.state === 'encoded' ? 'in Pod' : 'on its way to Pod'}${video.pod.pageUrl ? ` (${video.pod.pageUrl})` : ''}.`,
          `« ${video.title} » est déjà ${video.pod.state === 'encoded' ? 'dans Pod' : 'en route vers Pod'}${video.pod.pageUrl ? ` (${video.pod.pageUrl})` : ''}.`,
        ),
      );
  }
  const modeOf = (mode?: 'draft' | 'public') =>
    mode ?? (publishMode() === 'public' ? 'public' : 'draft');

  async function publish(videoId: number, mode?: 'draft' | 'public'): Promise<Video> {
    await mayPublish(videoId);
    const chosen = modeOf(mode);
    const saved = saveVideo(videoId, { state: 'queued', error: null });
    await options.jobs().enqueue('podPublish', `video:${String(videoId)}`, {
      videoId,
      mode: chosen,
    });
    return toVideoView(saved);
  }

  interface PublishRun {
    videoId: number;
    mode: 'draft' | 'public';
    signal: AbortSignal;
    progress: JobContext['progress'];
  }

  async function runPublish(ctx: PublishRun): Promise<void> {
    const { videoId, mode } = ctx;
    const c = requireConfig();
    const client = clientFor(c);
    const subject = `video:${String(videoId)}`;
    try {
      for (let attempt = 0; ; attempt++) {
        const video = findVideo(videoId);
        try {
          const done = await publishOnce({
            client,
            pod: repo,
            users: s.users,
            video,
            mode,
            fileChoice:
              s.settings.getString('POD_PUBLISH_FILE') === 'best_mp4' ? 'best_mp4' : 'source',
            siteId: s.settings.get('POD_SITE_ID'),
            save: (patch) => saveVideo(videoId, patch),
            progress: (phase, percent) =>
              ctx.progress({ phase, ...(percent === undefined ? {} : { percent }) }),
            signal: ctx.signal,
          });
          s.record({
            kind: 'pod.published',
            by: 'system',
            subject,
            text: bi(
              `"${done.title}" sent to Pod as ${mode === 'public' ? 'a public video' : 'a draft'} of its owner: ${done.pod.pageUrl ?? ''}`,
              `« ${done.title} » envoyée à Pod, ${mode === 'public' ? 'publique' : 'en brouillon'}, à son propriétaire : ${done.pod.pageUrl ?? ''}`,
            ),
          });
          return;
        } catch (error) {
          if (ctx.signal.aborted) {
            const now = findVideo(videoId);
            if (now.pod.videoId === null) saveVideo(videoId, { state: 'none' });
            throw error;
          }
          const delay = retryDelays[attempt];
          if (!(error instanceof PodError && isTransient(error.failure)) || delay === undefined) {
            saveVideo(videoId, { state: 'refused', error: messageOf(error) });
            throw error;
          }
          s.record({
            level: 'warn',
            kind: 'pod.publishRetry',
            by: 'system',
            subject,
            text: bi(
              `${messageOf(error).en} Trying again in ${String(Math.round(delay / 1000))} s.`,
              `${messageOf(error).fr} Nouvel essai dans ${String(Math.round(delay / 1000))} s.`,
            ),
          });
          await sleep(delay, undefined, { signal: ctx.signal });
        }
      }
    } finally {
      await client.close();
    }
  }

  /** Reads a published video's state in Pod again (`regie pod status`, the follow). */
  async function refresh(videoId: number): Promise<Video> {
    const video = findVideo(videoId);
    if (video.pod.videoId === null) return toVideoView(video);
    const podId = video.pod.videoId;
    try {
      const patch = await withClient((client) => readPodState(client, podId, stopping.signal));
      return toVideoView(settled(video.id, video.pod.state, patch));
    } catch (error) {
      if (error instanceof PodError && error.failure === 'notFound') {
        return toVideoView(
          saveVideo(videoId, {
            state: 'refused',
            error: bi(
              `Pod no longer has video ${String(podId)} (deleted there). Publish again to send it anew.`,
              `Pod n'a plus la vidéo ${String(podId)} (supprimée là-bas). Publiez à nouveau pour l'envoyer de nouveau.`,
            ),
            videoId: null,
            slug: null,
            pageUrl: null,
            marker: null,
          }),
        );
      }
      throw error;
    }
  }

  const settled = (id: number, before: string, patch: PodPatch) => {
    const video = saveVideo(id, patch);
    if (before !== video.pod.state && video.pod.state === 'encoded')
      s.record({
        kind: 'pod.encoded',
        by: 'system',
        subject: `video:${String(id)}`,
        text: bi(
          `Pod finished encoding "${video.title}": ${video.pod.pageUrl ?? ''}`,
          `Pod a fini d'encoder « ${video.title} » : ${video.pod.pageUrl ?? ''}`,
        ),
      });
    if (before !== video.pod.state && video.pod.state === 'failed' && video.pod.error)
      s.record({
        level: 'error',
        kind: 'pod.encodingFailed',
        by: 'system',
        subject: `video:${String(id)}`,
        text: video.pod.error,
      });
    return video;
  };

  /** Every video Pod is encoding, read once; a Pod that does not answer is tried next time. */
  async function followOnce(): Promise<void> {
    const pending = videos.byPodState('encoding');
    if (pending.length === 0 || !config()) return;
    await withClient(async (client) => {
      for (const video of pending) {
        if (stopping.signal.aborted || video.pod.videoId === null) return;
        try {
          settled(
            video.id,
            video.pod.state,
            await readPodState(client, video.pod.videoId, stopping.signal),
          );
        } catch (error) {
          if (error instanceof PodError && error.failure === 'notFound') await refresh(video.id);
          else s.logger.warn(`pod.follow video=${String(video.id)}: ${messageOf(error).en}`);
        }
      }
    });
  }

  function tick() {
    if (!config() || !s.db.open) return;
    const minutes = s.settings.get('POD_MIRROR_MINUTES');
    const last = repo.lastMirror();
    if (
      minutes > 0 &&
      !mirroring &&
      (last === null || s.now().getTime() - Date.parse(last.at) >= minutes * 60_000)
    )
      mirror().catch(() => undefined); // journalled by runMirror
    const poll = Math.max(1, s.settings.get('POD_ENCODING_POLL_SECONDS')) * 1000;
    if (!following && Date.now() - lastFollow >= poll) {
      lastFollow = Date.now();
      following = followOnce()
        .catch((error: unknown) => s.logger.warn(`pod.follow: ${messageOf(error).en}`))
        .finally(() => (following = undefined));
    }
  }

  return {
    repo,
    status,
    test,
    mirror,
    catalog: () => repo.catalog(),
    publish,
    refresh,
    runPublishJob: (ctx: JobContext) => {
      const { videoId, mode } = ctx.job.payload as { videoId: number; mode: 'draft' | 'public' };
      return runPublish({ videoId, mode, signal: ctx.signal, progress: (u) => ctx.progress(u) });
    },
    /** `regie pod publish`: the same publication, in this process, now. */
    async publishNow(
      videoId: number,
      mode: 'draft' | 'public' | undefined,
      signal: AbortSignal,
      progress: JobContext['progress'],
    ): Promise<Video> {
      await mayPublish(videoId);
      saveVideo(videoId, { state: 'queued', error: null });
      await runPublish({ videoId, mode: modeOf(mode), signal, progress });
      return toVideoView(findVideo(videoId));
    },
    followOnce,
    /** A video the Library just verified: off to Pod when POD_PUBLISH says so. */
    videoPublished(videoId: number) {
      if (!config() || publishMode() === 'off') return;
      publish(videoId).catch((error: unknown) =>
        s.record({
          level: 'error',
          kind: 'pod.publishFailed',
          by: 'system',
          subject: `video:${String(videoId)}`,
          text: messageOf(error),
        }),
      );
    },
    start() {
      ticker = setInterval(tick, TICK_MS);
      ticker.unref();
    },
    async stop() {
      clearInterval(ticker);
      stopping.abort();
      await Promise.allSettled([mirroring, following]);
    },
  };
}

export type PodService = ReturnType<typeof createPodService>;
