import type { PodSimState, PodSimVideo } from './model';
import { say, type Lang } from './wire';

/**
 * Pod's REST routes (DefaultRouter, ../shared/reference/pod-behaviour.md §7.2): for each, its
 * rows in the viewset's order, its serializer's fields (hyperlinks absolute, built from the
 * request's Host as DRF does), its lookup and the filters the simulator honours.
 */

export interface Ctx {
  state: PodSimState;
  /** `http://<Host header>`: DRF builds every hyperlink from the request. */
  base: string;
  lang: Lang;
}

type Row = { id: number };

export interface Resource {
  name: string;
  /** The model name in "No <Model> matches the given query." */
  model: string;
  app?: 'live' | 'meeting';
  rows(ctx: Ctx): Row[];
  serialize(row: Row, ctx: Ctx): Record<string, unknown>;
  /** The URL key: the id, or the slug for broadcasters. */
  key?(row: Row): string;
  /** Narrows the rows by the query, or answers the 400 body of a bad filter value. */
  filter?(rows: Row[], params: URLSearchParams, ctx: Ctx): Row[] | Record<string, string[]>;
}

export const link = (ctx: Ctx, name: string, key: number | string): string =>
  `${ctx.base}/rest/${name}/${String(key)}/`;

const links = (ctx: Ctx, name: string, ids: readonly number[]) =>
  ids.map((id) => link(ctx, name, id));

/** django-filter's exact match on a text field; `id` must be an integer. */
const exact =
  <T extends Row>(fields: Record<string, (row: T) => string>) =>
  (rows: Row[], params: URLSearchParams, ctx: Ctx): Row[] | Record<string, string[]> => {
    let chosen = rows as T[];
    for (const [name, get] of Object.entries(fields)) {
      const wanted = params.get(name);
      if (wanted === null || wanted === '') continue;
      if (name.endsWith('id') && !/^\d+$/.test(wanted))
        return { [name]: [say('invalidInteger', ctx.lang)] };
      chosen = chosen.filter((row) => get(row) === wanted);
    }
    return chosen;
  };

/** django-filter's BooleanFilter: 'true'/'false' (and Python's spellings); anything else ignored. */
const boolParam = (value: string | null): boolean | null =>
  value === null
    ? null
    : /^(true|1)$/i.test(value)
      ? true
      : /^(false|0)$/i.test(value)
        ? false
        : null;

export function videoJson(video: PodSimVideo, ctx: Ctx): Record<string, unknown> {
  const owner = ctx.state.owners.find((o) => o.userId === video.ownerId);
  const duration = video.duration ?? 0;
  return {
    id: video.id,
    url: link(ctx, 'videos', video.id),
    video: `${ctx.base}/media/videos/${owner?.hashkey ?? 'unknown'}/${video.fileName}`,
    title: video.title,
    slug: video.slug,
    description: video.description,
    allow_downloading: false,
    is_360: false,
    owner: link(ctx, 'users', video.ownerId),
    additional_owners: [],
    date_added: video.dateAdded ?? '2026-01-01T00:00:00Z',
    date_evt: video.dateEvt,
    cursus: '0',
    main_lang: 'fr',
    is_draft: video.isDraft,
    is_restricted: false,
    restrict_access_to_groups: [],
    password: null,
    tags: '',
    thumbnail: null,
    type: link(ctx, 'types', video.typeId),
    discipline: [],
    channel: [],
    theme: [],
    licence: null,
    encoding_in_progress: video.encodingInProgress,
    duration,
    sites: links(ctx, 'sites', video.siteIds),
    disable_comment: false,
    get_encoding_step: video.step,
    get_version: 'O',
    encoded: video.encoded,
    duration_in_time: new Date(duration * 1000).toISOString().slice(11, 19),
  };
}

const empty = (name: string, model: string, app?: Resource['app']): Resource => ({
  name,
  model,
  ...(app ? { app } : {}),
  rows: () => [],
  serialize: (row) => ({ id: row.id }),
});

const byId = <T extends Row>(rows: T[]) => [...rows].sort((a, b) => a.id - b.id);

