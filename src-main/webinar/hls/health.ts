import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request, type Dispatcher } from 'undici';
import type { HlsHealth } from '../../../src-preload/contract';
import { probeMedia, resolveProgram } from '../../media';
import { noAnswerKind } from '../../net/failure';
import { parsePlaylist, PlaylistSyntaxError, type HlsPlaylist, type HlsVariant } from './playlist';
import {
  endedText,
  errorText,
  liveText,
  noStreamText,
  staleText,
  type HlsFailure,
  type LiveFigures,
} from './wording';

/**
 * The health of a gateway's HLS side (issue #13 §1): read the playlist like a player does, look
 * at its newest segment (age, size, picture) and say `live`, `stale`, `noStream` or `error` in
 * one bilingual line. Plain Node: the console's poller and the CLI's `gateway test` share it.
 */

/** What the caller keeps between probes of one URL: the newest segment seen and its figures. */
export interface HlsWatch {
  last: SeenSegment | null;
}

interface SeenSegment {
  /** Media sequence and absolute URL: nginx-rtmp reuses names after a restart. */
  key: string;
  /** On our clock: the segment's Last-Modified (skew removed), else when we first saw it. */
  appearedAtMs: number;
  bytes: number;
  width: number | null;
  height: number | null;
}

export const createHlsWatch = (): HlsWatch => ({ last: null });

export interface ProbeHlsOptions {
  /** Per request, and for ffprobe. Default 10 s. */
  timeoutMs?: number;
  /** Default true; off only for a self-signed streaming server (the gateway's opt-out). */
  tlsVerify?: boolean;
  now?: () => Date;
  /** Kept by the caller between probes, so an age is known without Last-Modified. */
  watch?: HlsWatch;
  /**
   * ffprobe, for the picture size when the master playlist gives no RESOLUTION. Undefined: found
   * as everywhere else (media/programs.ts: bundled, then PATH); null: not run.
   */
  ffprobe?: string | null;
  signal?: AbortSignal;
}

/** A live segment is younger than 3 target durations, and never called stale under 6 s. */
export const staleAfterSeconds = (targetDurationSeconds: number): number =>
  Math.max(3 * targetDurationSeconds, 6);

const MAX_PLAYLIST_BYTES = 1024 * 1024;
const MAX_SEGMENT_BYTES = 64 * 1024 * 1024;
const FFPROBE_MAX_MS = 10_000;

/** A failure that ends the probe with `error` (or `noStream` for a 404/410). */
class ProbeStop extends Error {
  constructor(
    readonly failure: HlsFailure | 'gone',
    readonly status?: number,
    readonly said?: string,
  ) {
    super(failure);
  }
}

