import {
  bearerToken,
  fixture,
  newRunning,
  type SipAnswer,
  type SipSimCall,
  type SipState,
} from './model';

/*
 * The FastAPI HTTPLauncher.py on main since 2026-01, as documented in docs/sipmediagw_API.md @
 * 564e7a5 (reference/bbb.md §4.3): Bearer token on every route, errors in the envelope
 * {"status":"error","error":{"code","message"}}. (The code at that commit differs: see
 * test/fixtures/sipmediagw/README.md; commands are accepted both ways here.)
 */

const dir = 'current-fastapi-docs';

const json = (status: number, body: unknown): SipAnswer => ({ status, json: body });
const failure = (status: number, code: string, message: string): SipAnswer =>
  json(status, { status: 'error', error: { code, message } });
const invalid = (message: string) => failure(422, 'validation_error', message);

const routes: Record<string, string> = {
  '/gateway/start': 'POST',
  '/gateway/stop': 'POST',
  '/gateway/status': 'GET',
  '/gateway/command': 'POST',
};

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function handleCurrent(call: SipSimCall, state: SipState): SipAnswer {
  const method = routes[call.path];
  // Starlette's own answers, outside the app's exception handler.
  if (!method) return json(404, { detail: 'Not Found' });
  if (method !== call.method) return json(405, { detail: 'Method Not Allowed' });
  if (bearerToken(call.authorization) !== state.token) {
    return failure(403, 'forbidden', 'invalid token');
  }
  switch (call.path) {
    case '/gateway/start':
      return start(call.body, state);
    case '/gateway/stop':
      return stop(call.body, state);
    case '/gateway/status':
      return status(call.query.gw_id, state);
    default:
      return command(call, state);
  }
}

/** A string field: undefined if absent, null if present with another type. */
const stringField = (body: Obj, name: string): string | null | undefined =>
  body[name] === undefined || body[name] === null
    ? undefined
    : typeof body[name] === 'string'
      ? body[name]
      : null;

/** `webrtc_domain` is a string or `{"provider":{"name","domain"}}` (start_request.json). */
function domainOf(body: Obj): string {
  const d = body.webrtc_domain;
  if (typeof d === 'string') return d;
  if (isObject(d) && isObject(d.provider) && typeof d.provider.domain === 'string') {
    return d.provider.domain;
  }
  return typeof body.browsing_name === 'string' ? body.browsing_name : '';
}

function start(body: unknown, state: SipState): SipAnswer {
  if (!isObject(body)) return invalid('body: a JSON object is expected');
  for (const name of ['room', 'gw_id', 'main_app', 'rtmp_dst']) {
    if (stringField(body, name) === null) return invalid(`${name}: str type expected`);
  }
  const room = stringField(body, 'room');
  if (room === undefined) return invalid('room: field required');
  if (room === null) return invalid('room: str type expected');
  switch (state.takeStartOutcome()) {
    case 'stall':
      return 'stall';
    case 'http500':
      // An exception the app did not catch: Starlette's ServerErrorMiddleware page.
      return {
        status: 500,
        text: 'Internal Server Error',
        contentType: 'text/plain; charset=utf-8',
      };
    case 'noResources':
      return failure(500, 'no_resources', 'No free resources found');
    case 'launchFailed':
      return failure(500, 'launch_failed', 'The gateway failed to launch');
    case 'ok': {
      const gwId = stringField(body, 'gw_id') ?? state.newGwId();
      state.setRunning(
        gwId,
        newRunning({ room, rtmpDst: stringField(body, 'rtmp_dst') ?? '', domain: domainOf(body) }),
      );
      const answer = fixture<{ data: Obj }>(`${dir}/start_200.json`);
      answer.data.gw_id = gwId;
      return json(200, answer);
    }
  }
}

function stop(body: unknown, state: SipState): SipAnswer {
  if (!isObject(body)) return invalid('body: a JSON object is expected');
  const gwId = stringField(body, 'gw_id');
  if (gwId === undefined) return invalid('gw_id: field required');
  if (gwId === null) return invalid('gw_id: str type expected');
  if (!state.removeRunning(gwId)) {
    return failure(404, 'not_found', `no running container for gw_id=${gwId}`);
  }
  return json(200, fixture(`${dir}/stop_200.json`));
}

function status(gwId: string | undefined, state: SipState): SipAnswer {
  if (gwId === undefined) return invalid('gw_id: field required');
  const answer = fixture<{ data: Obj }>(`${dir}/status_200.json`);
  // The fixture's placeholders ("HH:MM:SS", "0%|45%|100%") are for recordings; a stream has none.
  answer.data = { gw_state: state.running.has(gwId) ? 'up' : 'down', gw_id: gwId };
  return json(200, answer);
}

function command(call: SipSimCall, state: SipState): SipAnswer {
  const body = call.body;
  // Documented: ?gw_id= and the payload as the body. Code @ 564e7a5: {"gw_id","payload"} as the body.
  const wrapped = isObject(body) && typeof body.gw_id === 'string' && isObject(body.payload);
  const gwId = call.query.gw_id ?? (wrapped ? (body.gw_id as string) : undefined);
  const payload = wrapped ? (body.payload as Obj) : body;
  if (gwId === undefined) return invalid('gw_id: field required');
  if (!isObject(payload)) return invalid('body: a JSON object is expected');
  const gw = state.running.get(gwId);
  if (!gw) return failure(404, 'not_found', `no running gateway gw_id=${gwId}`);
  // The container's event server (port 4444) messages, reference/bbb.md §4.1.
  if (payload.type === 'CHAT_INPUT' && payload.event === 'action' && payload.action === 'toggle') {
    gw.chatVisible = !gw.chatVisible;
  }
  if (
    payload.type === 'CHAT_INPUT' &&
    payload.event === 'message' &&
    typeof payload.text === 'string'
  ) {
    gw.messages.push(payload.text);
  }
  return json(200, { status: 'success', data: { ack: true, received: payload } });
}
