import { randomBytes } from 'node:crypto';
import type { HlsHealth, WebinarChatMessage, WebinarView } from '../../src-preload/contract';
import type { BbbServersService } from '../bbb/servers/service';
import { bi, RegieError, validationError } from '../ground/errors';
import type { Services } from '../kit/services';
import type { SecretCipher } from '../secrets/cipher';
import { createCapacity } from './capacity';
import { createWebinarChat } from './chat';
import { createWebinarControl, liveStatuses } from './control';
import { createGatewaysService } from './gateways/service';
import { createHlsWatch, probeHls, type HlsWatch } from './hls/health';
import { requireWebinarRights } from './permissions';
import { newRelayKey, relayAddress } from './relay';
import { createWebinarsRepository, type StoredWebinar } from './repository';
import { checkWebinarFields, type WebinarInput } from './validate';

export interface WebinarCreate extends WebinarInput {
  serverId: number;
  owner?: string | undefined;
  additionalOwners?: string[] | undefined;
  meetingId?: string | undefined;
  isRestricted?: boolean | undefined;
}

/**
 * Webinars (issue #13), composed: the live gateways registry, webinars and their gateway
 * allocation, the lifecycle (start, stop live, restart, end, chat panel) with one end watcher per
 * webinar, listener chat, and the join relay the gateway's browser opens.
 */