export const resources: Resource[] = [
  {
    name: 'users',
    model: 'User',
    // ordered by -date_joined: the generated users joined in id order, so newest = highest id.
    rows: (ctx) => [...ctx.state.users].sort((a, b) => b.id - a.id),
    serialize: (row, ctx) => {
      const u = row as PodSimState['users'][number];
      return {
        id: u.id,
        url: link(ctx, 'users', u.id),
        username: u.username,
        first_name: u.firstName,
        is_staff: u.isStaff,
        last_name: u.lastName,
        email: u.email,
        groups: links(ctx, 'groups', u.groupIds),
      };
    },
    filter: exact<PodSimState['users'][number]>({
      id: (u) => String(u.id),
      username: (u) => u.username,
      email: (u) => u.email,
    }),
  },
  {
    name: 'groups',
    model: 'Group',
    rows: (ctx) => byId(ctx.state.groups),
    serialize: (row, ctx) => {
      const g = row as PodSimState['groups'][number];
      return { id: g.id, url: link(ctx, 'groups', g.id), name: g.name };
    },
  },
  {
    name: 'sites',
    model: 'Site',
    rows: (ctx) => byId(ctx.state.sites),
    serialize: (row, ctx) => {
      const s = row as PodSimState['sites'][number];
      return { id: s.id, url: link(ctx, 'sites', s.id), domain: s.domain, name: s.name };
    },
  },
  {
    name: 'owners',
    model: 'Owner',
    rows: (ctx) => byId(ctx.state.owners),
    serialize: (row, ctx) => {
      const o = row as PodSimState['owners'][number];
      return {
        id: o.id,
        url: link(ctx, 'owners', o.id),
        user: link(ctx, 'users', o.userId),
        auth_type: o.authType,
        affiliation: o.affiliation,
        commentaire: '',
        hashkey: o.hashkey,
        userpicture: null,
        sites: links(ctx, 'sites', o.siteIds),
      };
    },
  },
  empty('accessgroups', 'AccessGroup'),
  {
    name: 'types',
    model: 'Type',
    rows: (ctx) => byId(ctx.state.types),
    serialize: (row, ctx) => {
      const t = row as PodSimState['types'][number];
      return {
        id: t.id,
        url: link(ctx, 'types', t.id),
        title: ctx.lang === 'fr' ? (t.titleFr ?? t.title) : t.title,
        description: t.description,
        icon: t.icon,
        sites: links(ctx, 'sites', t.siteIds),
      };
    },
  },
  {
    name: 'videos',
    model: 'Video',
    // Video.Meta.ordering is ["-date_added", "-id"]: newest first.
    rows: (ctx) => [...ctx.state.videos].sort((a, b) => b.id - a.id),
    serialize: (row, ctx) => videoJson(row as PodSimVideo, ctx),
    filter: (rows, params, ctx) => {
      let chosen = rows as PodSimVideo[];
      const owner = params.get('owner');
      if (owner !== null && owner !== '') {
        // A ModelChoiceFilter over all users: the numeric id of an existing one, never its URL.
        if (!ctx.state.users.some((u) => String(u.id) === owner))
          return { owner: [say('invalidChoice', ctx.lang)] };
        chosen = chosen.filter((v) => v.ownerId === Number(owner));
      }
      const type = params.get('type');
      if (type !== null && type !== '') chosen = chosen.filter((v) => String(v.typeId) === type);
      const draft = boolParam(params.get('is_draft'));
      if (draft !== null) chosen = chosen.filter((v) => v.isDraft === draft);
      const encoding = boolParam(params.get('encoding_in_progress'));
      if (encoding !== null) chosen = chosen.filter((v) => v.encodingInProgress === encoding);
      return chosen;
    },
  },
  empty('renditions', 'VideoRendition'),
  {
    name: 'recorder',
    model: 'Recorder',
    rows: (ctx) => byId(ctx.state.recorders),
    serialize: (row, ctx) => {
      const r = row as PodSimState['recorders'][number];
      return {
        id: r.id,
        url: link(ctx, 'recorder', r.id),
        name: r.name,
        description: r.description,
        address_ip: r.addressIp,
        recording_type: r.recordingType,
        sites: links(ctx, 'sites', r.siteIds),
      };
    },
  },
  empty('recording', 'Recording'),
  empty('recordingfile', 'RecordingFile'),
  empty('recordingfiletreatment', 'RecordingFileTreatment'),
  {
    name: 'buildings',
    model: 'Building',
    app: 'live',
    rows: (ctx) => [...ctx.state.buildings].sort((a, b) => a.name.localeCompare(b.name)),
    serialize: (row, ctx) => {
      const b = row as PodSimState['buildings'][number];
      return {
        id: b.id,
        url: link(ctx, 'buildings', b.id),
        name: b.name,
        headband: b.headband,
        gmapurl: b.gmapurl,
        sites: links(ctx, 'sites', b.siteIds),
      };
    },
  },
  {
    name: 'broadcasters',
    model: 'Broadcaster',
    app: 'live',
    rows: (ctx) => byId(ctx.state.broadcasters),
    key: (row) => (row as PodSimState['broadcasters'][number]).slug,
    serialize: (row, ctx) => {
      const b = row as PodSimState['broadcasters'][number];
      return {
        id: b.id,
        url: link(ctx, 'broadcasters', b.slug),
        name: b.name,
        slug: b.slug,
        building: link(ctx, 'buildings', b.buildingId),
        description: b.description,
        poster: null,
        broadcaster_url: b.broadcasterUrl,
        status: b.status,
        is_restricted: b.isRestricted,
        manage_groups: [],
        piloting_implementation: null,
        piloting_conf: null,
      };
    },
  },
  empty('events', 'Event', 'live'),
  {
    name: 'meeting_session',
    model: 'Meeting',
    app: 'meeting',
    rows: (ctx) => byId(ctx.state.meetingSessions),
    serialize: (row) => {
      const m = row as PodSimState['meetingSessions'][number];
      return {
        id: m.id,
        name: m.name,
        meeting_id: m.meetingId,
        start_at: '2025-01-06T09:00:00+01:00',
        created_at: '2025-01-01T08:00:00+01:00',
        owner_id: m.ownerId,
        is_personal: false,
        is_webinar: m.isWebinar,
        site_id: m.siteId,
      };
    },
  },
  empty('meeting_internal_recording', 'InternalRecording', 'meeting'),
  empty('meeting_livestream', 'Livestream', 'meeting'),
  {
    name: 'meeting_live_gateway',
    model: 'LiveGateway',
    app: 'meeting',
    rows: (ctx) => byId(ctx.state.liveGateways),
    serialize: (row) => {
      const g = row as PodSimState['liveGateways'][number];
      return {
        id: g.id,
        rtmp_stream_url: g.rtmpStreamUrl,
        broadcaster_id: g.broadcasterId,
        site_id: g.siteId,
      };
    },
    filter: exact<PodSimState['liveGateways'][number]>({ site_id: (g) => String(g.siteId) }),
  },
];
