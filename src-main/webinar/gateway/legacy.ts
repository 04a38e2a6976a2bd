import { isObject, saidIn, unless2xx } from './answers';
import type { GatewayHttp } from './http';
import type { GatewayClient, GatewayHandle } from './types';

/**
 * Legacy SIPMediaGW (web.py `HTTPLauncher.py`, what Pod 4.x drives; reference/bbb.md §4.2):
 * Bearer token on GET, `POST /chat` unauthenticated, `/chat` answers a bare `{"res": …}`.
 */
export function legacyClient(http: GatewayHttp): GatewayClient {
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
  return {
    generation: 'legacy',
    async checkAccess(signal) {
      // Without a room: 401 on a wrong token, else 400 "a room name must be specified" (§4.2).
      const action = 'check the token';
      const answer = await http.call('GET', '/start', action, { signal });
      if (answer.status === 400 && /room/i.test(saidIn(answer.json) ?? '')) return;
      unless2xx(http, answer, action);
      throw http.fail({ failure: 'garbled', action, status: answer.status });
    },
    async start(request, signal) {
      const action = `start ${request.room}`;
      const json = unless2xx(
        http,
        await http.call(
          'GET',
          `/start?${q({ room: request.room, domain: request.domain, rtmpDst: request.rtmpDst })}`,
          action,
          { signal },
        ),
        action,
      );
      // §8.5.2: HTTP 200 and `status: success` wrap whatever the launch script printed, a
      // failure included; only `details.res == "ok"` means a gateway is streaming.
      const details = json.details;
      if (json.status !== 'success' || !isObject(details))
        throw http.fail({ failure: 'garbled', action, status: 200 });
      if (details.res !== 'ok') {
        const said = saidIn(json);
        throw http.fail({ failure: 'notStarted', action, ...(said ? { said } : {}) });
      }
      return { generation: 'legacy', room: request.room, gwId: null };
    },
    async stop(handle, signal) {
      const action = `stop ${handle.room}`;
      const answer = await http.call('GET', `/stop?${q({ room: handle.room })}`, action, {
        signal,
      });
      // Nothing running for that room: stopped already, which is what was asked.
      if (answer.status === 400 && /no running container/i.test(saidIn(answer.json) ?? '')) return;
      const json = unless2xx(http, answer, action);
      if (json.status !== 'success') throw http.fail({ failure: 'garbled', action, status: 200 });
    },
    async status(handle, signal) {
      const action = `progress ${handle.room}`;
      const answer = await http.call('GET', `/progress?${q({ room: handle.room })}`, action, {
        signal,
      });
      const json = unless2xx(http, answer, action);
      const state = typeof json.gw_state === 'string' ? json.gw_state : null;
      return { isUp: state !== 'down', detail: state };
    },
    async toggleChat(handle, signal) {
      await chatAnswer(http, `chat toggle ${handle.room}`, () =>
        http.call('GET', `/chat?${q({ room: handle.room, toggle: 'True' })}`, `chat toggle`, {
          signal,
        }),
      );
    },
    async sendChat(handle, text, signal) {
      await chatAnswer(http, `chat message ${handle.room}`, () =>
        http.call('POST', '/chat', 'chat message', {
          body: { room: handle.room, msg: withoutQuotes(text) },
          withToken: false,
          signal,
        }),
      );
    },
    close: () => http.close(),
  };
}

/** `/chat` answers a bare `{"res": "ok"}` (the code, not the doc's envelope: bbb.md §4.2). */
async function chatAnswer(
  http: GatewayHttp,
  action: string,
  send: () => ReturnType<GatewayHttp['call']>,
): Promise<void> {
  const json = unless2xx(http, await send(), action);
  const res = isObject(json.details) ? json.details.res : json.res;
  if (res !== 'ok') {
    const said = saidIn(json);
    throw http.fail({ failure: 'refused', action, ...(said ? { said } : {}) });
  }
}

/** The legacy chat relay breaks on quotes; Pod replaces them with ’ (§8.5.12), so does Régie. */
export const withoutQuotes = (text: string): string => text.replace(/["']/g, '’');

export type { GatewayHandle };
