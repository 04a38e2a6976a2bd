import { request, type Dispatcher } from 'undici';
import { BbbError } from './errors';

export interface FetchLimits {
  /** The whole exchange, headers and body. */
  timeoutMs: number;
  /** An answer longer than this is an error, not a memory blow-up. */
  maxBytes: number;
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
}

/**
 * GET `url` and return its body as text, within a time and a size bound. `call` names the API
 * call in errors; the URL itself is never put in an error (it carries a checksum, and join URLs
 * are credentials).
 */
export async function fetchText(call: string, url: string, limits: FetchLimits): Promise<string> {
  const parts: string[] = [];
  await fetchStream(call, url, limits, (text) => parts.push(text));
  return parts.join('');
}

/**
 * GET `url` and hand its body over as decoded text pieces as they arrive, so a large answer is
 * never held whole. Same bounds and errors as fetchText.
 */
export async function fetchStream(
  call: string,
  url: string,
  limits: FetchLimits,
  onText: (text: string) => void,
): Promise<void> {
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = limits.signal ? AbortSignal.any([timeout, limits.signal]) : timeout;
  let response: Dispatcher.ResponseData;
  try {
    response = await request(url, {
      method: 'GET',
      signal,
      headers: { accept: 'application/xml, text/xml;q=0.9, */*;q=0.1' },
      headersTimeout: limits.timeoutMs,
      bodyTimeout: limits.timeoutMs,
      ...(limits.dispatcher ? { dispatcher: limits.dispatcher } : {}),
    });
  } catch (error) {
    throw failure(call, error, timeout, limits);
  }
  try {
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new BbbError({
        failure: 'http',
        call,
        status: response.statusCode,
        message: `HTTP ${String(response.statusCode)}`,
      });
    }
    const declared = Number(response.headers['content-length'] ?? NaN);
    if (declared > limits.maxBytes) throw tooLarge(call, limits.maxBytes);
    const decoder = new TextDecoder('utf-8');
    let size = 0;
    for await (const chunk of response.body) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > limits.maxBytes) throw tooLarge(call, limits.maxBytes);
      const text = decoder.decode(buffer, { stream: true });
      if (text !== '') onText(text);
    }
    const rest = decoder.decode();
    if (rest !== '') onText(rest);
  } catch (error) {
    response.body.destroy();
    if (error instanceof BbbError) throw error;
    throw failure(call, error, timeout, limits);
  }
}

function tooLarge(call: string, maxBytes: number): BbbError {
  return new BbbError({
    failure: 'tooLarge',
    call,
    message: `the answer is larger than ${String(maxBytes)} bytes`,
  });
}

function failure(call: string, error: unknown, timeout: AbortSignal, limits: FetchLimits) {
  if (limits.signal?.aborted) return error;
  const code = (error as { code?: string }).code ?? '';
  if (timeout.aborted || /TIMEOUT/i.test(code)) {
    return new BbbError({
      failure: 'timeout',
      call,
      message: `no complete answer within ${String(limits.timeoutMs)} ms`,
      cause: error,
    });
  }
  return new BbbError({
    failure: 'network',
    call,
    message: `${code || 'network error'}: ${(error as Error).message}`,
    cause: error,
  });
}
