import { createHash } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { bbbChecksum, type ChecksumAlgorithm } from './checksum';
import { BbbError } from './errors';
import { fetchStream, fetchText } from './http';
import {
  parseMeeting,
  parseMeetings,
  parseRecordings,
  createRecordingsReader,
  parseVersion,
  responseOf,
} from './parse';
import { encodeQuery, type QueryParams } from './query';
import { apiBase } from './url';
import type { BbbMeetingInfo, BbbRecording, BbbRecordingsPage, BbbVersionInfo } from './types';
import { text } from './xml';

export interface BbbClientOptions {
  /** The server's API URL (`https://bbb.univ.fr/bigbluebutton/api`) or its base (`…/`). */
  url: string;
  /** The server's name in Régie, for the errors' messages. */
  name?: string;
  secret: string;
  /** Default sha256 (bbb.md §0.1); sha1 for old servers; never sha384 towards Scalelite. */
  algorithm?: ChecksumAlgorithm;
  /** Per request. Default 10 s. */
  timeoutMs?: number;
  /** Per answer. Default 64 MB. */
  maxBytes?: number;
  /** Per streamed answer (getRecordings, read batch by batch). Default 2 GB. */
  maxStreamBytes?: number;
  /** Extra tries of a read call after a network error, a timeout or a 5xx. Default 2. */
  retries?: number;
  /** First pause between tries; doubled each time. Default 250 ms. */
  retryDelayMs?: number;
  dispatcher?: Dispatcher;
}

export interface RecordingFilters {
  meetingIds?: readonly string[];
  /** Full ids or prefixes (BBB matches prefixes). */
  recordIds?: readonly string[];
  /** `processing`, `processed`, `published`, `unpublished`, `deleted`, or `any`. */
  states?: readonly string[];
  /** `meta_<key>=v1,v2`. */
  meta?: Readonly<Record<string, string>>;
}

export interface AllRecordingsOptions {
  /** 1–100 (BBB's bounds). Default 100. */
  pageSize?: number;
  /** Pages fetched at once once the total is known. Default 4. */
  concurrency?: number;
  signal?: AbortSignal;
  /**
   * Each batch of new recordings as it is read, for large servers: then they are not kept, and
   * `recordings` comes back empty.
   */
  onBatch?: (recordings: BbbRecording[]) => void;
}

export interface AllRecordings {
  /** Empty when `onBatch` took them. */
  recordings: BbbRecording[];
  /** Distinct recordings read. */
  count: number;
  /** `paged` when the server paginated (2.6+), `whole` when it answered everything at once. */
  mode: 'paged' | 'whole';
  requests: number;
}

const readCalls = new Set([
  '',
  'getMeetings',
  'getMeetingInfo',
  'isMeetingRunning',
  'getRecordings',
]);

