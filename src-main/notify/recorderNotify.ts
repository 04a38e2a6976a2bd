import { createHash } from 'node:crypto';
import { get as httpsGet } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Pod's self-notification: once a recorder's file is complete, the scanner calls Pod's
 * `/record/recorder_notify/` view, which mails the recorder's manager (`ok`) or publishes the
 * file directly (`auto`). See ../../../shared/reference/pod-behaviour.md §1.3.4 and §1.4.1.
 */

export type NotifyResult =
  | { kind: 'ok' }
  | { kind: 'auto' }
  | { kind: 'nok'; reason: string }
  | { kind: 'error'; reason: string; attempts: number };

/**
 * The IP as Pod's `Recorder.ipunder()` writes it: `192.168.1.10` → `192_168_1_10`.
 * Only dots, as Pod: its view turns every `_` back into `.` to find the recorder (§1.4.1), so
 * an IPv6 address keeps its colons (URL-encoded now, §8.1.6) and still matches Pod's stored
 * `address_ip`.
 */
export function recordingPlace(ip: string): string {
  return ip.replace(/\./g, '_');
}

/**
 * md5(ip with underscores + salt), lowercase hex, UTF-8 (pod-behaviour.md §1.3.4, §8.1.5):
 * `192.168.1.10` with salt `abc` hashes `192_168_1_10abc`. The docs say "IP with dots"; the code
 * uses underscores on both sides, and so do we. An empty salt hashes the IP alone, as in Pod.
 */
export function notifyKey(ip: string, salt: string): string {
  return createHash('md5')
    .update(recordingPlace(ip) + salt, 'utf8')
    .digest('hex');
}

export interface NotifyUrlOptions {
  /** RECORDER_BASE_URL, with or without a trailing slash. */
  baseUrl: string;
  /** The recorder's `address_ip`. */
  ip: string;
  salt: string;
  /** Absolute path of the source file, as Pod sends it. */
  mediaPath: string;
  /** File name with its extension. */
  courseTitle: string;
}

/**
 * `<base>/record/recorder_notify/?recordingPlace=…&mediapath=…&key=…&course_title=…`.
 * Pod concatenates the values unencoded, so a file name with a space, `&`, `#` or `+` breaks the
 * call or changes its meaning (§8.1.6). Régie encodes every value; Django decodes them as usual.
 */
export function buildNotifyUrl(options: NotifyUrlOptions): string {
  const base = options.baseUrl.replace(/\/+$/, '');
  const query = new URLSearchParams({
    recordingPlace: recordingPlace(options.ip),
    mediapath: options.mediaPath,
    key: notifyKey(options.ip, options.salt),
    course_title: options.courseTitle,
  });
  return `${base}/record/recorder_notify/?${query.toString()}`;
}

export interface NotifyCallOptions {
  /** Per attempt, covering the connection and the whole body. */
  timeoutMs?: number;
  /** Retries after the first attempt, for network errors, timeouts and HTTP 5xx. */
  retries?: number;
  /** Wait before the first retry; doubled before each following one. */
  backoffMs?: number;
  /** RECORDER_ALLOW_INSECURE_REQUESTS: after a TLS certificate error, retry without verifying. */
  allowInsecure?: boolean;
  fetchImpl?: typeof fetch;
  /** How a backoff is waited: tests record the delays instead of reading a clock. */
  wait?: (ms: number) => Promise<unknown>;
}

/** What the server said, before interpretation. */
export interface NotifyReply {
  status: number;
  body: string;
}

type Attempt =
  | { kind: 'answer'; result: NotifyResult }
  | { kind: 'failed'; reason: string; isCertificateError: boolean };

const MAX_REASON = 500;

/**
 * Calls the notify URL and reads Pod's answer (§8.1.7): `ok`, `auto` or `nok: <reason>`.
 * A `nok` is an answer and is not retried. Network errors, timeouts and 5xx are retried with
 * exponential backoff; after the last retry the result is `error` with the last reason.
 * A certificate error is not retried as such (it will not heal by waiting): with `allowInsecure`
 * it is retried once without verification, as Pod does with `verify=False`, otherwise it is
 * reported. The salt is never part of the URL, so no reason can carry it.
 */