export async function probeHls(url: string, options: ProbeHlsOptions = {}): Promise<HlsHealth> {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 10_000;
  const at = now();
  const base = { url, at: at.toISOString() };
  const empty = {
    lastSegmentAgeSeconds: null,
    bitrateKbps: null,
    width: null,
    height: null,
    segmentCount: 0,
    targetDurationSeconds: null,
  };
  const agent = new Agent({
    connections: 2,
    connect: { rejectUnauthorized: options.tlsVerify ?? true, timeout: timeoutMs },
  });
  const get = (target: string, maxBytes: number) =>
    fetchBytes(agent, target, { timeoutMs, maxBytes, signal: options.signal });
  try {
    const found = await mediaPlaylist(url, get);
    if (found === null)
      return { ...base, state: 'noStream', ...empty, text: noStreamText(url, null) };
    const { media, mediaUrl, variant } = found;
    const newest = media.segments.at(-1);
    if (!newest) return { ...base, state: 'noStream', ...empty, text: noStreamText(url, null) };
    const segmentUrl = new URL(newest.uri, mediaUrl).href;
    const key = `${String(newest.sequence)} ${segmentUrl}`;
    const seen =
      options.watch?.last?.key === key
        ? options.watch.last
        : await inspectSegment(segmentUrl, key, { get, now, timeoutMs, options, variant });
    if (options.watch) options.watch.last = seen;

    const target =
      media.targetDurationSeconds ?? Math.max(...media.segments.map((s) => s.durationSeconds));
    const age = Math.max(0, Math.round((now().getTime() - seen.appearedAtMs) / 100) / 10);
    const bitrate =
      newest.durationSeconds > 0
        ? Math.round((seen.bytes * 8) / newest.durationSeconds / 1000)
        : variant?.bandwidth
          ? Math.round(variant.bandwidth / 1000)
          : null;
    const figures: LiveFigures = {
      targetDurationSeconds: target,
      width: variant?.width ?? seen.width,
      height: variant?.height ?? seen.height,
      bitrateKbps: bitrate,
      ageSeconds: age,
    };
    const limit = staleAfterSeconds(target);
    const state = !media.hasEnded && age <= limit ? 'live' : 'stale';
    return {
      ...base,
      state,
      lastSegmentAgeSeconds: age,
      bitrateKbps: figures.bitrateKbps,
      width: figures.width,
      height: figures.height,
      segmentCount: media.segments.length,
      targetDurationSeconds: target,
      text:
        state === 'live'
          ? liveText(figures)
          : media.hasEnded
            ? endedText(url)
            : staleText({ ...figures, limitSeconds: limit, url }),
    };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    if (!(error instanceof ProbeStop)) throw error;
    if (error.failure === 'gone') {
      return {
        ...base,
        state: 'noStream',
        ...empty,
        text: noStreamText(url, error.status ?? null),
      };
    }
    const detail = {
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.said === undefined ? {} : { said: error.said }),
    };
    return { ...base, state: 'error', ...empty, text: errorText(url, error.failure, detail) };
  } finally {
    await agent.close();
  }
}

type Get = (target: string, maxBytes: number) => Promise<Fetched>;
type MediaPlaylist = Extract<HlsPlaylist, { kind: 'media' }>;

/** The media playlist: `url` itself, or a master playlist's first variant (what players start on). */
async function mediaPlaylist(
  url: string,
  get: Get,
): Promise<{ media: MediaPlaylist; mediaUrl: string; variant: HlsVariant | null } | null> {
  const top = await readPlaylist(url, get);
  if (top.playlist.kind === 'media')
    return { media: top.playlist, mediaUrl: top.url, variant: null };
  const variant = top.playlist.variants[0];
  if (!variant) return null;
  const mediaUrl = new URL(variant.uri, top.url).href;
  const media = await readPlaylist(mediaUrl, get);
  if (media.playlist.kind !== 'media') {
    throw new ProbeStop('garbled', undefined, `${mediaUrl} is a master playlist again`);
  }
  return { media: media.playlist, mediaUrl: media.url, variant };
}

async function readPlaylist(
  url: string,
  get: Get,
): Promise<{ playlist: HlsPlaylist; url: string }> {
  const answer = await get(url, MAX_PLAYLIST_BYTES);
  // 404 before the first segment and ~30 s after the publisher leaves (nginx-rtmp's cleanup,
  // reference/bbb.md §5): no stream, not a fault.
  if (answer.status === 404 || answer.status === 410) throw new ProbeStop('gone', answer.status);
  if (answer.status < 200 || answer.status > 299) throw new ProbeStop('status', answer.status);
  try {
    return { playlist: parsePlaylist(answer.body.toString('utf8')), url: answer.url };
  } catch (error) {
    if (!(error instanceof PlaylistSyntaxError)) throw error;
    throw new ProbeStop('garbled', answer.status, error.message);
  }
}

