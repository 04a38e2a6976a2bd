import type { Bilingual } from './entities';

/**
 * Webinars (issue #13): BBB meetings streamed by a SIPMediaGW gateway to an RTMP server whose
 * HLS side the audience watches. Nothing secret here: gateway tokens never leave the main side.
 */

/** `auto` probes the gateway once; the detected generation is kept (reference/bbb.md §4.2–4.3). */
export const gatewayApis = ['auto', 'legacy', 'current'] as const;
export type GatewayApi = (typeof gatewayApis)[number];

/** The last `gateways.test`: the generation found and whether the token is accepted. */
export interface GatewayTestReport {
  at: string;
  ok: boolean;
  generation: 'legacy' | 'current' | null;
  text: Bilingual;
}

/** Pod's "Passerelle de live": an RTMP destination, its HLS side, and the SIPMediaGW feeding it. */
export interface LiveGatewayView {
  id: number;
  name: string;
  /** `rtmp://live.univ.fr/live/name`. */
  rtmpUrl: string;
  /** `https://live.univ.fr/hls/name.m3u8`: what the audience (and the preview) plays. */
  hlsUrl: string;
  /** `https://sipmediagw.univ.fr`; empty for a gateway mirrored from Pod (Pod does not expose it). */
  sipmediagwUrl: string;
  hasToken: boolean;
  api: GatewayApi;
  /** What `auto` found at the last test or start. */
  detectedApi: 'legacy' | 'current' | null;
  /** Off only for a self-signed gateway; the console shows it as such. */
  tlsVerify: boolean;
  isEnabled: boolean;
  origin: 'regie' | 'pod';
  podGatewayId: number | null;
  /** False until SIPMediaGW URL and token are set (Pod-mirrored gateways); not allocated then. */
  isComplete: boolean;
  lastTest: GatewayTestReport | null;
  /** The webinar whose live runs on it now. */
  busyWith: { webinarId: number; name: string } | null;
}

/** The HLS side as the main side reads it: playlist, newest segment, its size and picture. */
export interface HlsHealth {
  url: string;
  at: string;
  /** `live`: a segment younger than 3 target durations; `stale`: older; `noStream`: 404 or empty. */
  state: 'live' | 'stale' | 'noStream' | 'error';
  /** Seconds since the newest segment appeared (its Last-Modified, else first sight). */
  lastSegmentAgeSeconds: number | null;
  bitrateKbps: number | null;
  width: number | null;
  height: number | null;
  segmentCount: number;
  targetDurationSeconds: number | null;
  text: Bilingual;
}

/**
 * `scheduled`: created, no live yet; `starting`: BBB created, gateway asked; `live`: the gateway
 * streams; `stopping`; `liveStopped`: the live stopped, the BBB meeting may still run; `ended`:
 * the BBB meeting ended (by Régie or noticed) and the live is stopped.
 */
export const webinarStatuses = [
  'scheduled',
  'starting',
  'live',
  'stopping',
  'liveStopped',
  'ended',
] as const;
export type WebinarStatus = (typeof webinarStatuses)[number];

export interface WebinarView {
  id: number;
  name: string;
  serverId: number;
  serverName: string;
  /** The BBB meetingID. */
  meetingId: string;
  startAt: string;
  durationMinutes: number;
  endAt: string;
  /** The webinar's setting: the chat panel is shown in the stream. */
  enableChat: boolean;
  /** The gateway's chat panel as Régie last set it; null before the first start. */
  chatVisible: boolean | null;
  owner: string | null;
  additionalOwners: string[];
  gatewayId: number | null;
  gatewayName: string | null;
  hlsUrl: string | null;
  status: WebinarStatus;
  bbb: { running: boolean | null; checkedAt: string | null; error: Bilingual | null };
  /** Whether one watcher follows the meeting now (exactly one while live). */
  isWatched: boolean;
  liveStartedAt: string | null;
  liveStoppedAt: string | null;
  endedAt: string | null;
  /** The join relay's public address (WEBINAR_PUBLIC_URL + the room path); null when unset. */
  relayUrl: string | null;
  lastError: Bilingual | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface WebinarChatMessage {
  id: number;
  webinarId: number;
  author: string;
  text: string;
  /** Where it went: BBB's `sendChatMessage` (3.0+) or the gateway's chat. */
  via: 'bbb' | 'gateway';
  origin: 'console' | 'relay';
  at: string;
}