export async function callRecorderNotify(
  url: string,
  options: NotifyCallOptions = {},
): Promise<NotifyResult> {
  const {
    timeoutMs = 10_000,
    retries = 3,
    backoffMs = 1000,
    allowInsecure = false,
    fetchImpl = fetch,
    wait = sleep,
  } = options;
  let attempts = 0;
  let retriesDone = 0;
  let isInsecure = false;
  for (;;) {
    attempts += 1;
    const attempt = await attemptOnce(url, { timeoutMs, isInsecure, fetchImpl });
    if (attempt.kind === 'answer') return attempt.result;
    if (attempt.isCertificateError) {
      if (allowInsecure && !isInsecure && url.startsWith('https:')) {
        isInsecure = true;
        continue;
      }
      return {
        kind: 'error',
        reason: `${attempt.reason} (TLS certificate not accepted; RECORDER_ALLOW_INSECURE_REQUESTS is off)`,
        attempts,
      };
    }
    if (retriesDone >= retries) return { kind: 'error', reason: attempt.reason, attempts };
    await wait(backoffMs * 2 ** retriesDone);
    retriesDone += 1;
  }
}

async function attemptOnce(
  url: string,
  options: { timeoutMs: number; isInsecure: boolean; fetchImpl: typeof fetch },
): Promise<Attempt> {
  let reply: NotifyReply;
  try {
    reply = options.isInsecure
      ? await insecureGet(url, options.timeoutMs)
      : await fetchReply(url, options.timeoutMs, options.fetchImpl);
  } catch (error) {
    return { kind: 'failed', ...describeFailure(error, options.timeoutMs) };
  }
  if (reply.status >= 500) {
    const body = reply.body.trim();
    const reason = `HTTP ${String(reply.status)}${body ? `: ${body}` : ''}`;
    return { kind: 'failed', reason: bounded(reason), isCertificateError: false };
  }
  return { kind: 'answer', result: interpretReply(reply) };
}

/** Pod's view always answers 200 with a short body (§1.4.1). */
export function interpretReply(reply: NotifyReply): NotifyResult {
  const body = reply.body.trim();
  if (reply.status < 200 || reply.status >= 300) {
    return { kind: 'nok', reason: bounded(`HTTP ${String(reply.status)}: ${body}`) };
  }
  if (body === 'ok') return { kind: 'ok' };
  if (body === 'auto') return { kind: 'auto' };
  const nok = /^nok(?:\s*:|\s|$)/.exec(body);
  if (nok) return { kind: 'nok', reason: bounded(body.slice(nok[0].length).trim()) };
  return { kind: 'nok', reason: bounded(body) };
}

async function fetchReply(
  url: string,
  timeoutMs: number,
  fetchImpl: typeof fetch,
): Promise<NotifyReply> {
  const response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
  return { status: response.status, body: await response.text() };
}

/** The one request made without certificate verification; redirects are not followed. */
function insecureGet(url: string, timeoutMs: number): Promise<NotifyReply> {
  return new Promise((resolve, reject) => {
    const request = httpsGet(
      url,
      { rejectUnauthorized: false, agent: false, signal: AbortSignal.timeout(timeoutMs) },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
}

const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** fetch wraps the useful error (`ECONNREFUSED`, a certificate code) in `cause`. */
function describeFailure(
  error: unknown,
  timeoutMs: number,
): { reason: string; isCertificateError: boolean } {
  const chain: Error[] = [];
  for (let e: unknown = error; e instanceof Error && chain.length < 5; e = e.cause) chain.push(e);
  if (chain.some((e) => e.name === 'TimeoutError')) {
    return { reason: `no answer within ${String(timeoutMs)} ms`, isCertificateError: false };
  }
  const coded = chain.find((e) => typeof (e as { code?: unknown }).code === 'string');
  const code = coded ? String((coded as { code?: unknown }).code) : '';
  const message = (coded ?? chain.at(-1))?.message ?? String(error);
  return { reason: bounded(message), isCertificateError: CERTIFICATE_CODES.has(code) };
}

function bounded(text: string): string {
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}
