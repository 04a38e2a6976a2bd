import type {
  BbbMatchCase,
  BbbMeetingView,
  BbbPollReport,
  BbbRecordingView,
} from '../../src-preload/contract';
import { bi } from '../ground/errors';
import { counted } from '../ground/wording';
import type { Services } from '../kit/services';
import type { JobQueue } from '../jobs';
import type { DropService } from '../drop/dropService';
import type { RecordingsRepository, StoredRecording } from '../recordings/repository';
import type { SecretCipher } from '../secrets/cipher';
import { createBbbErrorDigest } from './digest';
import { createBbbDropRoot } from './dropFolder/service';
import { createBbbMatching } from './matching/service';
import { createMeetingsPoller } from './meetings/poller';
import { createBbbMeetingsRepository } from './meetings/repository';
import { createBbbPublication } from './publication/service';
import { createRecordingsMirror } from './recordings/mirror';
import { createBbbRecordingsRepository } from './recordings/repository';
import { createBbbServersService } from './servers/service';

/**
 * Régie's link to BigBlueButton (issue #5), composed: servers, the meetings mirror (polled every
 * BBB_POLL_SECONDS while the console runs), moderator matching, the recordings mirror,
 * publication and the admins' error digest.
 */
export function createBbbService(options: {
  s: Services;
  cipher: SecretCipher;
  regieRecordings: RecordingsRepository;
  /** DEFAULT_BBB_PATH is one more root of the recorders' drop tracker. */
  drop: Pick<DropService, 'files' | 'changed' | 'addRoot'>;
  jobs: () => JobQueue;
  onRecording: (recording: StoredRecording) => void;
}) {
  const { s } = options;
  const servers = createBbbServersService({ s, cipher: options.cipher });
  const meetings = createBbbMeetingsRepository(s.db);
  const recordings = createBbbRecordingsRepository(s.db);
  const matching = createBbbMatching(s);
  const digest = createBbbErrorDigest(s);
  const poller = createMeetingsPoller({
    s,
    servers,
    meetings,
    matching,
    onError: (server, message) => digest.add(`${server.name}: ${message}`),
  });
  const mirror = createRecordingsMirror({ s, servers, meetings, recordings });
  const dropFolder = createBbbDropRoot({
    s,
    files: options.drop.files,
    meetings,
    recordings,
    regieRecordings: options.regieRecordings,
    changed: options.drop.changed,
    onRecording: options.onRecording,
  });
  options.drop.addRoot(dropFolder.root);
  const publication = createBbbPublication({
    s,
    recordings,
    regieRecordings: options.regieRecordings,
    jobs: options.jobs,
    onRecording: options.onRecording,
  });

  /** "Publish automatically for these servers": only when exactly one moderator is known. */
  async function autoPublish(): Promise<number> {
    let published = 0;
    for (const server of servers.repo.list().filter((x) => x.autoPublish)) {
      for (const r of recordings.list({ serverId: server.id, limit: 200 })) {
        if (r.publication !== 'none' || r.state !== 'published') continue;
        const [only, ...others] = r.moderatorUserIds;
        if (only === undefined || others.length > 0) continue;
        const user = s.users.list().find((u) => u.id === only);
        if (!user) continue;
        try {
          await publication.publish(r.id, user.username, 'rule');
          published++;
        } catch (error) {
          digest.add(`${server.name}: ${r.recordId}: ${String(error)}`);
        }
      }
    }
    return published;
  }

  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let pass: Promise<void> = Promise.resolve();
  let lastMirror = 0;
  const controller = new AbortController();

  const inFlight = new Map<number, Promise<unknown>>();

  /**
   * One beat: every server not still busy with its previous poll is polled, without waiting for
   * the others, so a server that hangs until its timeout delays nobody but itself.
   */
  async function tick(): Promise<void> {
    const polls = servers.repo.list().flatMap((server) => {
      if (inFlight.has(server.id)) return [];
      const poll = poller
        .pollServer(server, controller.signal)
        .finally(() => inFlight.delete(server.id));
      inFlight.set(server.id, poll);
      return [poll];
    });
    // The beat waits for the quick ones only: what a slow server answers is written on arrival.
    await Promise.race([Promise.all(polls), new Promise((r) => setTimeout(r, 2_000).unref())]);
    matching.rematchQueue();
    await dropFolder.retry();
    // Recordings appear minutes after a meeting ends: look every fifth poll, not every one.
    const every = s.settings.get('BBB_POLL_SECONDS') * 5_000;
    if (Date.now() - lastMirror >= every) {
      lastMirror = Date.now();
      await mirror.recent(controller.signal).catch((error: unknown) => digest.add(String(error)));
      await autoPublish();
    }
    await digest.flush();
  }

  const schedule = () => {
    if (stopped) return;
    const seconds = Math.max(5, s.settings.get('BBB_POLL_SECONDS'));
    timer = setTimeout(() => {
      pass = tick()
        .catch((error: unknown) => s.logger.error(`bbb poll: ${String(error)}`))
        .finally(schedule);
    }, seconds * 1000);
  };

  return {
    servers,
    matching,
    digest,
    pollOnce: (): Promise<BbbPollReport> => poller.pollAll(),
    /** Mirrors, then applies the automatic publication rule to what came in. */
    async mirrorRecent() {
      const reports = await mirror.recent();
      await autoPublish();
      return reports;
    },
    async mirrorServer(serverId: number) {
      const report = await mirror.server(serverId);
      await autoPublish();
      return report;
    },
    publish: publication.publish,
    previews: publication.previews,
    runPublishJob: publication.runJob,
    autoPublish,

    meetings(filter: { runningOnly?: boolean; limit?: number } = {}): BbbMeetingView[] {
      return meetings.list(filter).map(meetings.toView);
    },
    recordings(
      filter: { serverId?: number; meetingId?: string; limit?: number } = {},
    ): BbbRecordingView[] {
      return recordings.list(filter).map(({ metadata: _m, ...view }) => view);
    },
    matchQueue: (): BbbMatchCase[] => matching.queue(),

    /** A Régie recording made from a BBB one changed: its BBB row shows the new state. */
    recordingChanged(recordingId: number): void {
      const r = recordings.byRecordingId(recordingId);
      if (r) publication.emit(r.id);
    },

    /** Files waiting in DEFAULT_BBB_PATH for their meeting or owner: look again. */
    retryDropFolder: () => dropFolder.retry(),

    start(): void {
      if (!stopped) return;
      stopped = false;
      const count = servers.repo.list().length;
      const polled = counted(count, { en: ['server', 'servers'], fr: ['serveur', 'serveurs'] });
      if (count > 0)
        s.record({
          kind: 'bbb.pollerStarted',
          by: 'system',
          text: bi(
            `BigBlueButton mirror started: ${polled.en}, every ${String(s.settings.get('BBB_POLL_SECONDS'))} s`,
            `Copie BigBlueButton démarrée : ${polled.fr}, toutes les ${String(s.settings.get('BBB_POLL_SECONDS'))} s`,
          ),
        });
      pass = tick()
        .catch((error: unknown) => s.logger.error(`bbb poll: ${String(error)}`))
        .finally(schedule);
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      controller.abort();
      await pass;
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}

export type BbbService = ReturnType<typeof createBbbService>;
