import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  algorithmOfChecksum,
  bbbChecksum,
  type ChecksumAlgorithm,
} from '../../../src-main/bbb/api/checksum';
import {
  handlePresentationRequest,
  makePresentationAssets,
  type PresentationAssets,
} from '../presentationServer';
import {
  clientPage,
  create,
  join,
  sendChatMessage,
  type MeetingsState,
  type SimHttpAnswer,
} from './meetings';
import type { SimChatMessage, SimJoin, SimMeeting, SimRecording } from './model';
import { esc, failed, meetingXml, recordingXml, response } from './xml';

/**
 * How the simulated server behaves: BBB of a generation, or Scalelite (reference/bbb.md §0.4,
 * §0.5, §1.1). `bbb-2.5` ignores offset/limit; `bbb-2.6` nests the total in `<pagination>`;
 * `bbb-2.7` and `bbb-3.0` put `<totalElements>` under `<response>`; only 3.0 has chat.
 */
export type SimFlavour = 'bbb-2.5' | 'bbb-2.6' | 'bbb-2.7' | 'bbb-3.0' | 'scalelite';

export interface SimBehaviour {
  /** Delay before every answer. */
  delayMs: number;
  /** Never answer (the socket stays open). */
  hang: boolean;
  /** Answer this HTTP status with an HTML page. */
  httpStatus: number | null;
  /** Answer 200 with something that is not XML. */
  garbage: boolean;
  /**
   * API calls (`isMeetingRunning`, …) answered HTTP 502 with an HTML page while the others work:
   * a BBB outage in the middle of a webinar.
   */
  failCalls: Set<string>;
  /** A created meeting runs at once; default false: it runs from its first join, as in BBB. */
  runOnCreate: boolean;
}

export interface BbbSimulator {
  /** The API URL, `http://127.0.0.1:<port>/bigbluebutton/api`. */
  url: string;
  host: string;
  secret: string;
  flavour: SimFlavour;
  meetings: SimMeeting[];
  recordings: SimRecording[];
  /** Files served at `/playback/video/<recordId>/video-0.m4v` (Range supported). */
  videoFiles: Map<string, string>;
  /** Published presentation folders served at `/presentation/<recordId>/` (bbb.md §2). */
  presentation: PresentationAssets;
  behaviour: SimBehaviour;
  /** Every API call received, in order, with its decoded parameters. */
  calls: { call: string; params: Record<string, string> }[];
  /** Accepted joins, in order; each adds an attendee and makes the meeting run. */
  joins: SimJoin[];
  /** Accepted `sendChatMessage` calls (bbb-3.0 only). */
  chat: SimChatMessage[];
  close(): Promise<void>;
}

const apiPrefix = '/bigbluebutton/api';

/** A slide preview (176×136 grey, as BBB's thumbnails are sized), for the recordings list. */
const thumbnailPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAALAAAACICAIAAADI/PbJAAAA/0lEQVR42u3SMQ0AAAgEsfevkIEJJWyIIE2q4HKpHjiRAENgCAyBITAEhsAQGAJDYAgMgSEwBIbAEBgCQ2AIDAGGwBAYAkNgCAyBITAEhsAQGAJDYAgMgSEwBIbAEBgCQ4AhMASGwBAYAkNgCAyBITAEhsAQGAJDYAgMgSEwBIbAEGAIDIEhMASGwBAYAkNgCAyBITAEhsAQGAJDYAgMgSEwBBgCQ2AIDIEhMASGwBAYAkNgCAyBITAEhsAQGAJDYAgMAYbAEBgCQ2AIDIEhMASGwBAYAkNgCAyBITAEhsAQGAJDqIAhMASGwBAYAkNgCAyBITAEhsAQGAJDYAh+WT1s1yAoWtI9AAAAAElFTkSuQmCC',
  'base64',
);

