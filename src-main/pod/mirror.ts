import type { Bilingual, PodMirrorReport } from '../../src-preload/contract';
import { bi } from '../ground/errors';
import { messageOf } from '../ground/wording';
import type { PodClient } from './http';
import { idOfLink, slugOfLink } from './links';
import { walkPages } from './pages';
import type { PodRepository, PodTables, PodUser } from './repository';

type Json = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : undefined;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object';

/** The optional apps Régie reads (reference/pod-behaviour.md §7.1): `live`, `meeting`. */
const optionalRoutes = [
  'buildings',
  'broadcasters',
  'meeting_live_gateway',
  'meeting_session',
] as const;
const requiredRoutes = ['users', 'owners', 'groups', 'types', 'sites', 'recorder'] as const;

export interface MirrorOptions {
  client: PodClient;
  repo: PodRepository;
  now: () => Date;
  /** Pages fetched at once per list, users and owners walked side by side. */
  concurrency?: number;
  signal?: AbortSignal;
}

/** The routes Pod's API root lists (`GET /rest/`), which says which apps this Pod has. */
export async function apiRoutes(client: PodClient, signal?: AbortSignal): Promise<string[]> {
  const root = await client.get('/rest/', signal);
  return isObject(root) ? Object.keys(root) : [];
}

/**
 * One mirror of a Pod server (issue #11 §2): users with their Owner rows, groups for their
 * names, video types, sites, recorders, and buildings, broadcasters and live gateways where the
 * apps answer. Every list is walked to its end; the users are merged with Régie's, the other
 * tables replaced. Throws a PodError when Pod cannot be read; nothing is written then.
 */
