import { createHash } from 'node:crypto';

/**
 * What the simulated Pod holds, and its seed. The shapes follow Pod 4.1's models as its REST
 * serializers expose them (../shared/reference/pod-behaviour.md §7.2); the state arrays are live:
 * tests may push to them or edit them between requests.
 */

export interface PodSimOptions {
  /** Token of a staff user (40 chars). Default 'a'.repeat(40). */
  staffToken?: string;
  /** Token of a non-staff user (answers 403). Default 'b'.repeat(40). */
  userToken?: string;
  /** Generated users besides the staff admin (id 1, 'admin'): `u<i>`, id i+1. Default 30. */
  users?: number;
  /** Explicit users appended after the generated ones. */
  extraUsers?: {
    username: string;
    firstName?: string;
    lastName?: string;
    email?: string;
    affiliation?: string;
    isStaff?: boolean;
  }[];
  /** The live app (buildings, broadcasters, events) is registered. Default true. */
  live?: boolean;
  /** The meeting app (meeting_live_gateway, …) is registered. Default true. */
  meeting?: boolean;
  /** Added before every answer (the benchmark uses 5 ms). Default 0. */
  latencyMs?: number;
  /** nginx `client_max_body_size`: a larger request gets nginx's 413 page. Default Infinity. */
  maxBodyBytes?: number;
  /** Time between encoding steps after launch_encode_view. Default 20 ms. */
  encodingStepMs?: number;
  /** Where uploaded files are written (`<dir>/<hashkey>/<name>`); absent: discarded. */
  uploadDir?: string;
}

export interface PodSimUser {
  id: number;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  isStaff: boolean;
  groupIds: number[];
}

export interface PodSimOwner {
  id: number;
  userId: number;
  authType: string;
  affiliation: string;
  hashkey: string;
  siteIds: number[];
}

export interface PodSimType {
  id: number;
  title: string;
  /** Pod translates `title` (modeltranslation): French requests get this one when set. */
  titleFr?: string;
  description: string;
  icon: string | null;
  siteIds: number[];
}

export interface PodSimVideo {
  id: number;
  slug: string;
  title: string;
  description: string;
  ownerId: number;
  typeId: number;
  siteIds: number[];
  isDraft: boolean;
  dateEvt: string | null;
  fileName: string;
  fileSize: number;
  fileSha256: string;
  encodingInProgress: boolean;
  encoded: boolean;
  /** `get_encoding_step`: "" before any encoding, then "1: remove old data" … "0: end of encoding". */
  step: string;
  /** Seconds, set when the encoding stores its info. */
  duration?: number;
  /** ISO date-time; set at creation. */
  dateAdded?: string;
  /** Where the upload was written, when `uploadDir` was given. */
  filePath?: string;
}

export interface PodSimState {
  users: PodSimUser[];
  owners: PodSimOwner[];
  groups: { id: number; name: string }[];
  sites: { id: number; domain: string; name: string }[];
  types: PodSimType[];
  recorders: {
    id: number;
    name: string;
    description: string;
    addressIp: string;
    recordingType: string;
    siteIds: number[];
  }[];
  buildings: {
    id: number;
    name: string;
    headband: string | null;
    gmapurl: string | null;
    siteIds: number[];
  }[];
  broadcasters: {
    id: number;
    name: string;
    slug: string;
    buildingId: number;
    description: string;
    broadcasterUrl: string;
    status: boolean;
    isRestricted: boolean;
  }[];
  liveGateways: {
    id: number;
    rtmpStreamUrl: string;
    broadcasterId: number | null;
    siteId: number;
  }[];
  /** Pod's meeting.Meeting rows (`/rest/meeting_session/`): the BBB meetingID Pod created. */
  meetingSessions: {
    id: number;
    name: string;
    meetingId: string;
    ownerId: number;
    isWebinar: boolean;
    siteId: number;
  }[];
  videos: PodSimVideo[];
}

/** Pod's hashkey is a sha256 hex of the secret key and the username; the username alone here. */
export const hashkeyOf = (username: string): string =>
  createHash('sha256').update(username).digest('hex');

export function seedState(options: PodSimOptions): PodSimState {
  const users: PodSimUser[] = [
    {
      id: 1,
      username: 'admin',
      firstName: 'Admin',
      lastName: 'Pod',
      email: 'admin@univ.test',
      isStaff: true,
      groupIds: [],
    },
  ];
  const owners: PodSimOwner[] = [
    {
      id: 1,
      userId: 1,
      authType: 'local',
      affiliation: 'staff',
      hashkey: hashkeyOf('admin'),
      siteIds: [1],
    },
  ];
  const addUser = (user: Omit<PodSimUser, 'id' | 'groupIds'>, affiliation: string) => {
    const id = users.length + 1;
    users.push({ id, groupIds: [], ...user });
    owners.push({
      id,
      userId: id,
      authType: 'CAS',
      affiliation,
      hashkey: hashkeyOf(user.username),
      siteIds: [1],
    });
  };
  for (let i = 1; i <= (options.users ?? 30); i++)
    addUser(
      {
        username: `u${String(i)}`,
        firstName: `Prénom${String(i)}`,
        lastName: `Nom${String(i)}`,
        email: `u${String(i)}@univ.test`,
        isStaff: false,
      },
      i % 3 === 0 ? 'faculty' : 'employee',
    );
  for (const extra of options.extraUsers ?? [])
    addUser(
      {
        username: extra.username,
        firstName: extra.firstName ?? '',
        lastName: extra.lastName ?? '',
        email: extra.email ?? '',
        isStaff: extra.isStaff ?? false,
      },
      extra.affiliation ?? 'employee',
    );
  return {
    users,
    owners,
    groups: [],
    sites: [{ id: 1, domain: '127.0.0.1', name: 'Pod test' }],
    types: [
      { id: 1, title: 'Other', titleFr: 'Autre', description: '', icon: null, siteIds: [1] },
      { id: 2, title: 'Cours', description: '', icon: null, siteIds: [1] },
      { id: 3, title: 'Conférence', description: '', icon: null, siteIds: [1] },
    ],
    recorders: [
      {
        id: 1,
        name: 'Amphi A',
        description: 'Enregistreur de l’amphi A',
        addressIp: '10.0.0.11',
        recordingType: 'video',
        siteIds: [1],
      },
      {
        id: 2,
        name: 'Salle B',
        description: '',
        addressIp: '10.0.0.12',
        recordingType: 'video',
        siteIds: [1],
      },
    ],
    buildings: [{ id: 1, name: 'Bâtiment A', headband: null, gmapurl: null, siteIds: [1] }],
    broadcasters: [
      {
        id: 1,
        name: 'Amphi A live',
        slug: 'amphi-a-live',
        buildingId: 1,
        description: '',
        broadcasterUrl: 'https://stream.univ.test/live/amphi-a.m3u8',
        status: true,
        isRestricted: false,
      },
      {
        id: 2,
        name: 'Salle B live',
        slug: 'salle-b-live',
        buildingId: 1,
        description: '',
        broadcasterUrl: 'https://stream.univ.test/live/salle-b.m3u8',
        status: false,
        isRestricted: true,
      },
    ],
    liveGateways: [
      { id: 1, rtmpStreamUrl: 'rtmp://stream.univ.test/live/gw1', broadcasterId: 1, siteId: 1 },
    ],
    meetingSessions: [],
    videos: [],
  };
}