/** One BBB or Scalelite server's API (reference/bbb.md §1). Stateless; safe to share. */
export function createBbbClient(options: BbbClientOptions) {
  const base = apiBase(options.url);
  const algorithm = options.algorithm ?? 'sha256';
  const limits = {
    timeoutMs: options.timeoutMs ?? 10_000,
    maxBytes: options.maxBytes ?? 64 * 1024 * 1024,
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
  };
  const retries = options.retries ?? 2;
  /** A streamed answer holds only a batch at a time: it may be much larger. */
  const streamMaxBytes = options.maxStreamBytes ?? 2 * 1024 * 1024 * 1024;
  const retryDelayMs = options.retryDelayMs ?? 250;

  /** The signed URL of a call: the query is encoded once, hashed, and sent as hashed. */
  function urlFor(call: string, params: QueryParams = []): string {
    const query = encodeQuery(params);
    const checksum = bbbChecksum(algorithm, call, query, options.secret);
    return `${base}/${call}?${query === '' ? '' : `${query}&`}checksum=${checksum}`;
  }

  /**
   * `attempt` once, or up to `retries` more times after a network error, a timeout or a 5xx when
   * `call` only reads, pausing `retryDelayMs`, then twice that, and so on.
   */
  async function withRetries<T>(call: string, attempt: () => Promise<T>): Promise<T> {
    const tries = readCalls.has(call) ? retries + 1 : 1;
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof BbbError) || !error.isTransient || n >= tries) throw error;
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** (n - 1)));
      }
    }
  }

  const get = (call: string, url: string, signal?: AbortSignal): Promise<string> =>
    withRetries(call, () =>
      fetchText(call || 'index', url, { ...limits, ...(signal ? { signal } : {}) }),
    );

  /**
   * A streamed read call with the same retries as `get`; `start` makes a fresh reader per try, so
   * a try cut in the middle is read again from the start (what it delivered is written again:
   * the writers are idempotent, and duplicates are dropped by record id).
   */
  const streamGet = <T>(
    call: string,
    url: string,
    start: () => { onText: (text: string) => void; done: () => T },
    signal?: AbortSignal,
  ): Promise<T> =>
    withRetries(call, async () => {
      const reader = start();
      const streamLimits = { ...limits, maxBytes: streamMaxBytes, ...(signal ? { signal } : {}) };
      await fetchStream(call, url, streamLimits, reader.onText);
      return reader.done();
    });

  /** Rethrows a BbbError with the server's name and the URL called (without its checksum). */
  const placed =
    (url: string) =>
    (error: unknown): never => {
      throw error instanceof BbbError ? error.at({ server: options.name, url }) : error;
    };

  const callApi = async (call: string, params: QueryParams = [], signal?: AbortSignal) => {
    const url = urlFor(call, params);
    return get(call, url, signal)
      .then((body) => responseOf(call, body))
      .catch(placed(url));
  };

  function recordingParams(filters: RecordingFilters, page?: { offset: number; limit: number }) {
    const params: [string, string][] = [];
    if (filters.meetingIds?.length) params.push(['meetingID', filters.meetingIds.join(',')]);
    if (filters.recordIds?.length) params.push(['recordID', filters.recordIds.join(',')]);
    if (filters.states?.length) params.push(['state', filters.states.join(',')]);
    for (const [key, value] of Object.entries(filters.meta ?? {}))
      params.push([`meta_${key}`, value]);
    if (page) params.push(['offset', String(page.offset)], ['limit', String(page.limit)]);
    return params;
  }

  async function getRecordings(
    filters: RecordingFilters = {},
    page?: { offset: number; limit: number },
    signal?: AbortSignal,
  ): Promise<BbbRecordingsPage> {
    return parseRecordings(await callApi('getRecordings', recordingParams(filters, page), signal));
  }

  return {
    base,
    algorithm,
    urlFor,

    /** The unsigned index document: BBB generation (3.x has bbbVersion), or Scalelite. */
    async version(signal?: AbortSignal): Promise<BbbVersionInfo> {
      return get('', base, signal)
        .then((body) => parseVersion(responseOf('index', body)))
        .catch(placed(base));
    },

    async getMeetings(signal?: AbortSignal): Promise<BbbMeetingInfo[]> {
      return parseMeetings(await callApi('getMeetings', [], signal));
    },

    /**
     * `getMeetings`, parsed only when the answer differs from the one hashed `previousHash`
     * (BBB's answer has no clock in it: same bytes, same meetings). Parsing is most of a poll's
     * cost, so an unchanged server costs a hash.
     */
    async getMeetingsIfChanged(
      previousHash: string | null,
      signal?: AbortSignal,
    ): Promise<{ hash: string; meetings: BbbMeetingInfo[] | null }> {
      const url = urlFor('getMeetings');
      const body = await get('getMeetings', url, signal).catch(placed(url));
      const hash = createHash('sha1').update(body).digest('base64');
      if (hash === previousHash) return { hash, meetings: null };
      try {
        return { hash, meetings: parseMeetings(responseOf('getMeetings', body)) };
      } catch (error) {
        return placed(url)(error);
      }
    },

    async getMeetingInfo(meetingId: string, signal?: AbortSignal): Promise<BbbMeetingInfo> {
      return parseMeeting(await callApi('getMeetingInfo', [['meetingID', meetingId]], signal));
    },

    async isMeetingRunning(meetingId: string, signal?: AbortSignal): Promise<boolean> {
      const response = await callApi('isMeetingRunning', [['meetingID', meetingId]], signal);
      return text(response, 'running') === 'true';
    },

    getRecordings,

    /**
     * Every recording matching `filters`: pages of `pageSize` on servers that paginate (2.6+,
     * either total layout), one answer on those that do not (≤2.5) or ignore offset/limit
     * (Scalelite, bbb.md §0.4). Duplicates from a list that moved between pages are dropped.
     */
    async getAllRecordings(
      filters: RecordingFilters = {},
      opts: AllRecordingsOptions = {},
    ): Promise<AllRecordings> {
      const pageSize = Math.min(100, Math.max(1, opts.pageSize ?? 100));
      const seen = new Set<string>();
      const kept: BbbRecording[] = [];
      let requests = 0;
      const take = (batch: BbbRecording[]) => {
        const fresh = batch.filter((r) => !seen.has(r.recordId) && (seen.add(r.recordId), true));
        if (fresh.length === 0) return;
        if (opts.onBatch) opts.onBatch(fresh);
        else kept.push(...fresh);
      };
      const fetchPage = async (page: { offset: number; limit: number }) => {
        requests++;
        const url = urlFor('getRecordings', recordingParams(filters, page));
        // Read as it arrives: a whole-server answer is never held at once.
        return streamGet(
          'getRecordings',
          url,
          () => {
            const reader = createRecordingsReader('getRecordings', take);
            return { onText: (text: string) => reader.push(text), done: () => reader.end() };
          },
          opts.signal,
        ).catch(placed(url));
      };
      const first = await fetchPage({ offset: 0, limit: pageSize });
      const total = first.totalElements;
      const result = (mode: AllRecordings['mode']): AllRecordings => ({
        recordings: kept,
        count: seen.size,
        mode,
        requests,
      });
      if (total === null || first.count > pageSize) return result('whole');
      const offsets: number[] = [];
      for (let offset = pageSize; offset < total; offset += pageSize) offsets.push(offset);
      let next = 0;
      const worker = async () => {
        while (next < offsets.length) {
          const offset = offsets[next++] ?? 0;
          await fetchPage({ offset, limit: pageSize });
        }
      };
      await Promise.all(
        Array.from({ length: Math.min(opts.concurrency ?? 4, offsets.length) }, worker),
      );
      return result('paged');
    },

    /** `create` (idempotent: a second call answers `duplicateWarning`). */
    async create(params: QueryParams, signal?: AbortSignal): Promise<BbbMeetingInfo> {
      return parseMeeting(await callApi('create', params, signal));
    },

    /** A signed join URL for a browser; never fetched here, never logged (a credential). */
    joinUrl(params: {
      meetingId: string;
      fullName: string;
      role: 'MODERATOR' | 'VIEWER';
      userId?: string;
    }): string {
      const query: [string, string][] = [
        ['fullName', params.fullName],
        ['meetingID', params.meetingId],
        ['role', params.role],
      ];
      if (params.userId) query.push(['userID', params.userId]);
      return urlFor('join', query);
    },

    async end(meetingId: string, signal?: AbortSignal): Promise<void> {
      await callApi('end', [['meetingID', meetingId]], signal);
    },

    /** BBB 3.0+ only; Scalelite answers `unsupportedRequest` (bbb.md §0.5, §0.6). */
    async sendChatMessage(
      meetingId: string,
      message: string,
      userName = 'Régie',
      signal?: AbortSignal,
    ): Promise<void> {
      if (message.length < 1 || message.length > 500) {
        throw new RangeError(
          `A chat message is 1 to 500 characters, not ${String(message.length)}`,
        );
      }
      await callApi(
        'sendChatMessage',
        [
          ['meetingID', meetingId],
          ['message', message],
          ['userName', userName],
        ],
        signal,
      );
    },

    async publishRecordings(recordIds: readonly string[], publish: boolean): Promise<boolean> {
      const response = await callApi('publishRecordings', [
        ['recordID', recordIds.join(',')],
        ['publish', String(publish)],
      ]);
      return text(response, 'published') === 'true';
    },

    async updateRecordings(
      recordIds: readonly string[],
      meta: Readonly<Record<string, string>>,
    ): Promise<boolean> {
      const params: [string, string][] = [['recordID', recordIds.join(',')]];
      for (const [key, value] of Object.entries(meta)) params.push([`meta_${key}`, value]);
      return text(await callApi('updateRecordings', params), 'updated') === 'true';
    },

    async deleteRecordings(recordIds: readonly string[]): Promise<boolean> {
      const response = await callApi('deleteRecordings', [['recordID', recordIds.join(',')]]);
      return text(response, 'deleted') === 'true';
    },
  };
}

export type BbbClient = ReturnType<typeof createBbbClient>;
