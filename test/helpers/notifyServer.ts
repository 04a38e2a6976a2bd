import { createHash } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Pod's `/record/recorder_notify/` view (pod-behaviour.md §1.4.1), on 127.0.0.1:
 * it finds the recorder by `recordingPlace` with `_` turned back into `.`, recomputes
 * md5(recordingPlace + salt) and answers `auto` or `ok` the way Pod does, or `nok: …`.
 */
export interface SimulatedRecorder {
  addressIp: string;
  salt: string;
  publicationAuto?: boolean;
}

/** What to do with the n-th request instead of Pod's answer: an HTTP status, or never answer. */
export type Disruption = number | 'hang';

export interface NotifyServerOptions {
  recorders: SimulatedRecorder[];
  /** Index 0 applies to the first request, and so on; requests past the list get Pod's answer. */
  disruptions?: Disruption[];
  /** Serve HTTPS with this (self-signed) certificate. */
  tls?: { key: string; cert: string };
}

export interface NotifyServer {
  /** Base URL to use as RECORDER_BASE_URL. */
  baseUrl: string;
  /** Every request received, as Django would decode its query string. */
  requests: { path: string; query: URLSearchParams }[];
  close(): Promise<void>;
}

export async function startNotifyServer(options: NotifyServerOptions): Promise<NotifyServer> {
  const requests: NotifyServer['requests'] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, query: url.searchParams });
    const disruption = options.disruptions?.[requests.length - 1];
    if (disruption === 'hang') return;
    if (typeof disruption === 'number') {
      res.writeHead(disruption, { 'content-type': 'text/html' });
      res.end(`<h1>Server Error (${String(disruption)})</h1>`);
      return;
    }
    res.writeHead(url.pathname === '/record/recorder_notify/' ? 200 : 404, {
      'content-type': 'text/html; charset=utf-8',
    });
    res.end(url.pathname === '/record/recorder_notify/' ? podView(url, options.recorders) : '');
  };
  const server: Server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handler)
    : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `${options.tls ? 'https' : 'http'}://127.0.0.1:${String(port)}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function podView(url: URL, recorders: SimulatedRecorder[]): string {
  const place = url.searchParams.get('recordingPlace') ?? '';
  const mediapath = url.searchParams.get('mediapath') ?? '';
  const key = url.searchParams.get('key') ?? '';
  if (!place || !mediapath || !key) return 'nok: recordingPlace or mediapath or key are missing';
  const recorder = recorders.find((r) => r.addressIp === place.replace(/_/g, '.'));
  if (!recorder) return 'nok: address_ip not valid or recorder not found in this site';
  const expected = createHash('md5')
    .update(Buffer.concat([Buffer.from(place, 'utf8'), Buffer.from(recorder.salt, 'utf8')]))
    .digest('hex');
  if (key !== expected) return 'nok: key is not valid';
  return recorder.publicationAuto ? 'auto' : 'ok';
}
