import { readFileSync } from 'node:fs';

/**
 * The two HTTP APIs RENATER SIPMediaGW has had (reference/bbb.md §4.2, §4.3): `legacy` is the
 * web.py `HTTPLauncher.py` that Esup-Pod's webinars drive, `current` the FastAPI one on main
 * since 2026-01.
 */
export type SipGeneration = 'legacy' | 'current';

export type SipStartOutcome = 'ok' | 'noResources' | 'launchFailed' | 'http500' | 'stall';

export interface SipSimOptions {
  generation: SipGeneration;
  /** Default `'1234'`, the constant `allowedToken` upstream. */
  token?: string;
  /** Added before every answer. */
  delayMs?: number;
  /**
   * After a successful start, join the room as SIPMediaGW's BBB script does (joiner.ts) and push
   * a test stream to the start's RTMP destination. Default true; false: the API alone.
   */
  join?: boolean;
  /** The room page's scheme: SIPMediaGW opens `https://<domain>/<room>`. Default 'https'. */
  joinScheme?: 'http' | 'https';
  /** What the gateway types into `#id_name`. Default 'SIPMediaGW'. */
  displayName?: string;
  /** The join as a whole (page, form, BBB). Default 30 s. */
  joinTimeoutMs?: number;
}

export interface SipSimCall {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON, or the raw text if it is not JSON, or null when empty. */
  body: unknown;
  authorization: string | null;
  at: number;
}

/** A room (legacy) or gateway (current) whose container is up. */
export interface SipRunning {
  room: string;
  rtmpDst: string;
  domain: string;
  /** BBB opens the chat panel by default; Pod toggles it off at start when the webinar hides it. */
  chatVisible: boolean;
  messages: string[];
  /** Set once the room page's form took the name and BBB's join led into its client. */
  joined: { name: string; joinUrl: string } | null;
  /** Why the join failed (page, form, redirect, BBB's answer); null while joining or joined. */
  joinError: string | null;
  /** The test stream is being pushed to `rtmpDst` (ffmpeg running). */
  pushing: boolean;
}

/** A room or gateway just started: not joined yet. */
export const newRunning = (init: {
  room: string;
  rtmpDst: string;
  domain: string;
}): SipRunning => ({
  ...init,
  chatVisible: true,
  messages: [],
  joined: null,
  joinError: null,
  pushing: false,
});

export interface SipSimulator {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  token: string;
  generation: SipGeneration;
  calls: SipSimCall[];
  /** Rooms (legacy) / gateways (current) currently up, by room or gw_id. */
  running: Map<string, SipRunning>;
  /** How the next start answers (one start only; then back to `ok`). */
  nextStart(outcome: SipStartOutcome): void;
  close(): Promise<void>;
}

/** What a route answers; `stall` keeps the socket open and never answers. */
export type SipAnswer =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; text: string; contentType: string }
  | 'stall';

/** What the route handlers share: the state, and the one-shot start outcome. */
export interface SipState {
  token: string;
  /** Read here; changed only through `setRunning` / `removeRunning`, which join and leave. */
  running: ReadonlyMap<string, SipRunning>;
  /** A start: the room is up (replacing one of the same key), then joins in the background. */
  setRunning(key: string, entry: SipRunning): void;
  /** A stop: false if nothing ran under `key`; the push ends before the answer goes out. */
  removeRunning(key: string): boolean;
  takeStartOutcome(): SipStartOutcome;
  /** Next gw_id for a current start without one: gw01, gw02… */
  newGwId(): string;
}

/** One fixture from test/fixtures/sipmediagw (README there: provenance), parsed afresh. */
export function fixture<T = Record<string, unknown>>(relPath: string): T {
  const url = new URL(`../../fixtures/sipmediagw/${relPath}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}

/** The bearer token of an `Authorization` header, as upstream reads it (`Bearer ` stripped if there). */
export const bearerToken = (authorization: string | null): string | null =>
  authorization === null ? null : authorization.replace(/^Bearer /, '');
