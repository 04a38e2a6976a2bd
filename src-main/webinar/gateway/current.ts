import { isObject, unless2xx } from './answers';
import type { GatewayHttp } from './http';
import type { GatewayClient } from './types';

/**
 * Current SIPMediaGW (FastAPI, main since 2026-01; reference/bbb.md §4.3): JSON bodies, a
 * `{"status","data"}` envelope, errors as `{"status":"error","error":{code,message}}`, chat
 * through `/gateway/command` with the events the in-container server understands.
 */
export function currentClient(http: GatewayHttp): GatewayClient {
  const command = async (gwId: string, payload: unknown, action: string, signal?: AbortSignal) => {
    const json = unless2xx(
      http,
      await http.call('POST', `/gateway/command?gw_id=${encodeURIComponent(gwId)}`, action, {
        body: payload,
        signal,
      }),
      action,
    );
    if (json.status !== 'success') throw http.fail({ failure: 'garbled', action, status: 200 });
  };
  const idOf = (handle: { gwId: string | null; room: string }) => handle.gwId ?? handle.room;
  return {
    generation: 'current',
    async checkAccess(signal) {
      // The proxy in front checks the token (401/403); without a gw_id the API answers 422.
      const action = 'check the token';
      const answer = await http.call('GET', '/gateway/status', action, { signal });
      // 422 (no gw_id) or the API's own 404 in its envelope; a bare 404 is some other server.
      const enveloped = isObject(answer.json) && typeof answer.json.status === 'string';
      if (enveloped && (answer.status === 422 || answer.status === 404)) return;
      unless2xx(http, answer, action);
      if (!enveloped) throw http.fail({ failure: 'garbled', action, status: answer.status });
    },
    async start(request, signal) {
      const action = `start ${request.room}`;
      const json = unless2xx(
        http,
        await http.call('POST', '/gateway/start', action, {
          body: {
            room: request.room,
            // Optional in the docs, required by the code at the same commit (bbb.md §4.3).
            gw_id: request.room,
            main_app: 'streaming',
            webrtc_domain: request.domain,
            rtmp_dst: request.rtmpDst,
          },
          signal,
        }),
        action,
      );
      const data = json.data;
      if (json.status !== 'success' || !isObject(data) || typeof data.gw_id !== 'string')
        throw http.fail({ failure: 'garbled', action, status: 200 });
      if (data.processing_state !== 'working')
        throw http.fail({
          failure: 'notStarted',
          action,
          said: String(data.processing_state ?? 'no processing state'),
        });
      return { generation: 'current', room: request.room, gwId: data.gw_id };
    },
    async stop(handle, signal) {
      const action = `stop ${idOf(handle)}`;
      const answer = await http.call('POST', '/gateway/stop', action, {
        body: { gw_id: idOf(handle) },
        signal,
      });
      if (answer.status === 404) return; // no such gateway running: stopped already
      const json = unless2xx(http, answer, action);
      if (json.status !== 'success') throw http.fail({ failure: 'garbled', action, status: 200 });
    },
    async status(handle, signal) {
      const action = `status ${idOf(handle)}`;
      const json = unless2xx(
        http,
        await http.call(
          'GET',
          `/gateway/status?gw_id=${encodeURIComponent(idOf(handle))}`,
          action,
          {
            signal,
          },
        ),
        action,
      );
      const data = isObject(json.data) ? json.data : {};
      const state = typeof data.gw_state === 'string' ? data.gw_state : null;
      return { isUp: state === 'up', detail: state };
    },
    toggleChat: (handle, signal) =>
      command(
        idOf(handle),
        { event: 'action', type: 'CHAT_INPUT', action: 'toggle' },
        `chat toggle ${idOf(handle)}`,
        signal,
      ),
    sendChat: (handle, text, signal) =>
      command(
        idOf(handle),
        { event: 'message', type: 'CHAT_INPUT', text },
        `chat message ${idOf(handle)}`,
        signal,
      ),
    close: () => http.close(),
  };
}