export async function startBbbSimulator(
  options: { secret?: string; flavour?: SimFlavour; algorithms?: ChecksumAlgorithm[] } = {},
): Promise<BbbSimulator> {
  const flavour = options.flavour ?? 'bbb-2.7';
  const secret = options.secret ?? 'simulator-secret-0123456789abcdef';
  const scalelite = flavour === 'scalelite';
  const accepted = new Set<ChecksumAlgorithm>(
    options.algorithms ??
      (scalelite ? ['sha1', 'sha256', 'sha512'] : ['sha1', 'sha256', 'sha384', 'sha512']),
  );
  const sim: BbbSimulator = {
    url: '',
    host: '',
    secret,
    flavour,
    meetings: [],
    recordings: [],
    videoFiles: new Map(),
    presentation: makePresentationAssets(),
    behaviour: {
      delayMs: 0,
      hang: false,
      httpStatus: null,
      garbage: false,
      failCalls: new Set(),
      runOnCreate: false,
    },
    calls: [],
    joins: [],
    chat: [],
    close: async () => {},
  };

  const answer = (res: ServerResponse, body: string) => {
    res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
    res.end(body);
  };

  const meetingsState = (): MeetingsState => ({
    host: sim.host,
    meetings: sim.meetings,
    joins: sim.joins,
    chat: sim.chat,
    runOnCreate: sim.behaviour.runOnCreate,
  });

  function api(call: string, params: URLSearchParams): string | SimHttpAnswer {
    const get = (name: string) => params.get(name) ?? '';
    switch (call) {
      case '':
        return flavour === 'bbb-3.0'
          ? response(
              '  <version>2.0</version>\n  <apiVersion>2.0</apiVersion>\n  <bbbVersion>3.0.19</bbbVersion>\n',
            )
          : response('  <version>2.0</version>\n');
      case 'getMeetings':
        return sim.meetings.length === 0
          ? response(
              '  <meetings/>\n  <messageKey>noMeetings</messageKey>\n  <message>no meetings were found on this server</message>\n',
            )
          : response(`  <meetings>${sim.meetings.map((m) => meetingXml(m)).join('')}</meetings>\n`);
      case 'getMeetingInfo': {
        const meeting = sim.meetings.find((m) => m.meetingId === get('meetingID'));
        return meeting
          ? response(meetingXml(meeting).replace(/^<meeting>|<\/meeting>$/g, ''))
          : failed('notFound', 'We could not find a meeting with that meeting ID');
      }
      case 'isMeetingRunning':
        return response(
          `  <running>${String(sim.meetings.some((m) => m.meetingId === get('meetingID') && m.running !== false))}</running>\n`,
        );
      case 'create':
        return create(meetingsState(), params);
      case 'join':
        return join(meetingsState(), params);
      case 'getRecordings':
        return recordings(params);
      case 'sendChatMessage':
        if (flavour !== 'bbb-3.0')
          return failed('unsupportedRequest', 'This request is not supported.');
        return sendChatMessage(meetingsState(), params);
      case 'end': {
        const before = sim.meetings.length;
        sim.meetings = sim.meetings.filter((m) => m.meetingId !== get('meetingID'));
        return before === sim.meetings.length
          ? failed(
              'notFound',
              'We could not find a meeting with that meeting ID - perhaps the meeting is not yet running?',
            )
          : response(
              '  <messageKey>sentEndMeetingRequest</messageKey>\n  <message>A request to end the meeting was sent.</message>\n',
            );
      }
      case 'publishRecordings':
      case 'deleteRecordings':
      case 'updateRecordings': {
        const ids = get('recordID').split(',');
        const found = sim.recordings.filter((r) => ids.includes(r.recordId));
        if (found.length === 0) return failed('notFound', 'We could not find recordings');
        if (call === 'publishRecordings') {
          for (const r of found) r.state = get('publish') === 'true' ? 'published' : 'unpublished';
          return response('  <published>true</published>\n');
        }
        if (call === 'deleteRecordings') {
          sim.recordings = sim.recordings.filter((r) => !ids.includes(r.recordId));
          return response('  <deleted>true</deleted>\n');
        }
        for (const r of found)
          for (const [k, v] of params) if (k.startsWith('meta_')) r.metadata[k.slice(5)] = v;
        return response('  <updated>true</updated>\n');
      }
      default:
        return failed('unsupportedRequest', 'This request is not supported.');
    }
  }

  function recordings(params: URLSearchParams): string {
    const list = (name: string) => (params.get(name) ?? '').split(',').filter((s) => s !== '');
    const meetingIds = list('meetingID');
    const recordIds = list('recordID');
    const states = list('state');
    let chosen = sim.recordings.filter((r) =>
      recordIds.length > 0
        ? recordIds.some((id) => r.recordId.startsWith(id))
        : meetingIds.length === 0 || meetingIds.includes(r.meetingId),
    );
    chosen = chosen.filter((r) =>
      states.includes('any')
        ? true
        : (states.length > 0 ? states : ['published', 'unpublished']).includes(r.state),
    );
    for (const [key, value] of params) {
      if (!key.startsWith('meta_')) continue;
      const wanted = value.split(',');
      chosen = chosen.filter((r) => wanted.includes(r.metadata[key.slice(5)] ?? ''));
    }
    // Scalelite lists newest first; BBB in its own order (oldest first here).
    if (scalelite) chosen = [...chosen].reverse();
    const total = chosen.length;
    const paginates = flavour === 'bbb-2.6' || flavour === 'bbb-2.7' || flavour === 'bbb-3.0';
    if (paginates && (params.has('offset') || params.has('limit'))) {
      const offset = Math.max(0, Number(params.get('offset') ?? 0));
      const limit = Math.min(100, Math.max(1, Number(params.get('limit') ?? 100)));
      chosen = chosen.slice(offset, offset + limit);
    }
    const items = chosen.map((r) => recordingXml(r, scalelite)).join('');
    const body =
      chosen.length === 0
        ? '  <recordings/>\n  <messageKey>noRecordings</messageKey>\n  <message>There are no recordings for the meeting(s).</message>\n'
        : `  <recordings>${items}</recordings>\n`;
    if (!paginates || !(params.has('offset') || params.has('limit'))) return response(body);
    return flavour === 'bbb-2.6'
      ? response(
          `${body}  <pagination><pageable><offset>${esc(params.get('offset') ?? '0')}</offset></pageable><totalElements>${String(total)}</totalElements></pagination>\n`,
        )
      : response(`${body}  <totalElements>${String(total)}</totalElements>\n`);
  }

  function checksumOk(call: string, rawQuery: string): boolean {
    const match = /(?:^|&)checksum=([^&]*)/.exec(rawQuery);
    if (!match) return false;
    const sent = match[1] ?? '';
    const algorithm = algorithmOfChecksum(sent);
    if (!algorithm || !accepted.has(algorithm)) return false;
    const query = rawQuery.replace(/&checksum=[^&]*|checksum=[^&]*&?/, '');
    return bbbChecksum(algorithm, call, query, secret) === sent.toLowerCase();
  }

  function serveVideo(req: IncomingMessage, res: ServerResponse, recordId: string) {
    const path = sim.videoFiles.get(recordId);
    if (!path) {
      res.writeHead(404).end('Not Found');
      return;
    }
    const size = statSync(path).size;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      const end = range[2] ? Number(range[2]) : size - 1;
      res.writeHead(206, {
        'content-type': 'video/mp4',
        'content-length': String(end - start + 1),
        'content-range': `bytes ${String(start)}-${String(end)}/${String(size)}`,
        'accept-ranges': 'bytes',
      });
      createReadStream(path, { start, end }).pipe(res);
      return;
    }
    res.writeHead(200, {
      'content-type': 'video/mp4',
      'content-length': String(size),
      'accept-ranges': 'bytes',
    });
    createReadStream(path).pipe(res);
  }

  const server = createServer((req, res) => {
    const raw = req.url ?? '/';
    const [path = '/', rawQuery = ''] = raw.split(/\?(.*)/s);
    if (handlePresentationRequest(sim.presentation, req, res)) return;
    if (/^\/presentation\/.*\.png$/.test(path)) {
      res.writeHead(200, { 'content-type': 'image/png' }).end(thumbnailPng);
      return;
    }
    const video = /^\/playback\/video\/([^/]+)\/video-0\.m4v$/.exec(path);
    if (video) {
      serveVideo(req, res, video[1] ?? '');
      return;
    }
    if (path === '/html5client/join') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(clientPage);
      return;
    }
    if (!path.startsWith(apiPrefix)) {
      res.writeHead(404).end('Not Found');
      return;
    }
    const call = path.slice(apiPrefix.length).replace(/^\//, '');
    const params = new URLSearchParams(rawQuery);
    sim.calls.push({ call, params: Object.fromEntries(params) });
    const { behaviour } = sim;
    if (behaviour.hang) return;
    setTimeout(() => {
      if (behaviour.httpStatus !== null || behaviour.failCalls.has(call)) {
        res.writeHead(behaviour.httpStatus ?? 502, { 'content-type': 'text/html' });
        res.end('<html><body><h1>Bad Gateway</h1></body></html>');
        return;
      }
      if (behaviour.garbage) {
        answer(res, '<html><body>Welcome to nginx!</body></html>');
        return;
      }
      if (call !== '' && !checksumOk(call, rawQuery)) {
        answer(res, failed('checksumError', 'You did not pass the checksum security check'));
        return;
      }
      const result = api(call, params);
      if (typeof result === 'string') answer(res, result);
      else res.writeHead(result.status, result.headers).end(result.body);
    }, behaviour.delayMs);
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  sim.host = `http://127.0.0.1:${String(port)}`;
  sim.url = `${sim.host}${apiPrefix}`;
  sim.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return sim;
}
