import { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import { noAnswerKind } from '../net/failure';
import { drfFieldErrors, PodError } from './errors';

export interface PodConfig {
  /** POD_URL without its trailing slash: `https://pod.univ.fr` or `https://host/pod`. */
  url: string;
  token: string;
  tlsVerify: boolean;
  timeoutMs: number;
  /** The language Pod answers in (`Accept-Language`); its DRF messages are translated back. */
  language: 'fr' | 'en';
}

export interface PodResponse {
  status: number;
  body: unknown;
}

export interface UploadBody {
  length: number;
  contentType: string;
  chunks: AsyncIterable<Uint8Array>;
}

/** An answer of Pod's API larger than this is refused (a page of 12 is a few KB). */
const MAX_JSON_BYTES = 20 * 1024 * 1024;
/** After an upload's last byte, Pod (Django) stores the file before it answers. */
const UPLOAD_ANSWER_MS = 15 * 60_000;

/**
 * Pod's REST API over one keep-alive connection pool: `Authorization: Token …` on every call,
 * JSON in, PodError out (issue #11 §5). The token is never put in an error or a log.
 */
export interface PodClient {
  readonly url: string;
  /** Requests sent so far (the mirror's report counts them). */
  readonly requestCount: number;
  /** GET an API path (`/rest/users/?page=2`) or one of Pod's own hyperlinks; JSON back. */
  get(pathOrLink: string, signal?: AbortSignal): Promise<unknown>;
  /** GET that answers the status too, for the connection test (no error on 4xx). */
  probe(path: string, signal?: AbortSignal): Promise<PodResponse & { isJson: boolean }>;
  /** POST a streamed multipart body; resolves with Pod's JSON answer. */
  upload(path: string, action: string, body: UploadBody, signal?: AbortSignal): Promise<unknown>;
  close(): Promise<void>;
}

export function createPodClient(config: PodConfig, dispatcher?: Dispatcher): PodClient {
  const base = config.url.replace(/\/+$/, '');
  const origin = new URL(base).origin;
  const agent =
    dispatcher ??
    new Agent({
      connections: 8,
      keepAliveTimeout: 10_000,
      connect: { rejectUnauthorized: config.tlsVerify, timeout: config.timeoutMs },
    });
  let count = 0;
  const headers = {
    authorization: `Token ${config.token}`,
    accept: 'application/json',
    'accept-language': config.language,
  };

  /**
   * Pod's `next` links carry the host and scheme Django saw, which behind a proxy may be
   * `http://internal:8000`; only their path and query are used, on POD_URL's origin.
   */
  const resolve = (pathOrLink: string): string => {
    if (/^https?:\/\//i.test(pathOrLink)) {
      const link = new URL(pathOrLink);
      return origin + link.pathname + link.search;
    }
    return base + (pathOrLink.startsWith('/') ? pathOrLink : `/${pathOrLink}`);
  };

  const fail = (init: Omit<ConstructorParameters<typeof PodError>[0], 'url'>) =>
    new PodError({ ...init, url: base });

  async function send(
    method: 'GET' | 'POST',
    target: string,
    action: string,
    options: { signal?: AbortSignal; body?: UploadBody },
  ): Promise<PodResponse & { isJson: boolean }> {
    count++;
    const url = resolve(target);
    // A GET is bounded as a whole; an upload only by its silences (it may last an hour).
    const timeout = options.body ? undefined : AbortSignal.timeout(config.timeoutMs);
    const signals = [timeout, options.signal].filter((s): s is AbortSignal => s !== undefined);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method,
        dispatcher: agent,
        signal: signals.length > 0 ? AbortSignal.any(signals) : undefined,
        headers: options.body
          ? {
              ...headers,
              'content-type': options.body.contentType,
              'content-length': String(options.body.length),
            }
          : headers,
        ...(options.body
          ? { body: Readable.from(options.body.chunks, { objectMode: false }) }
          : {}),
        headersTimeout: options.body ? UPLOAD_ANSWER_MS : config.timeoutMs,
        bodyTimeout: config.timeoutMs,
      });
    } catch (error) {
      throw networkFailure(error, action, timeout, options.signal);
    }
    let text: string;
    try {
      text = await readText(response.body);
    } catch (error) {
      throw networkFailure(error, action, timeout, options.signal);
    }
    const contentType = String(response.headers['content-type'] ?? '');
    let body: unknown = text;
    let isJson = false;
    if (/json/i.test(contentType) || /^\s*[[{]/.test(text)) {
      try {
        body = text === '' ? null : JSON.parse(text);
        isJson = true;
      } catch {
        isJson = false;
      }
    }
    return { status: response.statusCode, body, isJson };
  }

  function check(
    answer: PodResponse & { isJson: boolean },
    action: string,
    sentBytes?: number,
  ): unknown {
    const { status, body, isJson } = answer;
    const podDetail =
      isJson && body && typeof body === 'object' && 'detail' in body
        ? String((body as { detail: unknown }).detail)
        : undefined;
    const extra = podDetail === undefined ? {} : { podDetail };
    if (status === 413)
      throw fail({ failure: 'tooLarge', action, status, ...(sentBytes ? { sentBytes } : {}) });
    if (status === 401) throw fail({ failure: 'auth', action, status, ...extra });
    if (status === 403) throw fail({ failure: 'forbidden', action, status, ...extra });
    if (status === 400 && isJson) {
      const fieldErrors = drfFieldErrors(body);
      throw fail({
        failure: 'validation',
        action,
        status,
        ...(fieldErrors ? { fieldErrors } : {}),
      });
    }
    if (status === 404) throw fail({ failure: 'notFound', action, status, ...extra });
    if (status >= 500) throw fail({ failure: 'server', action, status });
    if (!isJson) throw fail({ failure: 'notJson', action, status });
    if (status < 200 || status >= 300) throw fail({ failure: 'server', action, status, ...extra });
    return body;
  }

  function networkFailure(
    error: unknown,
    action: string,
    timeout: AbortSignal | undefined,
    signal: AbortSignal | undefined,
  ): unknown {
    if (signal?.aborted) return error;
    const { kind, code } = noAnswerKind(error, timeout?.aborted === true);
    const message = (error as Error).message;
    return fail({
      failure: kind,
      action,
      detail: code ? `${code}: ${message}` : message,
      cause: error,
    });
  }

  return {
    url: base,
    get requestCount() {
      return count;
    },
    async get(pathOrLink, signal) {
      const action = `GET ${new URL(resolve(pathOrLink)).pathname}`;
      return check(await send('GET', pathOrLink, action, signal ? { signal } : {}), action);
    },
    probe: (path, signal) => send('GET', path, `GET ${path}`, signal ? { signal } : {}),
    async upload(path, action, body, signal) {
      return check(
        await send('POST', path, action, { body, ...(signal ? { signal } : {}) }),
        action,
        body.length,
      );
    },
    async close() {
      if (!dispatcher) await agent.close();
    },
  };
}

async function readText(body: Dispatcher.ResponseData['body']): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  let size = 0;
  let text = '';
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_JSON_BYTES) {
      body.destroy();
      throw Object.assign(new Error(`answer larger than ${String(MAX_JSON_BYTES)} bytes`), {
        code: 'TOO_LARGE',
      });
    }
    text += decoder.decode(buffer, { stream: true });
  }
  return text + decoder.decode();
}