export function createWebinarService(options: {
  s: Services;
  cipher: SecretCipher;
  bbbServers: BbbServersService;
}) {
  const { s } = options;
  const repo = createWebinarsRepository(s.db);
  const gateways = createGatewaysService({
    s,
    cipher: options.cipher,
    busyWith: (gatewayId) => {
      const w = repo.active().find((x) => x.handle?.gatewayId === gatewayId);
      return w ? { webinarId: w.id, name: w.name } : null;
    },
  });
  const capacity = createCapacity({
    s,
    webinars: repo,
    usableGateways: () =>
      gateways.repo
        .list()
        .filter(gateways.isUsable)
        .map((g) => g.id),
  });
  const rights = () => ({
    affiliations: s.settings.get('MEETING_WEBINAR_AFFILIATION'),
    adminGroup: s.settings.getString('MEETING_WEBINAR_GROUP_ADMIN'),
  });

  const view = (w: StoredWebinar): WebinarView => {
    const server = options.bbbServers.repo.byId(w.serverId);
    const gateway = w.gatewayId === null ? undefined : gateways.repo.byId(w.gatewayId);
    const owner = w.ownerId === null ? undefined : s.users.byId(w.ownerId);
    const publicUrl = s.settings.getString('WEBINAR_PUBLIC_URL');
    return {
      id: w.id,
      name: w.name,
      serverId: w.serverId,
      serverName: server?.name ?? '?',
      meetingId: w.meetingId,
      startAt: new Date(w.startMs).toISOString(),
      durationMinutes: w.durationMinutes,
      endAt: new Date(w.startMs + w.durationMinutes * 60_000).toISOString(),
      enableChat: w.enableChat,
      chatVisible: w.chatVisible,
      owner: owner?.username ?? null,
      additionalOwners: repo.owners(w.id),
      gatewayId: w.gatewayId,
      gatewayName: gateway?.name ?? null,
      hlsUrl: gateway?.hlsUrl ?? null,
      status: w.status,
      bbb: { running: w.bbbRunning, checkedAt: w.bbbCheckedAt, error: w.bbbError },
      isWatched: control.isWatched(w.id),
      liveStartedAt: w.liveStartedAt,
      liveStoppedAt: w.liveStoppedAt,
      endedAt: w.endedAt,
      relayUrl: publicUrl === '' ? null : relayAddress(publicUrl, w.relayKey).url,
      lastError: w.lastError,
      createdBy: w.createdBy,
      createdAt: w.createdAt,
      updatedAt: w.updatedAt,
    };
  };
  const require = (id: number): StoredWebinar => {
    const found = repo.byId(id);
    if (!found)
      throw new RegieError(
        'not_found',
        bi(`No webinar with id ${String(id)}`, `Aucun webinaire d'id ${String(id)}`),
      );
    return found;
  };
  const changed = (id: number) => {
    const w = repo.byId(id);
    if (w) s.events.emit('webinars.changed', { items: [view(w)] });
    else s.events.emit('webinars.changed', { items: [], removedIds: [id] });
    gateways.changed();
  };
  /** The operator may drive this webinar: rights to manage webinars, or one of its owners. */
  const requireDriver = (w: StoredWebinar) => {
    const owner = w.ownerId === null ? undefined : s.users.byId(w.ownerId);
    requireWebinarRights(s.operator.current(), rights(), [
      ...(owner ? [owner.username] : []),
      ...repo.owners(w.id),
    ]);
  };

  const control = createWebinarControl({
    s,
    repo,
    gateways,
    bbbServers: options.bbbServers,
    changed,
    require,
  });
  const chat = createWebinarChat({ s, repo, gateways, bbbServers: options.bbbServers, require });

  /** The webinar behind a relay key while its relay is open (starting or live), with its server. */
  function relayed(key: string) {
    const w = repo.byRelayKey(key);
    if (!w || !['starting', 'live'].includes(w.status)) return undefined;
    const server = options.bbbServers.repo.byId(w.serverId);
    return server && { w, server };
  }

  function userIds(names: readonly string[], field: string): number[] {
    const unknown = names.filter((n) => !s.users.byUsername(n));
    if (unknown.length > 0)
      throw validationError({
        [field]: bi(
          `unknown user(s): ${unknown.join(', ')}`,
          `utilisateur(s) inconnu(s) : ${unknown.join(', ')}`,
        ),
      });
    return names.flatMap((n) => {
      const user = s.users.byUsername(n);
      return user ? [user.id] : [];
    });
  }

  // One memory per gateway, so a segment's age is known across probes without Last-Modified.
  const hlsWatches = new Map<number, HlsWatch>();

  return {
    gateways,
    /** The gateway's HLS side now: the console polls it while a control view is open. */
    health(gatewayId: number): Promise<HlsHealth> {
      const gateway = gateways.require(gatewayId);
      let watch = hlsWatches.get(gatewayId);
      if (!watch) hlsWatches.set(gatewayId, (watch = createHlsWatch()));
      return probeHls(gateway.hlsUrl, {
        now: s.now,
        watch,
        timeoutMs: gateways.timeoutMs(),
      });
    },
    list: (): WebinarView[] => repo.list().map(view),
    get: (id: number): WebinarView => view(require(id)),

    create(input: WebinarCreate): WebinarView {
      if (!s.settings.get('USE_MEETING_WEBINAR'))
        throw new RegieError(
          'validation',
          bi(
            'Webinars are off: set USE_MEETING_WEBINAR to true (Settings → Webinars and live) first.',
            "Les webinaires sont désactivés : passez d'abord USE_MEETING_WEBINAR à vrai (Paramètres → Webinaires et directs).",
          ),
        );
      const operator = s.operator.current();
      requireWebinarRights(operator, rights());
      if (input.isRestricted === true)
        throw new RegieError(
          'validation',
          bi(
            "A restricted meeting cannot be a webinar: the gateway joins without an account and would meet the login page (Pod's §8.5.11). Make the meeting open, or do not make it a webinar.",
            "Une réunion restreinte ne peut pas être un webinaire : la passerelle la rejoint sans compte et tomberait sur la page de connexion. Ouvrez la réunion, ou n'en faites pas un webinaire.",
          ),
          {
            fieldErrors: {
              isRestricted: bi('not allowed for a webinar', 'interdit pour un webinaire'),
            },
          },
        );
      const server = options.bbbServers.repo.byId(input.serverId);
      const { fields, errors } = checkWebinarFields(input);
      if (!server)
        errors.serverId = bi('no such BigBlueButton server', 'serveur BigBlueButton inconnu');
      const meetingId = input.meetingId?.trim() ?? '';
      if (input.meetingId !== undefined && (meetingId === '' || meetingId.length > 256))
        errors.meetingId = bi(
          'a BBB meetingID of 1 to 256 characters',
          'un meetingID BBB de 1 à 256 caractères',
        );
      if (Object.keys(errors).length > 0 || !fields || !server) throw validationError(errors);
      const ownerName = input.owner ?? operator.user?.username;
      const [ownerId = null] = ownerName === undefined ? [] : userIds([ownerName], 'owner');
      const extra = userIds(input.additionalOwners ?? [], 'additionalOwners');
      const endMs = fields.startMs + fields.durationMinutes * 60_000;
      const gatewayId = capacity.allocate({ ...fields, endMs }, null, null);
      const finalMeetingId = meetingId || `regie-webinar-${randomBytes(6).toString('hex')}`;
      if (repo.list().some((w) => w.serverId === server.id && w.meetingId === finalMeetingId))
        throw validationError({
          meetingId: bi('already a webinar on this server', 'déjà un webinaire sur ce serveur'),
        });
      const stored = repo.insert(
        {
          serverId: server.id,
          meetingId: finalMeetingId,
          isCreatedByRegie: meetingId === '',
          name: fields.name,
          startMs: fields.startMs,
          durationMinutes: fields.durationMinutes,
          enableChat: fields.enableChat,
          ownerId,
          gatewayId,
          relayKey: newRelayKey(),
          attendeePw: randomBytes(12).toString('hex'),
          moderatorPw: randomBytes(12).toString('hex'),
          createdBy: s.operator.actor(),
        },
        s.now().toISOString(),
      );
      repo.setOwners(stored.id, extra);
      const gateway = gateways.repo.byId(gatewayId);
      const v = view(stored);
      s.record({
        kind: 'webinar.created',
        subject: `webinar:${String(stored.id)}`,
        text: bi(
          `Webinar ${String(stored.id)} "${stored.name}" created on ${server.name} (${v.startAt}, ${String(stored.durationMinutes)} min), live gateway ${gateway?.name ?? '?'}, chat ${stored.enableChat ? 'shown' : 'hidden'}`,
          `Webinaire ${String(stored.id)} « ${stored.name} » créé sur ${server.name} (${v.startAt}, ${String(stored.durationMinutes)} min), passerelle de live ${gateway?.name ?? '?'}, chat ${stored.enableChat ? 'affiché' : 'masqué'}`,
        ),
      });
      changed(stored.id);
      return view(stored);
    },

    update(
      id: number,
      patch: Partial<Pick<WebinarInput, 'name' | 'startAt' | 'durationMinutes' | 'enableChat'>> & {
        additionalOwners?: string[] | undefined;
      },
    ): WebinarView {
      const current = require(id);
      requireDriver(current);
      const { fields, errors } = checkWebinarFields({
        name: patch.name ?? current.name,
        startAt: patch.startAt ?? new Date(current.startMs).toISOString(),
        durationMinutes: patch.durationMinutes ?? current.durationMinutes,
        enableChat: patch.enableChat ?? current.enableChat,
      });
      if (Object.keys(errors).length > 0 || !fields) throw validationError(errors);
      const extra =
        patch.additionalOwners === undefined
          ? undefined
          : userIds(patch.additionalOwners, 'additionalOwners');
      const slotChanged =
        fields.startMs !== current.startMs || fields.durationMinutes !== current.durationMinutes;
      let gatewayId = current.gatewayId;
      if (slotChanged && current.status !== 'ended') {
        const endMs = fields.startMs + fields.durationMinutes * 60_000;
        gatewayId = capacity.allocate({ ...fields, endMs }, id, current.gatewayId);
        const streaming = current.handle !== null;
        if (streaming && gatewayId !== current.gatewayId)
          throw new RegieError(
            'conflict',
            bi(
              `Webinar ${String(id)} streams on its gateway now, which another webinar holds in the new slot: stop the live first or choose another slot.`,
              `Le webinaire ${String(id)} diffuse sur sa passerelle, qu'un autre webinaire occupe sur le nouveau créneau : arrêtez d'abord le direct ou choisissez un autre créneau.`,
            ),
          );
      }
      repo.update(
        id,
        {
          name: fields.name,
          startMs: fields.startMs,
          durationMinutes: fields.durationMinutes,
          enableChat: fields.enableChat,
          gatewayId,
        },
        s.now().toISOString(),
      );
      if (extra) repo.setOwners(id, extra);
      const moved = gatewayId !== current.gatewayId;
      const gatewayName = gatewayId === null ? '?' : (gateways.repo.byId(gatewayId)?.name ?? '?');
      s.record({
        kind: 'webinar.updated',
        subject: `webinar:${String(id)}`,
        text: bi(
          `Webinar ${String(id)} "${fields.name}" saved: ${new Date(fields.startMs).toISOString()}, ${String(fields.durationMinutes)} min${moved ? `, now on live gateway ${gatewayName}` : ''}`,
          `Webinaire ${String(id)} « ${fields.name} » enregistré : ${new Date(fields.startMs).toISOString()}, ${String(fields.durationMinutes)} min${moved ? `, désormais sur la passerelle de live ${gatewayName}` : ''}`,
        ),
      });
      changed(id);
      return view(require(id));
    },

    remove(id: number): { id: number } {
      const w = require(id);
      requireDriver(w);
      if (w.handle !== null || liveStatuses.includes(w.status))
        throw new RegieError(
          'conflict',
          bi(
            `Webinar ${String(id)} is live: stop its live or end it before removing it.`,
            `Le webinaire ${String(id)} est en direct : arrêtez son direct ou terminez-le avant de le supprimer.`,
          ),
        );
      repo.remove(id);
      s.record({
        kind: 'webinar.removed',
        subject: `webinar:${String(id)}`,
        text: bi(
          `Webinar ${String(id)} "${w.name}" removed`,
          `Webinaire ${String(id)} « ${w.name} » supprimé`,
        ),
      });
      changed(id);
      return { id };
    },

    start: (id: number) => (
      requireDriver(require(id)),
      control.start(id).then(() => view(require(id)))
    ),
    stopLive: (id: number) => (
      requireDriver(require(id)),
      control.stopLive(id, 'operator').then(() => view(require(id)))
    ),
    restartLive: (id: number) => (
      requireDriver(require(id)),
      control.restartLive(id).then(() => view(require(id)))
    ),
    end: (id: number) => (
      requireDriver(require(id)),
      control.end(id).then(() => view(require(id)))
    ),
    toggleChat: (id: number) => (
      requireDriver(require(id)),
      control.toggleChat(id).then(() => view(require(id)))
    ),

    /** A message typed in the console, signed with the operator's name unless given one. */
    chat(id: number, message: string, author?: string): Promise<WebinarChatMessage> {
      const w = require(id);
      requireDriver(w);
      const user = s.operator.current().user;
      const name =
        author?.trim() ||
        (user ? `${user.firstName} ${user.lastName}`.trim() || user.username : s.operator.actor());
      return chat.send(w.id, name, message, 'console');
    },
    messages: (id: number) => repo.messages(require(id).id),

    /** The join relay (host/relay.ts): the page while live, the viewer join, the chat post. */
    relay: {
      page(key: string): { title: string; bbbOrigin: string } | undefined {
        const found = relayed(key);
        return found && { title: found.w.name, bbbOrigin: new URL(found.server.url).origin };
      },
      join(key: string, name: string): string | undefined {
        const found = relayed(key);
        if (!found) return undefined;
        const { w, server } = found;
        s.record({
          kind: 'webinar.relayJoined',
          subject: `webinar:${String(w.id)}`,
          by: 'system',
          text: bi(
            `Webinar ${String(w.id)}: "${name}" joined through the relay, as a viewer`,
            `Webinaire ${String(w.id)} : « ${name} » a rejoint par le relais, comme participant`,
          ),
        });
        return options.bbbServers
          .clientFor(server)
          .joinUrl({ meetingId: w.meetingId, fullName: name, role: 'VIEWER' });
      },
      chat(key: string, author: string, message: string): Promise<WebinarChatMessage> | undefined {
        const found = relayed(key);
        return found && chat.send(found.w.id, author, message, 'relay');
      },
    },

    /** Resumes the watchers of the webinars left live by the last run. */
    resume: () => control.resume(),
    adopt: () => control.adopt(),
    stopWatching: () => control.stopAll(),
  };
}

export type WebinarService = ReturnType<typeof createWebinarService>;
