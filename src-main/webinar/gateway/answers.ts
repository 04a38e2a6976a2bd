import type { GatewayAnswer, GatewayHttp } from './http';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The gateway's own words in an answer: legacy `Error`, `details.type`, current `error.message`. */
export function saidIn(json: unknown): string | undefined {
  if (!isObject(json)) return undefined;
  if (typeof json.Error === 'string') return json.Error;
  const details = json.details;
  if (isObject(details) && typeof details.type === 'string') return details.type;
  // The current API's docs say error.message; its code answers error.detail, or (422) a string.
  const error = json.error;
  if (isObject(error) && typeof error.message === 'string') return error.message;
  if (isObject(error) && typeof error.detail === 'string') return error.detail;
  if (typeof error === 'string') return error;
  if (typeof json.res === 'string' && json.res !== 'ok') return json.res;
  return undefined;
}

/**
 * An answer that is not a success, as a GatewayError: 401/403 the token, 4xx refused with the
 * gateway's words, 5xx the gateway's failure, and anything not JSON garbled. Success is decided
 * by the caller, which knows the shape it expects (§8.5.2: a 200 may hide a failure).
 */
export function unless2xx(http: GatewayHttp, answer: GatewayAnswer, action: string): Json {
  const said = saidIn(answer.json);
  const extra = { status: answer.status, ...(said === undefined ? {} : { said }) };
  if (!answer.isJson || !isObject(answer.json)) {
    if (answer.status === 401 || answer.status === 403)
      throw http.fail({ failure: 'auth', action, ...extra });
    throw http.fail({ failure: answer.status >= 500 ? 'server' : 'garbled', action, ...extra });
  }
  if (answer.status === 401 || answer.status === 403)
    throw http.fail({ failure: 'auth', action, ...extra });
  if (answer.status >= 500) throw http.fail({ failure: 'server', action, ...extra });
  if (answer.status >= 400) throw http.fail({ failure: 'refused', action, ...extra });
  return answer.json;
}

export { isObject };
