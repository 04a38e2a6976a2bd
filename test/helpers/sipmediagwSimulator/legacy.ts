import {
  bearerToken,
  fixture,
  newRunning,
  type SipAnswer,
  type SipSimCall,
  type SipState,
} from './model';

/*
 * The web.py HTTPLauncher.py (Renater/SIPMediaGW @ 771394a, 2024-07, and dc13d42, 2025-11;
 * reference/bbb.md §4.2). Routes are `^/start$`, `/stop`, `/progress`, `/chat`; anything else is
 * web.py's "not found" page, a wrong method its "method not allowed" page.
 */

const derived = 'legacy-httplauncher/derived-from-code';
const docs = 'legacy-httplauncher/docs';

const json = (status: number, body: unknown, headers?: Record<string, string>): SipAnswer => ({
  status,
  json: body,
  headers,
});
const html = (status: number, text: string): SipAnswer => ({
  status,
  text,
  contentType: 'text/html; charset=utf-8',
});

const routes: Record<string, string[]> = {
  '/start': ['GET'],
  '/stop': ['GET'],
  '/progress': ['GET'],
  '/chat': ['GET', 'POST'],
};

export function handleLegacy(call: SipSimCall, state: SipState): SipAnswer {
  const methods = routes[call.path];
  if (!methods) return html(404, 'not found');
  if (!methods.includes(call.method)) return html(405, 'method not allowed');
  // Every GET is wrapped in @authorize; POST /chat is not (Pod sends it without a token).
  if (call.method === 'GET' && bearerToken(call.authorization) !== state.token) {
    return json(401, fixture(`${docs}/error_401.json`), {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
  }
  const q = call.query;
  // Upstream treats room "0" as no room (`data['room'] != '0'`), except on /chat.
  const room = q.room !== undefined && (q.room !== '0' || call.path === '/chat') ? q.room : null;
  const noRoom = () => json(400, fixture(`${docs}/start_400_no_room.json`));
  switch (call.path) {
    case '/start':
      return room === null ? noRoom() : start(room, q, state);
    case '/stop':
      return room === null ? noRoom() : stop(room, state);
    case '/progress':
      if (room === null) return noRoom();
      // Up: no gw_state key at all (only recording_duration / transcript_progress, none for streaming).
      return json(
        200,
        state.running.has(room)
          ? { status: 'success' }
          : fixture(`${derived}/progress_200_down.json`),
      );
    default:
      return call.method === 'GET' ? chatToggle(room, q, state) : chatMessage(call.body, state);
  }
}

function start(room: string, q: Record<string, string>, state: SipState): SipAnswer {
  switch (state.takeStartOutcome()) {
    case 'stall':
      return 'stall';
    case 'http500':
      return json(500, fixture(`${docs}/start_500.json`));
    // The trap (reference/bbb.md §4.2): HTTP 200 and status "success", details.res "error".
    case 'noResources':
      return json(200, fixture(`${derived}/start_200_but_no_free_resources.json`));
    case 'launchFailed':
      return json(200, fixture(`${derived}/start_200_but_launch_failed.json`));
    case 'ok': {
      const body = fixture<{ details: { uri: string } }>(`${derived}/start_200_streaming.json`);
      const rtmpDst = q.rtmpDst ?? '';
      body.details.uri = rtmpDst;
      state.setRunning(room, newRunning({ room, rtmpDst, domain: q.domain ?? '' }));
      return json(200, body);
    }
  }
}

function stop(room: string, state: SipState): SipAnswer {
  if (!state.removeRunning(room)) {
    return json(400, { Error: `no running container for room=${room}` });
  }
  return json(200, fixture(`${docs}/stop_200.json`));
}

/** `forwardCommand` answers `{"res":"ok"}`, or the docker compose / netcat stderr when it failed. */
const forwarded = (room: string, state: SipState): SipAnswer =>
  state.running.has(room)
    ? json(200, fixture(`${derived}/chat_200_ok_actual.json`))
    : json(200, { res: `nc: getaddrinfo for host "${room}" port 4444: Name or service not known` });

function chatToggle(room: string | null, q: Record<string, string>, state: SipState): SipAnswer {
  if (room === null) return json(400, fixture(`${docs}/start_400_no_room.json`));
  if (q.toggle === undefined)
    return json(400, fixture(`${docs}/chat_get_400_toggle_expected.json`));
  const answer = forwarded(room, state);
  const gw = state.running.get(room);
  if (gw) gw.chatVisible = !gw.chatVisible;
  return answer;
}

function chatMessage(body: unknown, state: SipState): SipAnswer {
  // json.loads of a body that is not a JSON object raises: web.py's internal error page.
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return html(500, 'internal server error');
  }
  const data = body as Record<string, unknown>;
  if (!('room' in data)) return json(400, fixture(`${docs}/start_400_no_room.json`));
  if (typeof data.msg !== 'string') {
    return json(400, fixture(`${docs}/chat_post_400_message_missing.json`));
  }
  const room = String(data.room);
  const answer = forwarded(room, state);
  state.running.get(room)?.messages.push(data.msg);
  return answer;
}