async function inspectSegment(
  url: string,
  key: string,
  context: {
    get: Get;
    now: () => Date;
    timeoutMs: number;
    options: ProbeHlsOptions;
    variant: HlsVariant | null;
  },
): Promise<SeenSegment> {
  const answer = await context.get(url, MAX_SEGMENT_BYTES);
  if (answer.status < 200 || answer.status > 299) {
    throw new ProbeStop('segment', answer.status, `HTTP ${String(answer.status)}`);
  }
  const receivedAt = context.now().getTime();
  const lastModified = Date.parse(answer.headers['last-modified'] ?? '');
  const serverDate = Date.parse(answer.headers.date ?? '');
  // Last-Modified is on the server's clock; its Date header says how far that is from ours.
  const skew = Number.isNaN(serverDate) ? 0 : receivedAt - serverDate;
  const appearedAtMs = Number.isNaN(lastModified)
    ? receivedAt
    : Math.min(receivedAt, lastModified + skew);
  const needsPicture = context.variant?.width == null || context.variant.height == null;
  const picture = needsPicture
    ? await pictureOf(answer.body, context.options.ffprobe, context.timeoutMs)
    : { width: null, height: null };
  return { key, appearedAtMs, bytes: answer.body.length, ...picture };
}

/** The picture size of a segment by ffprobe; unknown (nulls) when ffprobe is missing or fails. */
async function pictureOf(
  bytes: Buffer,
  ffprobeOption: string | null | undefined,
  timeoutMs: number,
): Promise<{ width: number | null; height: number | null }> {
  const unknown = { width: null, height: null };
  if (ffprobeOption === null) return unknown;
  let ffprobe: string;
  try {
    ffprobe = ffprobeOption ?? resolveProgram('ffprobe');
  } catch {
    // No ffprobe here: the size is left out of the indicator rather than failing the probe.
    return unknown;
  }
  const dir = await mkdtemp(join(tmpdir(), 'regie-hls-'));
  try {
    const path = join(dir, 'segment.ts');
    await writeFile(path, bytes);
    const info = await probeMedia(path, {
      ffprobe,
      timeoutMs: Math.min(timeoutMs, FFPROBE_MAX_MS),
    });
    return info.video ? { width: info.video.width, height: info.video.height } : unknown;
  } catch {
    // A segment ffprobe cannot read in time still counts for age and bitrate; players decide.
    return unknown;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface Fetched {
  status: number;
  /** After redirects. */
  url: string;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 3;

/**
 * One bounded GET, following up to 3 redirects like a player (http → https, a CDN) and keeping
 * the final URL, which relative segment URIs resolve against. No answer becomes a ProbeStop
 * naming why (net/failure.ts).
 */
async function fetchBytes(
  dispatcher: Dispatcher,
  url: string,
  limits: { timeoutMs: number; maxBytes: number; signal: AbortSignal | undefined },
): Promise<Fetched> {
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = limits.signal ? AbortSignal.any([timeout, limits.signal]) : timeout;
  let target = url;
  try {
    for (let hop = 0; ; hop++) {
      const response = await request(target, {
        method: 'GET',
        dispatcher,
        signal,
        headers: { accept: '*/*' },
        headersTimeout: limits.timeoutMs,
        bodyTimeout: limits.timeoutMs,
      });
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const location = headers.location;
      if (REDIRECTS.has(response.statusCode) && location && hop < MAX_REDIRECTS) {
        await response.body.dump();
        target = new URL(location, target).href;
        continue;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length;
        if (size > limits.maxBytes) {
          response.body.destroy();
          const said = `${target}: over ${String(limits.maxBytes)} bytes`;
          throw new ProbeStop('garbled', response.statusCode, said);
        }
        chunks.push(chunk as Buffer);
      }
      return { status: response.statusCode, url: target, headers, body: Buffer.concat(chunks) };
    }
  } catch (error) {
    if (error instanceof ProbeStop || limits.signal?.aborted) throw error;
    const { kind, code } = noAnswerKind(error, timeout.aborted);
    throw new ProbeStop(kind, undefined, code || undefined);
  }
}
