import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export const sessionCookie = 'regie_session';
export const minimumTokenLength = 32;

export const newToken = (): string => randomBytes(32).toString('base64url');

export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1';
}

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** The session token from the cookie, a bearer header, or `?token=` (the URL printed at start). */
export function presentedToken(request: IncomingMessage, url: URL): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  return url.searchParams.get('token') ?? bearer ?? cookieValue(request, sessionCookie);
}

export const isAuthorized = (request: IncomingMessage, url: URL, token: string): boolean =>
  sameToken(presentedToken(request, url), token);

const wildcards = new Set(['0.0.0.0', '::']);

/**
 * The Host header values (without port) the console answers to. Bound to loopback or to one
 * address: that address and the loopback names only, so a page on another name that resolves
 * to this address (DNS rebinding) is refused. Bound to every address (0.0.0.0, ::), which needs
 * --allow-remote and a configured token, the machine's names are unknown: any Host, the token
 * still required.
 */
export function allowedHostNames(bindHost: string): ReadonlySet<string> | 'any' {
  const bare = bindHost.replace(/^\[|\]$/g, '').toLowerCase();
  if (wildcards.has(bare)) return 'any';
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  names.add(isIP(bare) === 6 ? `[${bare}]` : bare);
  return names;
}

export function isAllowedHost(
  request: IncomingMessage,
  allowed: ReadonlySet<string> | 'any',
): boolean {
  const host = request.headers.host;
  if (host === undefined) return false;
  if (allowed === 'any') return true;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return allowed.has(name);
}

/** A WebSocket must come from a page this host served: Origin equal to `http://<Host>`. */
export function isSameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  const host = request.headers.host;
  return (
    origin !== undefined &&
    host !== undefined &&
    origin.toLowerCase() === `http://${host.toLowerCase()}`
  );
}
