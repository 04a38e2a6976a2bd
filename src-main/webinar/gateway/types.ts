import type { Bilingual } from '../../../src-preload/contract';

/**
 * A SIPMediaGW gateway as Régie drives it (issue #13 §5; reference/bbb.md §4). Two HTTP APIs
 * exist: the `legacy` web.py launcher Pod speaks (`GET /start?room=…`, 2022–2026) and the
 * `current` FastAPI one (`POST /gateway/start`, main since 2026-01). One interface for both.
 */
export type GatewayGeneration = 'legacy' | 'current';

export interface GatewayConfig {
  /** `https://sipmediagw.univ.fr` (no trailing slash needed). */
  url: string;
  /** Sent as `Authorization: Bearer <token>`; a secret. */
  token: string;
  /** `auto` probes the gateway once (detect.ts). */
  api: GatewayGeneration | 'auto';
  /** On by default; off only for a self-signed gateway, and said so (Pod: always off, §8.5.4). */
  tlsVerify: boolean;
  /** Every call is bounded (Pod: no timeout, a hung gateway blocked its request thread). */
  timeoutMs: number;
}

export interface GatewayStart {
  /** The room SIPMediaGW names its containers after (legacy) or logs (current). */
  room: string;
  /** What the gateway's browser opens: `<host>/<path>` of the join relay, without a scheme. */
  domain: string;
  /** `rtmp://live.univ.fr/live/name`. */
  rtmpDst: string;
}

/** What a started gateway is known by: the room (legacy) or the gateway id (current). */
export interface GatewayHandle {
  generation: GatewayGeneration;
  room: string;
  gwId: string | null;
}

export interface GatewayStatus {
  isUp: boolean;
  detail: string | null;
}

export interface GatewayClient {
  readonly generation: GatewayGeneration;
  /**
   * A call that needs the token and starts nothing: proves URL, generation and token (an
   * explicit generation is not probed when opened, so a wrong token would otherwise go unseen).
   */
  checkAccess(signal?: AbortSignal): Promise<void>;
  start(request: GatewayStart, signal?: AbortSignal): Promise<GatewayHandle>;
  stop(handle: GatewayHandle, signal?: AbortSignal): Promise<void>;
  status(handle: GatewayHandle, signal?: AbortSignal): Promise<GatewayStatus>;
  toggleChat(handle: GatewayHandle, signal?: AbortSignal): Promise<void>;
  sendChat(handle: GatewayHandle, text: string, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export type GatewayFailure =
  'network' | 'tls' | 'timeout' | 'auth' | 'refused' | 'notStarted' | 'garbled' | 'server';

export interface GatewayErrorInit {
  failure: GatewayFailure;
  action: string;
  url: string;
  status?: number;
  /** The gateway's own words (`Error`, `details.type`, `error.message`). */
  said?: string;
  detail?: string;
}

export type { Bilingual };
