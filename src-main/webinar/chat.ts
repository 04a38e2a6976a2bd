import type { WebinarChatMessage } from '../../src-preload/contract';
import { BbbError } from '../bbb/api/errors';
import type { BbbServersService } from '../bbb/servers/service';
import { bi, RegieError, validationError } from '../ground/errors';
import type { Services } from '../kit/services';
import type { GatewaysService } from './gateways/service';
import type { StoredWebinar, WebinarsRepository } from './repository';
import { oneLine } from './text';

/** BBB's bound for `sendChatMessage` (bbb.md §0.6), kept for the gateway's chat too. */
export const chatMaxChars = 500;

/** BBB 3.0 and later have `sendChatMessage`; 2.x and Scalelite do not (bbb.md §0.5–0.6). */
export const hasChatApi = (version: string | null): boolean => {
  const major = /^(\d+)\./.exec(version ?? '')?.[1];
  return major !== undefined && Number(major) >= 3;
};

/**
 * Listener messages into the BBB public chat (issue #13 §7): `(Author) text`, through BBB's
 * `sendChatMessage` on 3.0+ (Scalelite refuses it: then the gateway's chat), else the gateway's
 * chat, whose quotes the legacy client replaces (§8.5.12). Each author is limited to
 * WEBINAR_CHAT_PER_MINUTE messages a minute, each message to 500 characters with its prefix
 * (Pod: no limit at all).
 */
export function createWebinarChat(o: {
  s: Services;
  repo: WebinarsRepository;
  gateways: GatewaysService;
  bbbServers: BbbServersService;
  require: (id: number) => StoredWebinar;
}) {
  const { s, repo } = o;

  async function deliver(
    w: StoredWebinar,
    author: string,
    text: string,
  ): Promise<'bbb' | 'gateway'> {
    const server = o.bbbServers.repo.byId(w.serverId);
    // Not contacted yet (version unknown): try; 2.x and Scalelite answer unsupportedRequest.
    if (server && (server.version === null || hasChatApi(server.version))) {
      try {
        await o.bbbServers.clientFor(server).sendChatMessage(w.meetingId, text, 'Webinaire');
        return 'bbb';
      } catch (error) {
        if (!(error instanceof BbbError && error.messageKey === 'unsupportedRequest')) throw error;
      }
    }
    const handle = w.handle;
    if (handle === null)
      throw new RegieError(
        'conflict',
        bi(
          `Webinar ${String(w.id)} is not live: its gateway carries listener messages only while it streams.`,
          `Le webinaire ${String(w.id)} n'est pas en direct : sa passerelle ne transmet les messages que pendant le direct.`,
        ),
      );
    await o.gateways.withClient(handle.gatewayId, (gateway) => gateway.sendChat(handle, text));
    return 'gateway';
  }

  return {
    async send(
      webinarId: number,
      rawAuthor: string,
      rawMessage: string,
      origin: 'console' | 'relay',
    ): Promise<WebinarChatMessage> {
      const w = o.require(webinarId);
      if (w.status !== 'live')
        throw new RegieError(
          'conflict',
          bi(
            `Webinar ${String(w.id)} "${w.name}" is not live: listener messages go through while it is.`,
            `Le webinaire ${String(w.id)} « ${w.name} » n'est pas en direct : les messages passent pendant le direct.`,
          ),
        );
      const author = oneLine(rawAuthor, 64);
      const message = oneLine(rawMessage);
      const text = `(${author}) ${message}`;
      const errors: Record<string, ReturnType<typeof bi>> = {};
      if (author === '') errors.author = bi('a name', 'un nom');
      if (message === '') errors.message = bi('an empty message', 'un message vide');
      else if (text.length > chatMaxChars)
        errors.message = bi(
          `${String(text.length)} characters with the name, at most ${String(chatMaxChars)}`,
          `${String(text.length)} caractères avec le nom, au plus ${String(chatMaxChars)}`,
        );
      if (Object.keys(errors).length > 0) throw validationError(errors);
      const nowMs = s.now().getTime();
      const limit = Math.max(1, s.settings.get('WEBINAR_CHAT_PER_MINUTE'));
      if (repo.countSince(w.id, author, nowMs - 60_000) >= limit)
        throw new RegieError(
          'conflict',
          bi(
            `${author} has sent ${String(limit)} messages in the last minute: wait a moment before the next one.`,
            `${author} a envoyé ${String(limit)} messages dans la dernière minute : patientez un peu avant le suivant.`,
          ),
        );
      // The relay is public to whoever has its address, and a name costs nothing to change: its
      // messages together are held to ten authors' worth a minute.
      if (origin === 'relay' && repo.countRelaySince(w.id, nowMs - 60_000) >= 10 * limit)
        throw new RegieError(
          'conflict',
          bi(
            `Too many listener messages for webinar ${String(w.id)} in the last minute: wait a moment.`,
            `Trop de messages d'auditeurs pour le webinaire ${String(w.id)} dans la dernière minute : patientez un peu.`,
          ),
        );
      const via = await deliver(w, author, text);
      const sent = repo.addMessage({ webinarId: w.id, author, text: message, via, origin }, nowMs);
      s.record({
        kind: 'webinar.chat',
        subject: `webinar:${String(w.id)}`,
        ...(origin === 'relay' ? { by: 'system' as const } : {}),
        text: bi(
          `Webinar ${String(w.id)}: message from ${author} sent to the BBB chat via ${via === 'bbb' ? 'sendChatMessage' : 'the gateway'} (${String(message.length)} characters)`,
          `Webinaire ${String(w.id)} : message de ${author} envoyé au chat BBB via ${via === 'bbb' ? 'sendChatMessage' : 'la passerelle'} (${String(message.length)} caractères)`,
        ),
      });
      s.events.emit('webinars.chatted', sent);
      return sent;
    },
  };
}
