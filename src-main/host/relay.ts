import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RegieApp } from '../app/app';
import { RegieError } from '../ground/errors';
import { displayName, parseRelayPath, relayNotLive, relayPage } from '../webinar/relay';

const maxBody = 8 * 1024;

/**
 * The join relay's headers: nothing else of the console's. The page has no script; its form
 * posts to itself, and the post is redirected to the BBB server, which `form-action` must allow
 * (browsers check it on the redirect too).
 */
const headers = (bbbOrigin?: string) => ({
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `form-action 'self'${bbbOrigin ? ` ${bbbOrigin}` : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; '),
});

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    let size = 0;
    const parts: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) {
        resolve(undefined);
        request.destroy();
        return;
      }
      parts.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    request.on('error', () => resolve(undefined));
  });
}

const notLive = (response: ServerResponse) =>
  response
    .writeHead(404, { ...headers(), 'Content-Type': 'text/html; charset=utf-8' })
    .end(relayNotLive);

/**
 * `/live/<key>` (issue #13 §4): the only path served without the console's token. GET: the join
 * form while the webinar is live; POST: the name, answered with a redirect to a signed BBB viewer
 * join. `/live/<key>/chat` takes a listener message as JSON `{name, message}`. An unknown key and
 * a webinar not live answer the same 404: the path tells nothing else.
 */
export function handleRelay(
  app: Pick<RegieApp, 'relay'>,
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
): boolean {
  const target = parseRelayPath(pathname);
  if (!target) return false;
  const page = app.relay.page(target.key);
  if (!page) {
    notLive(response);
    return true;
  }
  const hdrs = headers(page.bbbOrigin);
  if (target.action === 'page' && (request.method === 'GET' || request.method === 'HEAD')) {
    response
      .writeHead(200, { ...hdrs, 'Content-Type': 'text/html; charset=utf-8' })
      .end(request.method === 'HEAD' ? undefined : relayPage(page.title));
    return true;
  }
  if (request.method !== 'POST') {
    response.writeHead(405, { ...hdrs, Allow: 'GET, POST' }).end();
    return true;
  }
  void readBody(request).then(async (body) => {
    if (body === undefined) {
      response.writeHead(413, hdrs).end();
      return;
    }
    if (target.action === 'page') {
      const name = displayName(new URLSearchParams(body).get('name'));
      const location = app.relay.join(target.key, name);
      if (location === undefined) notLive(response);
      else response.writeHead(302, { ...hdrs, Location: location }).end();
      return;
    }
    let input: { name?: unknown; message?: unknown };
    try {
      input = JSON.parse(body) as typeof input;
    } catch {
      input = {};
    }
    const json = { ...hdrs, 'Content-Type': 'application/json; charset=utf-8' };
    try {
      const sent = app.relay.chat(
        target.key,
        typeof input.name === 'string' ? input.name : '',
        typeof input.message === 'string' ? input.message : '',
      );
      if (sent === undefined) {
        notLive(response);
        return;
      }
      const message = await sent;
      response.writeHead(200, json).end(JSON.stringify({ isSent: true, at: message.at }));
    } catch (error) {
      const status =
        error instanceof RegieError
          ? error.code === 'validation'
            ? 400
            : error.code === 'conflict'
              ? 429
              : 502
          : 500;
      const text = error instanceof RegieError ? error.text : { en: 'Not sent', fr: 'Non envoyé' };
      response.writeHead(status, json).end(JSON.stringify({ isSent: false, error: text }));
    }
  });
  return true;
}
