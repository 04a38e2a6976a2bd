import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { securityHeaders } from './pages';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * Serves the built renderer. Paths are normalised and must stay inside `root`; unknown paths
 * get index.html so the app's own navigation works after a reload.
 */
export function serveStatic(root: string, pathname: string, response: ServerResponse): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    response.writeHead(400, securityHeaders).end('Bad path');
    return;
  }
  const candidate = normalize(join(root, decoded));
  const inside = candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
  const file =
    inside && existsSync(candidate) && statSync(candidate).isFile()
      ? candidate
      : join(root, 'index.html');
  const isAsset = file.includes(`${sep}assets${sep}`);
  response.writeHead(200, {
    ...securityHeaders,
    'Content-Type': types[extname(file)] ?? 'application/octet-stream',
    // Vite's assets carry a content hash; the page itself must never be cached.
    'Cache-Control': isAsset ? 'public, max-age=31536000, immutable' : 'no-store',
  });
  createReadStream(file).pipe(response);
}
