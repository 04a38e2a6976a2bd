import type { WebinarStatus } from '../../src-preload/contract';
import { BbbError } from '../bbb/api/errors';
import { describeBbbError, type BbbServersService } from '../bbb/servers/service';
import { bi, RegieError } from '../ground/errors';
import { messageOf } from '../ground/wording';
import type { Services } from '../kit/services';
import type { GatewayClient } from './gateway';
import type { GatewaysService } from './gateways/service';
import { relayAddress, roomOf } from './relay';
import type { StoredWebinar, WebinarPatch, WebinarsRepository } from './repository';
import { createWatchers, type MeetingAnswer } from './watcher';

type StopReason = 'operator' | 'meetingEnded' | 'restart' | 'end';

/** A live is under way (its gateway may be streaming): not to be removed, watched. */
export const liveStatuses: readonly WebinarStatus[] = ['starting', 'live', 'stopping'];

/**
 * A webinar's lifecycle (issue #13 §5–6): start (BBB meeting created or found running, then the
 * gateway, live only once it says `res: ok`), stop live only, restart, end (live then BBB `end`,
 * once), the chat panel with its state kept, and the end watcher. Calls on one webinar run one
 * at a time, in order; every remote call is bounded by its client's timeout.
 */
export function createWebinarControl(o: {
  s: Services;
  repo: WebinarsRepository;
  gateways: GatewaysService;
  bbbServers: BbbServersService;
  changed: (id: number) => void;
  require: (id: number) => StoredWebinar;
}) {
  const { s, repo, gateways } = o;
  const queues = new Map<number, Promise<unknown>>();
  const subject = (id: number) => `webinar:${String(id)}`;
  const save = (id: number, patch: WebinarPatch) => {
    repo.update(id, patch, s.now().toISOString());
    o.changed(id);
  };
  const tag = (w: StoredWebinar) => `${String(w.id)} "${w.name}"`;
  const tagFr = (w: StoredWebinar) => `${String(w.id)} « ${w.name} »`;

  /** One webinar's calls in order; another webinar's calls do not wait. */
  function serial<T>(id: number, run: () => Promise<T>): Promise<T> {
    const previous = queues.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(run);
    const settled = next.catch(() => undefined);
    queues.set(id, settled);
    void settled.then(() => {
      if (queues.get(id) === settled) queues.delete(id);
    });
    return next;
  }

  const bbbOf = (w: StoredWebinar) => {
    const server = o.bbbServers.repo.byId(w.serverId);
    if (!server)
      throw new RegieError(
        'not_found',
        bi(
          `Webinar ${String(w.id)}: its BigBlueButton server is gone`,
          `Webinaire ${String(w.id)} : son serveur BigBlueButton n'existe plus`,
        ),
      );
    return { server, client: o.bbbServers.clientFor(server) };
  };

  const watchers = createWatchers({
    graceMs: 6 * 60_000,
    now: () => s.now().getTime(),
    intervalMs: () => Math.max(1, s.settings.get('WEBINAR_POLL_SECONDS')) * 1000,
    async ask(id, signal): Promise<MeetingAnswer> {
      const w = repo.byId(id);
      if (!w) return { error: bi('webinar removed', 'webinaire supprimé') };
      try {
        return { running: await bbbOf(w).client.isMeetingRunning(w.meetingId, signal) };
      } catch (error) {
        return { error: error instanceof BbbError ? describeBbbError(error) : messageOf(error) };
      }
    },
    onAnswer(id, answer) {
      const w = repo.byId(id);
      if (!w) return;
      const at = s.now().toISOString();
      if ('running' in answer) {
        const flipped = w.bbbRunning !== answer.running || w.bbbError !== null;
        repo.update(id, { bbbRunning: answer.running, bbbCheckedAt: at, bbbError: null }, at);
        if (!flipped) return;
        s.record({
          level: answer.running ? 'info' : 'warn',
          kind: answer.running ? 'webinar.bbbRunning' : 'webinar.bbbNotRunning',
          subject: subject(id),
          by: 'system',
          text: answer.running
            ? bi(
                `Webinar ${tag(w)}: BBB says the meeting runs`,
                `Webinaire ${tagFr(w)} : BBB dit que la réunion se tient`,
              )
            : bi(
                `Webinar ${tag(w)}: BBB says the meeting is not running; the live stops if the next answer says so too`,
                `Webinaire ${tagFr(w)} : BBB dit que la réunion ne se tient plus ; le direct s'arrête si la réponse suivante le confirme`,
              ),
        });
      } else {
        const first = w.bbbError === null;
        repo.update(id, { bbbCheckedAt: at, bbbError: answer.error }, at);
        if (!first) return;
        s.record({
          level: 'warn',
          kind: 'webinar.bbbUnreachable',
          subject: subject(id),
          by: 'system',
          text: bi(
            `Webinar ${tag(w)}: no usable answer from BBB (${answer.error.en}); the live goes on`,
            `Webinaire ${tagFr(w)} : pas de réponse exploitable de BBB (${answer.error.fr}) ; le direct continue`,
          ),
        });
      }
      o.changed(id);
    },
    onEnded: (id) => serial(id, () => stopLive(id, 'meetingEnded')),
    onError: (id, error) => s.logger.error(`webinar ${String(id)} watcher: ${String(error)}`),
  });

  /** `showChat`: the chat panel wanted in the stream (a restart keeps the operator's choice). */
  async function start(id: number, showChat?: boolean): Promise<void> {
    const w = o.require(id);
    if (w.handle !== null || liveStatuses.includes(w.status))
      throw new RegieError(
        'conflict',
        bi(
          `Webinar ${tag(w)} is already live (${w.status}): restart its live instead.`,
          `Le webinaire ${tagFr(w)} est déjà en direct (${w.status}) : redémarrez plutôt son direct.`,
        ),
      );
    const publicUrl = s.settings.getString('WEBINAR_PUBLIC_URL');
    if (publicUrl === '')
      throw new RegieError(
        'validation',
        bi(
          "WEBINAR_PUBLIC_URL is empty: the gateway cannot reach the join relay. Set it to Régie's public address (Settings → Webinars and live).",
          "WEBINAR_PUBLIC_URL est vide : la passerelle ne peut pas joindre le relais d'accès. Renseignez l'adresse publique de Régie (Paramètres → Webinaires et directs).",
        ),
      );
    const gateway = w.gatewayId === null ? undefined : gateways.repo.byId(w.gatewayId);
    if (!gateway || !gateways.isUsable(gateway))
      throw new RegieError(
        'conflict',
        bi(
          `Webinar ${tag(w)} has no usable live gateway${gateway ? ` (${gateway.name} is disabled or incomplete)` : ''}: edit its slot to get one, or fix the gateway.`,
          `Le webinaire ${tagFr(w)} n'a pas de passerelle de live utilisable${gateway ? ` (${gateway.name} est désactivée ou incomplète)` : ''} : modifiez son créneau pour en obtenir une, ou corrigez la passerelle.`,
        ),
      );
    const rival = repo.active().find((x) => x.id !== id && x.handle?.gatewayId === gateway.id);
    if (rival)
      throw new RegieError(
        'conflict',
        bi(
          `Live gateway ${gateway.name} streams webinar ${tag(rival)} now: stop that live first.`,
          `La passerelle de live ${gateway.name} diffuse le webinaire ${tagFr(rival)} : arrêtez d'abord ce direct.`,
        ),
      );
    const previous = w.status;
    // A meeting Régie just created runs once someone joins (the gateway, in a few seconds).
    let knownRunning = false;
    save(id, { status: 'starting', lastError: null });
    try {
      const { server, client } = bbbOf(w);
      if (w.isCreatedByRegie) {
        // Idempotent: a running meeting answers duplicateWarning (bbb.md §1.2).
        await client.create([
          ['name', w.name],
          ['meetingID', w.meetingId],
          ['attendeePW', w.attendeePw],
          ['moderatorPW', w.moderatorPw],
          // Pod forces it for webinars (pod-behaviour.md §5.1): the gateway must not wait.
          ['guestPolicy', 'ALWAYS_ACCEPT'],
          ['meta_bbb-origin', 'Régie'],
          ['meta_regie-webinar', String(w.id)],
        ]);
      } else if (!(knownRunning = await client.isMeetingRunning(w.meetingId))) {
        save(id, { bbbRunning: false, bbbError: null, bbbCheckedAt: s.now().toISOString() });
        throw new RegieError(
          'conflict',
          bi(
            `Meeting ${w.meetingId} is not running on ${server.name}: start it in BigBlueButton first.`,
            `La réunion ${w.meetingId} ne se tient pas sur ${server.name} : démarrez-la d'abord dans BigBlueButton.`,
          ),
        );
      }
      if (!w.isCreatedByRegie)
        save(id, { bbbRunning: true, bbbError: null, bbbCheckedAt: s.now().toISOString() });
      const { domain } = relayAddress(publicUrl, w.relayKey);
      await gateways.withClient(gateway.id, async (gw) => {
        s.record({
          kind: 'webinar.liveStarting',
          subject: subject(id),
          text: bi(
            `Webinar ${tag(w)}: BBB meeting ready on ${server.name}; asking ${gateway.name} (${gw.generation} API) to start`,
            `Webinaire ${tagFr(w)} : réunion BBB prête sur ${server.name} ; démarrage demandé à ${gateway.name} (API ${gw.generation})`,
          ),
        });
        const handle = await gw.start({
          room: roomOf(w.relayKey),
          domain,
          rtmpDst: gateway.rtmpUrl,
        });
        const at = s.now().toISOString();
        // SIPMediaGW shows BBB's chat panel by default (pod-behaviour.md §5.5).
        save(id, {
          status: 'live',
          handle: { ...handle, gatewayId: gateway.id },
          chatVisible: true,
          liveStartedAt: at,
          liveStoppedAt: null,
          endedAt: null,
        });
        s.record({
          kind: 'webinar.liveStarted',
          subject: subject(id),
          text: bi(
            `Webinar ${tag(w)}: live started on ${gateway.name} → ${gateway.rtmpUrl} (room ${handle.room}${handle.gwId ? `, gateway ${handle.gwId}` : ''})`,
            `Webinaire ${tagFr(w)} : direct démarré sur ${gateway.name} → ${gateway.rtmpUrl} (salle ${handle.room}${handle.gwId ? `, passerelle ${handle.gwId}` : ''})`,
          ),
        });
        if (!(showChat ?? w.enableChat))
          await hideChat(id, gw, { ...handle, gatewayId: gateway.id });
      });
      watchers.watch(id, knownRunning || w.bbbRunning === true);
      o.changed(id);
    } catch (error) {
      const current = repo.byId(id);
      const text = messageOf(error);
      if (current && current.handle === null) save(id, { status: previous, lastError: text });
      s.record({
        level: 'error',
        kind: 'webinar.startFailed',
        subject: subject(id),
        text: bi(
          `Webinar ${tag(w)}: the live did not start: ${text.en}`,
          `Webinaire ${tagFr(w)} : le direct n'a pas démarré : ${text.fr}`,
        ),
      });
      throw error;
    }
  }

  /**
   * Hides the chat panel right after a start. The gateway's browser may still be joining, when
   * SIPMediaGW answers the toggle with an error (Pod logged "Toogle was sent before SIPMediaGW
   * start" and moved on, leaving the chat shown: §8.5.7); Régie tries again, then says so.
   */
  async function hideChat(
    id: number,
    gw: GatewayClient,
    handle: NonNullable<StoredWebinar['handle']>,
  ): Promise<void> {
    let last: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await gw.toggleChat(handle);
        save(id, { chatVisible: false });
        s.record({
          kind: 'webinar.chatHidden',
          subject: subject(id),
          text: bi(
            `Webinar ${String(id)}: chat panel hidden in the stream`,
            `Webinaire ${String(id)} : panneau de chat masqué dans le direct`,
          ),
        });
        return;
      } catch (error) {
        last = error;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    const text = messageOf(last);
    save(id, { lastError: text });
    s.record({
      level: 'warn',
      kind: 'webinar.chatToggleFailed',
      subject: subject(id),
      text: bi(
        `Webinar ${String(id)}: the chat panel could not be hidden (${text.en}); it is still shown: use "Hide chat"`,
        `Webinaire ${String(id)} : le panneau de chat n'a pas pu être masqué (${text.fr}) ; il reste affiché : utilisez « Masquer le chat »`,
      ),
    });
  }

  async function stopLive(id: number, reason: StopReason): Promise<void> {
    const w = o.require(id);
    const ended = reason === 'meetingEnded';
    if (w.handle === null) {
      await watchers.stop(id);
      if (liveStatuses.includes(w.status) || ended)
        save(id, {
          status: ended ? 'ended' : 'liveStopped',
          ...(ended ? { endedAt: s.now().toISOString() } : {}),
        });
      else if (reason === 'operator')
        throw new RegieError(
          'conflict',
          bi(`Webinar ${tag(w)} is not live.`, `Le webinaire ${tagFr(w)} n'est pas en direct.`),
        );
      return;
    }
    const handle = w.handle;
    const before = w.status;
    save(id, { status: 'stopping' });
    try {
      await gateways.withClient(handle.gatewayId, (gw) => gw.stop(handle));
    } catch (error) {
      const text = messageOf(error);
      save(id, { status: before === 'stopping' ? 'live' : before, lastError: text });
      s.record({
        level: 'error',
        kind: 'webinar.stopFailed',
        subject: subject(id),
        by: ended ? 'system' : undefined,
        text: bi(
          `Webinar ${tag(w)}: the live did not stop: ${text.en}${ended ? ' (tried again while the meeting stays ended)' : ''}`,
          `Webinaire ${tagFr(w)} : le direct ne s'est pas arrêté : ${text.fr}${ended ? ' (nouvel essai tant que la réunion reste terminée)' : ''}`,
        ),
      });
      // The watcher that saw the end is gone: a new one tries again after two more answers.
      if (ended) watchers.watch(id, true);
      throw error;
    }
    if (reason !== 'meetingEnded') await watchers.stop(id);
    const at = s.now().toISOString();
    save(id, {
      handle: null,
      status: ended ? 'ended' : 'liveStopped',
      liveStoppedAt: at,
      lastError: null,
      ...(ended ? { endedAt: at, bbbRunning: false } : {}),
    });
    const why = {
      operator: bi(
        'stopped by the operator; the BBB meeting goes on',
        "arrêté par l'opérateur ; la réunion BBB continue",
      ),
      meetingEnded: bi(
        'BBB said twice the meeting ended',
        'BBB a dit deux fois que la réunion était terminée',
      ),
      restart: bi('restarting', 'redémarrage'),
      end: bi('ending the webinar', 'fin du webinaire'),
    }[reason];
    s.record({
      kind: ended ? 'webinar.liveAutoStopped' : 'webinar.liveStopped',
      subject: subject(id),
      by: ended ? 'system' : undefined,
      text: bi(
        `Webinar ${tag(w)}: live stopped (${why.en})`,
        `Webinaire ${tagFr(w)} : direct arrêté (${why.fr})`,
      ),
    });
  }

  async function end(id: number): Promise<void> {
    if (o.require(id).handle !== null) await stopLive(id, 'end');
    const w = o.require(id);
    await watchers.stop(id);
    const { server, client } = bbbOf(w);
    try {
      await client.end(w.meetingId);
    } catch (error) {
      // Nothing to end: the meeting had ended already, which is what was asked.
      if (!(error instanceof BbbError && error.messageKey === 'notFound')) {
        const text = messageOf(error);
        save(id, {
          status: w.status === 'scheduled' ? 'scheduled' : 'liveStopped',
          lastError: text,
        });
        s.record({
          level: 'error',
          kind: 'webinar.endFailed',
          subject: subject(id),
          text: bi(
            `Webinar ${tag(w)}: the live is stopped but BBB did not end the meeting: ${text.en}`,
            `Webinaire ${tagFr(w)} : le direct est arrêté mais BBB n'a pas terminé la réunion : ${text.fr}`,
          ),
        });
        throw error;
      }
    }
    const at = s.now().toISOString();
    save(id, {
      status: 'ended',
      endedAt: at,
      bbbRunning: false,
      bbbCheckedAt: at,
      lastError: null,
    });
    s.record({
      kind: 'webinar.ended',
      subject: subject(id),
      text: bi(
        `Webinar ${tag(w)} ended: live stopped, BBB meeting ended on ${server.name}`,
        `Webinaire ${tagFr(w)} terminé : direct arrêté, réunion BBB terminée sur ${server.name}`,
      ),
    });
  }

  async function toggleChat(id: number): Promise<void> {
    const w = o.require(id);
    const handle = w.handle;
    if (handle === null)
      throw new RegieError(
        'conflict',
        bi(
          `Webinar ${tag(w)} is not live: the chat panel is shown or hidden in a running stream.`,
          `Le webinaire ${tagFr(w)} n'est pas en direct : le panneau de chat se montre ou se masque dans un direct en cours.`,
        ),
      );
    await gateways.withClient(handle.gatewayId, (gw) => gw.toggleChat(handle));
    const visible = !(w.chatVisible ?? true);
    save(id, { chatVisible: visible });
    s.record({
      kind: visible ? 'webinar.chatShown' : 'webinar.chatHidden',
      subject: subject(id),
      text: visible
        ? bi(
            `Webinar ${tag(w)}: chat panel shown in the stream`,
            `Webinaire ${tagFr(w)} : panneau de chat affiché dans le direct`,
          )
        : bi(
            `Webinar ${tag(w)}: chat panel hidden in the stream`,
            `Webinaire ${tagFr(w)} : panneau de chat masqué dans le direct`,
          ),
    });
  }

  return {
    start: (id: number) => serial(id, () => start(id)),
    stopLive: (id: number, reason: StopReason) => serial(id, () => stopLive(id, reason)),
    restartLive: (id: number) =>
      serial(id, async () => {
        const w = o.require(id);
        s.record({
          kind: 'webinar.liveRestarting',
          subject: subject(id),
          text: bi(
            `Webinar ${tag(w)}: restarting the live`,
            `Webinaire ${tagFr(w)} : redémarrage du direct`,
          ),
        });
        if (w.handle !== null) await stopLive(id, 'restart');
        await start(id, w.chatVisible ?? w.enableChat);
      }),
    end: (id: number) => serial(id, () => end(id)),
    toggleChat: (id: number) => serial(id, () => toggleChat(id)),
    isWatched: (id: number) => watchers.isWatched(id),
    watcherCount: () => watchers.count(),

    /** After a restart of Régie: live webinars are watched again; a start cut short is undone. */
    resume(): void {
      for (const w of repo.active()) {
        if (w.handle === null) {
          repo.update(
            w.id,
            {
              status: 'scheduled',
              lastError: bi(
                'Régie stopped during the start: start again',
                "Régie s'est arrêtée pendant le démarrage : relancez",
              ),
            },
            s.now().toISOString(),
          );
        } else {
          repo.update(w.id, { status: 'live' }, s.now().toISOString());
          watchers.watch(w.id, w.bbbRunning === true);
        }
        o.changed(w.id);
      }
    },
    /**
     * What another Régie process changed (`regie webinar start` while the console runs): a live
     * nobody here watches is watched; a watch whose live was stopped elsewhere ends.
     */
    adopt(): void {
      const live = new Map(repo.active().map((w) => [w.id, w]));
      for (const w of live.values()) {
        if (
          w.status !== 'live' ||
          w.handle === null ||
          watchers.isWatched(w.id) ||
          queues.has(w.id)
        )
          continue;
        watchers.watch(w.id, w.bbbRunning === true);
        o.changed(w.id);
      }
      for (const w of repo.list()) {
        if (!live.has(w.id) && watchers.isWatched(w.id) && !queues.has(w.id)) {
          void watchers.stop(w.id);
          o.changed(w.id);
        }
      }
    },
    async stopAll(): Promise<void> {
      await watchers.stopAll();
      await Promise.allSettled([...queues.values()]);
    },
  };
}

export type WebinarControl = ReturnType<typeof createWebinarControl>;
