import type { Bilingual } from './entities';

/**
 * The Pod connector's shapes (issue #11): a Pod server's REST API read into the mirror, and the
 * verified videos Régie publishes into it. Nothing secret: the token never leaves the main side.
 */

/** Where a Régie video stands in Pod. `none`: never sent; `queued`: a publish job waits;
 *  `uploading`: an upload started (and may have been cut: the next attempt looks Pod up first);
 *  `encoding`: Pod has the video and encodes it; `encoded`: Pod finished; `failed`: Pod's
 *  encoding failed (step -1); `refused`: Pod or the connection refused the publish (`error`). */
export const podStates = [
  'none',
  'queued',
  'uploading',
  'encoding',
  'encoded',
  'failed',
  'refused',
] as const;
export type PodState = (typeof podStates)[number];

export const podPublishModes = ['off', 'draft', 'public'] as const;
export type PodPublishMode = (typeof podPublishModes)[number];

/** A video's place in Pod, carried on every `Video`. */
export interface PodPublication {
  state: PodState;
  /** Pod's numeric video id, stored the moment Pod answers the upload. */
  videoId: number | null;
  /** The video's page on Pod (`<POD_URL>/video/<slug>/`). */
  pageUrl: string | null;
  isDraft: boolean | null;
  /** Pod's `get_encoding_step`, e.g. "2: start standard encoding". */
  step: string | null;
  error: Bilingual | null;
  updatedAt: string | null;
}

/** One line of `regie pod test`: what works and, when it does not, why and what to do. */
export interface PodCheck {
  name: 'configured' | 'reachable' | 'api' | 'token' | 'staff' | 'apps';
  ok: boolean;
  text: Bilingual;
}

export interface PodTestReport {
  at: string;
  ok: boolean;
  url: string;
  tlsVerify: boolean;
  checks: PodCheck[];
  /** The API routes Pod answers (`users`, `videos`, `buildings`…), from its API root. */
  apps: string[];
  /** Routes Régie reads that this Pod does not have (`live` and `meeting` apps are optional). */
  absentApps: string[];
}

export interface PodCounts {
  users: number;
  types: number;
  sites: number;
  recorders: number;
  buildings: number;
  broadcasters: number;
  liveGateways: number;
  /** Pod's BBB meetings (the meeting app), whose owners a migration uses. */
  meetings: number;
}

export interface PodMirrorReport {
  at: string;
  ok: boolean;
  durationMs: number;
  requests: number;
  counts: PodCounts;
  /** Régie users merged with Pod's: added from Pod, updated, adopted (same username). */
  usersAdded: number;
  usersUpdated: number;
  usersAdopted: number;
  /** Régie's own users that Pod does not know (at most 50 names; `regieOnlyCount` is all). */
  regieOnly: string[];
  regieOnlyCount: number;
  /** Optional apps this Pod does not have (their tables stay empty). */
  absentApps: string[];
  error: Bilingual | null;
  warnings: Bilingual[];
}

/** Settings → Pod: the connection as configured and what the last test and mirror found. */
export interface PodStatusView {
  configured: boolean;
  url: string;
  tlsVerify: boolean;
  publishMode: PodPublishMode;
  mirrorMinutes: number;
  isMirroring: boolean;
  lastTest: PodTestReport | null;
  lastMirror: PodMirrorReport | null;
  counts: PodCounts;
  /** Pod publications by state, for the Library's filter. */
  videosByState: Partial<Record<PodState, number>>;
}

export interface PodType {
  id: number;
  title: string;
  description: string;
}

export interface PodRecorder {
  id: number;
  name: string;
  description: string;
  addressIp: string;
  recordingType: string;
}

export interface PodBroadcaster {
  id: number;
  name: string;
  slug: string;
  buildingName: string | null;
  url: string;
  status: boolean;
  isRestricted: boolean;
}

/** What Régie knows of Pod besides its users, for the pickers and Settings → Pod. */
export interface PodCatalog {
  types: PodType[];
  recorders: PodRecorder[];
  broadcasters: PodBroadcaster[];
  liveGateways: { id: number; rtmpStreamUrl: string; broadcasterId: number | null }[];
}
