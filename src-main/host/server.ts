import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import type { RegieApp } from '../app/app';
import { bi, RegieError } from '../ground/errors';
import {
  allowedHostNames,
  isAllowedHost,
  isAuthorized,
  isLoopback,
  isSameOrigin,
  minimumTokenLength,
  newToken,
  sessionCookie,
} from './auth';
import { attachBridge, notBuiltMessage } from './bridge';
import { parseLibraryPath, parseMediaPath, serveMedia } from './media';
import { handleRelay } from './relay';
import { loginHint, securityHeaders } from './pages';
import { serveStatic } from './static';

export interface HostOptions {
  app: RegieApp;
  /** The built renderer (out/renderer). */
  staticDir: string;
  host?: string;
  port?: number;
  /** A configured token; required to listen on anything but loopback. */
  token?: string;
  /** Explicit consent to listen on a non-loopback address. */
  allowRemote?: boolean;
}

export interface RunningHost {
  /** The address to open, token included. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** `regie serve`: the console over HTTP, its contract over one WebSocket at /ws. */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const host = options.host ?? '127.0.0.1';
  const staticDir = resolve(options.staticDir);
  checkExposure(host, options);
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    throw new RegieError('unavailable', notBuiltMessage);
  }
  const token = options.token ?? newToken();
  const allowedHosts = allowedHostNames(host);
  const sockets = new Set<Socket>();

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://placeholder');
    // The webinars' join relay: public (the gateway reaches it by WEBINAR_PUBLIC_URL, whatever
    // the Host), token-free, and it serves nothing but its own form.
    if (handleRelay(options.app, request, response, url.pathname)) return;
    if (!isAllowedHost(request, allowedHosts)) {
      response.writeHead(421, securityHeaders).end('Unknown host');
      return;
    }
    if (!isAuthorized(request, url, token)) {
      response
        .writeHead(401, { ...securityHeaders, 'Content-Type': 'text/html; charset=utf-8' })
        .end(loginHint);
      return;
    }
    if (url.searchParams.has('token')) {
      // Trade the token in the URL for a cookie, and take it out of the address bar and history.
      response
        .writeHead(302, {
          ...securityHeaders,
          'Set-Cookie': `${sessionCookie}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
          Location: url.pathname,
        })
        .end();
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, securityHeaders).end();
      return;
    }
    const media = parseMediaPath(url.pathname);
    if (media) {
      const path = options.app.mediaPath(media.fileId, media.slide);
      if (path === undefined) response.writeHead(404, securityHeaders).end('No preview');
      else serveMedia(path, request, response);
      return;
    }
    const library = parseLibraryPath(url.pathname);
    if (library) {
      const path = options.app.libraryFile(library.videoId, library.name);
      if (path === undefined) response.writeHead(404, securityHeaders).end('No such file');
      else serveMedia(path, request, response);
      return;
    }
    serveStatic(staticDir, url.pathname, response);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://placeholder');
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/ws') return refuse('404 Not Found');
    if (!isAllowedHost(request, allowedHosts)) return refuse('421 Misdirected Request');
    if (!isAuthorized(request, url, token)) return refuse('401 Unauthorized');
    if (!isSameOrigin(request)) return refuse('403 Forbidden');
    wss.handleUpgrade(request, socket, head, (ws) => attachBridge(ws, options.app));
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => done());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${String(port)}/?token=${encodeURIComponent(token)}`,
    port,
    close: () =>
      new Promise<void>((done) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

function checkExposure(host: string, options: HostOptions): void {
  if (isLoopback(host)) return;
  if (!options.allowRemote) {
    throw new RegieError(
      'bad_request',
      bi(
        `Listening on ${host} exposes the console to the network: pass --allow-remote and configure a token (REGIE_TOKEN or --token-file).`,
        `Écouter sur ${host} expose la console au réseau : ajoutez --allow-remote et configurez un jeton (REGIE_TOKEN ou --token-file).`,
      ),
    );
  }
  if (!options.token || options.token.length < minimumTokenLength) {
    throw new RegieError(
      'bad_request',
      bi(
        `Listening on ${host} needs a configured token of at least ${String(minimumTokenLength)} characters (REGIE_TOKEN or --token-file).`,
        `Écouter sur ${host} demande un jeton configuré d'au moins ${String(minimumTokenLength)} caractères (REGIE_TOKEN ou --token-file).`,
      ),
    );
  }
}
