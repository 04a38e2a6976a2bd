import { createReadStream, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join, resolve, sep } from 'node:path';

/**
 * Published presentation recordings served as nginx serves them on a BBB server:
 * `/presentation/<recordId>/<file>` from `/var/bigbluebutton/published/presentation/<recordId>/`
 * (reference/bbb.md §2), with Range support, plus the failures a converter meets: 404s, a server
 * that stalls in the middle of a file, Scalelite's redirect.
 */
export interface PresentationAssets {
  /** recordId → published folder. */
  recordings: Map<string, string>;
  /** Paths (relative to the recording) answered 404 although present. */
  notFound: Set<string>;
  /** Path → bytes after which the answer stops and the socket stays open. */
  stallAfterBytes: Map<string, number>;
  /** Ignore Range headers (answer 200 with the whole file). */
  ignoreRange: boolean;
  /** Every asset request, in order. */
  requests: { path: string; range: string | null; status: number }[];
}

export const makePresentationAssets = (): PresentationAssets => ({
  recordings: new Map(),
  notFound: new Set(),
  stallAfterBytes: new Map(),
  ignoreRange: false,
  requests: [],
});

// Player-frame fixtures carry the player's reference frames beside the recording; BBB does not.
const notPublished = (path: string) => path === 'frames.json' || path.startsWith('frames/');

const TYPES: Record<string, string> = {
  xml: 'text/xml',
  svg: 'image/svg+xml',
  json: 'application/json',
  png: 'image/png',
  webm: 'video/webm',
  mp4: 'video/mp4',
  html: 'text/html',
};

/**
 * Answers `/presentation/<id>/…` (and `/scalelite/presentation/<id>/…` with a 307 to it, as
 * Scalelite's playback controller redirects); returns false for any other path.
 */
export function handlePresentationRequest(
  assets: PresentationAssets,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
  const redirect = /^\/scalelite(\/presentation\/.*)$/.exec(path);
  if (redirect) {
    res.writeHead(307, { location: redirect[1] ?? '/' }).end();
    return true;
  }
  const match = /^\/presentation\/([^/]+)\/(.+)$/.exec(path);
  const folder = match ? assets.recordings.get(match[1] ?? '') : undefined;
  if (!match || folder === undefined) return false;
  const file = match[2] ?? '';
  const range = req.headers.range ?? null;
  const answer = (status: number) => assets.requests.push({ path: file, range, status });
  const full = resolve(folder, file);
  let size = -1;
  if (full.startsWith(resolve(folder) + sep) && !notPublished(file) && !assets.notFound.has(file))
    try {
      const s = statSync(full);
      if (s.isFile()) size = s.size;
    } catch {
      // Absent: answered 404 below, as nginx does.
    }
  if (size < 0) {
    answer(404);
    res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404 Not Found</h1>');
    return true;
  }
  const type = TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream';
  const wanted = assets.ignoreRange ? null : /^bytes=(\d+)-$/.exec(range ?? '');
  const start = wanted ? Number(wanted[1]) : 0;
  if (start >= size && size > 0) {
    answer(416);
    res.writeHead(416, { 'content-range': `bytes */${String(size)}` }).end();
    return true;
  }
  answer(wanted ? 206 : 200);
  res.writeHead(wanted ? 206 : 200, {
    'content-type': type,
    'content-length': String(size - start),
    'accept-ranges': 'bytes',
    ...(wanted
      ? { 'content-range': `bytes ${String(start)}-${String(size - 1)}/${String(size)}` }
      : {}),
  });
  const stall = assets.stallAfterBytes.get(file);
  if (stall !== undefined && stall > start) {
    // Headers and the first bytes, then silence with the socket open.
    createReadStream(full, { start, end: stall - 1 }).on('data', (chunk) => res.write(chunk));
    return true;
  }
  createReadStream(full, { start }).pipe(res);
  return true;
}

export interface PresentationServer extends PresentationAssets {
  /** `http://127.0.0.1:<port>` */
  host: string;
  /** `<host>/presentation/<recordId>/` */
  baseUrl(recordId: string): string;
  close(): Promise<void>;
}

/** A server on a free loopback port that serves only presentation recordings. */
export async function startPresentationServer(
  recordings: Record<string, string> = {},
): Promise<PresentationServer> {
  const assets = makePresentationAssets();
  for (const [id, folder] of Object.entries(recordings)) assets.recordings.set(id, folder);
  const server = createServer((req, res) => {
    if (!handlePresentationRequest(assets, req, res)) res.writeHead(404).end('Not Found');
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const host = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  return Object.assign(assets, {
    host,
    baseUrl: (recordId: string) => `${host}/presentation/${recordId}/`,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  });
}

const PLAYER_FRAMES = join('test', 'fixtures', 'bbb', 'player-frames');

/** A player-frame fixture (test/fixtures/bbb/player-frames/README.md) by BBB generation. */
export function playerFrameRecording(generation: 'v25' | 'v27' | 'v30'): {
  recordId: string;
  folder: string;
} {
  const name = readdirSync(PLAYER_FRAMES).find((n) => n.startsWith(`${generation}-`));
  if (!name) throw new Error(`no ${generation} fixture under ${PLAYER_FRAMES}`);
  return { recordId: name.slice(generation.length + 1), folder: resolve(PLAYER_FRAMES, name) };
}