export async function mirrorPod(options: MirrorOptions): Promise<PodMirrorReport> {
  const { client, repo, signal } = options;
  const started = options.now();
  const t0 = performance.now();
  const requestsBefore = client.requestCount;
  const concurrency = options.concurrency ?? 4;
  const warnings: Bilingual[] = [];

  const routes = new Set(await apiRoutes(client, signal));
  const missing = requiredRoutes.filter((r) => !routes.has(r));
  if (missing.length > 0 && routes.size > 0)
    warnings.push(
      bi(
        `Pod's API has no ${missing.join(', ')}: those are not mirrored.`,
        `L'API de Pod n'a pas ${missing.join(', ')} : ils ne sont pas recopiés.`,
      ),
    );
  const absentApps = optionalRoutes.filter((r) => !routes.has(r));

  const rowsOf = async (route: string): Promise<Map<number, Json>> => {
    const rows = new Map<number, Json>();
    if (!routes.has(route)) return rows;
    await walkPages(client, `/rest/${route}/`, {
      concurrency,
      ...(signal ? { signal } : {}),
      onRows: (page) => {
        for (const row of page) {
          const id = isObject(row) ? num(row.id) : undefined;
          if (id !== undefined && isObject(row)) rows.set(id, row);
        }
      },
    });
    return rows;
  };

  // Users and owners are the long lists (1,667 pages each for 20,000 people): side by side.
  const [
    users,
    owners,
    groups,
    types,
    sites,
    recorders,
    buildings,
    broadcasters,
    gateways,
    meetings,
  ] = await Promise.all([
    rowsOf('users'),
    rowsOf('owners'),
    rowsOf('groups'),
    rowsOf('types'),
    rowsOf('sites'),
    rowsOf('recorder'),
    rowsOf('buildings'),
    rowsOf('broadcasters'),
    rowsOf('meeting_live_gateway'),
    rowsOf('meeting_session'),
  ]);

  const groupName = new Map([...groups].map(([id, g]) => [id, str(g.name)]));
  const ownerOf = new Map<number, Json>();
  for (const owner of owners.values()) {
    const userId = idOfLink(owner.user, 'users') ?? num(owner.user);
    if (userId !== undefined) ownerOf.set(userId, owner);
  }
  const podUsers: PodUser[] = [];
  let unnamed = 0;
  for (const [id, row] of users) {
    const username = str(row.username).trim();
    if (username === '') {
      unnamed++;
      continue;
    }
    const owner = ownerOf.get(id);
    podUsers.push({
      podId: id,
      username,
      firstName: str(row.first_name),
      lastName: str(row.last_name),
      email: str(row.email),
      isStaff: row.is_staff === true,
      groups: (Array.isArray(row.groups) ? row.groups : [])
        .map((link) => groupName.get(idOfLink(link, 'groups') ?? -1) ?? '')
        .filter((name) => name !== ''),
      affiliation: str(owner?.affiliation),
      hashkey: owner && typeof owner.hashkey === 'string' ? owner.hashkey : null,
    });
  }
  if (unnamed > 0)
    warnings.push(
      bi(
        `${String(unnamed)} Pod users without a username were left out.`,
        `${String(unnamed)} utilisateurs Pod sans identifiant ont été ignorés.`,
      ),
    );

  const tables: PodTables = {
    types: [...types].map(([id, t]) => ({
      id,
      title: str(t.title),
      description: str(t.description),
    })),
    sites: [...sites].map(([id, s]) => ({ id, domain: str(s.domain), name: str(s.name) })),
    recorders: [...recorders].map(([id, r]) => ({
      id,
      name: str(r.name),
      description: str(r.description),
      addressIp: str(r.address_ip),
      recordingType: str(r.recording_type),
    })),
    buildings: [...buildings].map(([id, b]) => ({ id, name: str(b.name) })),
    broadcasters: [...broadcasters].map(([id, b]) => ({
      id,
      name: str(b.name),
      slug: str(b.slug) || (slugOfLink(b.url, 'broadcasters') ?? ''),
      buildingId: idOfLink(b.building, 'buildings') ?? null,
      url: str(b.broadcaster_url),
      status: b.status === true,
      isRestricted: b.is_restricted === true,
    })),
    liveGateways: [...gateways].map(([id, g]) => ({
      id,
      rtmpStreamUrl: str(g.rtmp_stream_url),
      broadcasterId: num(g.broadcaster_id) ?? null,
      siteId: num(g.site_id) ?? null,
    })),
    meetings: [...meetings].map(([id, m]) => ({
      id,
      meetingId: str(m.meeting_id),
      name: str(m.name),
      ownerPodId: num(m.owner_id) ?? null,
      isWebinar: m.is_webinar === true,
    })),
  };

  const at = started.toISOString();
  repo.replaceTables(tables);
  const merged = repo.mergeUsers(podUsers, at);
  if (merged.skipped.length > 0)
    warnings.push(
      bi(
        `${String(merged.skipped.length)} Pod users not merged: their username belongs to another Régie user linked to a different Pod user (${merged.skipped.slice(0, 10).join(', ')}).`,
        `${String(merged.skipped.length)} utilisateurs Pod non fusionnés : leur identifiant appartient à un autre utilisateur Régie lié à un autre utilisateur Pod (${merged.skipped.slice(0, 10).join(', ')}).`,
      ),
    );
  return {
    at,
    ok: true,
    durationMs: Math.round(performance.now() - t0),
    requests: client.requestCount - requestsBefore,
    counts: repo.counts(),
    usersAdded: merged.added,
    usersUpdated: merged.updated,
    usersAdopted: merged.adopted,
    regieOnly: merged.regieOnly.slice(0, 50),
    regieOnlyCount: merged.regieOnly.length,
    absentApps,
    error: null,
    warnings,
  };
}

/** A mirror that failed, as a report (the tables keep the previous mirror). */
export function failedMirror(
  repo: PodRepository,
  started: Date,
  error: unknown,
  durationMs: number,
): PodMirrorReport {
  return {
    at: started.toISOString(),
    ok: false,
    durationMs,
    requests: 0,
    counts: repo.counts(),
    usersAdded: 0,
    usersUpdated: 0,
    usersAdopted: 0,
    regieOnly: [],
    regieOnlyCount: 0,
    absentApps: [],
    error: messageOf(error),
    warnings: [],
  };
}
