import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { securityHeaders } from './pages';

const mediaTypes: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.ts': 'video/mp2t',
  '.mts': 'video/mp2t',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.vtt': 'text/vtt; charset=utf-8',
  '.json': 'application/json',
};

/** `/media/file/<id>` and `/media/file/<id>/slide/<n>`: what a preview plays. */
export function parseMediaPath(pathname: string): { fileId: number; slide?: number } | undefined {
  const match = /^\/media\/file\/(\d+)(?:\/slide\/(\d+))?$/.exec(pathname);
  if (!match) return undefined;
  const fileId = Number(match[1]);
  return match[2] === undefined ? { fileId } : { fileId, slide: Number(match[2]) };
}

/** `/library/<video id>/<file name>`: a published video's renditions, playlists and images. */
export function parseLibraryPath(pathname: string): { videoId: number; name: string } | undefined {
  const match = /^\/library\/(\d+)\/([^/]+)$/.exec(pathname);
  if (!match) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(match[2] ?? '');
  } catch {
    return undefined;
  }
  return { videoId: Number(match[1]), name };
}

/**
 * Serves a file with byte ranges (a video element seeks with them). Only paths the core hands
 * out for a preview reach here, never a path from the request.
 */
export function serveMedia(path: string, request: IncomingMessage, response: ServerResponse): void {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    response.writeHead(404, securityHeaders).end('Gone');
    return;
  }
  const type = mediaTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
  const headers = {
    ...securityHeaders,
    'Content-Type': type,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
  if (!range || size === 0) {
    response.writeHead(200, { ...headers, 'Content-Length': String(size) });
    if (request.method === 'HEAD') response.end();
    else createReadStream(path).pipe(response);
    return;
  }
  const [, from = '', to = ''] = range;
  const start = from === '' ? Math.max(0, size - Number(to)) : Number(from);
  const end = from === '' || to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start > end || start >= size) {
    response.writeHead(416, { ...headers, 'Content-Range': `bytes */${String(size)}` }).end();
    return;
  }
  response.writeHead(206, {
    ...headers,
    'Content-Range': `bytes ${String(start)}-${String(end)}/${String(size)}`,
    'Content-Length': String(end - start + 1),
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(path, { start, end }).pipe(response);
}
