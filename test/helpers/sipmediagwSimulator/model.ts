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
  rtmpDst: string;
  domain: string;
  /** BBB opens the chat panel by default; Pod toggles it off at start when the webinar hides it. */
  chatVisible: boolean;
  messages: string[];
}

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
  running: Map<string, SipRunning>;
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
