import { randomBytes } from 'node:crypto';
import { oneLine } from './text';

/**
 * The join relay (issue #13 §4; pod-behaviour.md §5.6, §8.5.3). SIPMediaGW's BigBlueButton
 * browser opens `https://<domain>/<room>` and fills a join form's `#id_name`. Pod serves that
 * page from the meeting's hash key; Régie serves it from a random 64-hex key per webinar: the
 * first 54 characters end the domain, the last 10 are the room, as with Pod, so a gateway set
 * up for Pod works unchanged. The path is the only public one of the web host.
 */
export const relayPrefix = '/live/';

export const newRelayKey = (): string => randomBytes(32).toString('hex');

export const roomOf = (key: string): string => key.slice(-10);

/** `https://regie.univ.fr` + key → what SIPMediaGW is given (no scheme) and the full page URL. */
export function relayAddress(publicUrl: string, key: string): { domain: string; url: string } {
  const base = publicUrl.trim().replace(/\/+$/, '');
  const url = `${base}${relayPrefix}${key.slice(0, 54)}/${roomOf(key)}`;
  const withoutScheme = base.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  return { domain: `${withoutScheme}${relayPrefix}${key.slice(0, 54)}`, url };
}

/** The key of a relay path (`/live/<54 hex>/<10 hex>[/chat]`), or undefined. */
export function parseRelayPath(
  pathname: string,
): { key: string; action: 'page' | 'chat' } | undefined {
  const match = /^\/live\/([0-9a-f]{54})\/([0-9a-f]{10})(\/chat)?\/?$/.exec(pathname);
  if (!match) return undefined;
  return { key: `${match[1] ?? ''}${match[2] ?? ''}`, action: match[3] ? 'chat' : 'page' };
}

/** What a gateway (or a person) may call themselves in the meeting: "Live" when empty. */
export function displayName(raw: unknown): string {
  const text = typeof raw === 'string' ? raw : '';
  // The BBB-hostile angle brackets out too.
  const name = oneLine(text.replace(/[<>]/g, ' '), 64);
  return name === '' ? 'Live' : name;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);

/**
 * The page: a form like Pod's join form (`input#id_name`, posted to the same address), nothing
 * else — no script, no link, no name of anything but the webinar's title.
 */
export function relayPage(title: string): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="robots" content="noindex">
<title>${escape(title)}</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}
label{display:block;margin:1rem 0 .3rem}input{font:inherit;padding:.4rem;width:100%}
button{font:inherit;margin-top:1rem;padding:.4rem 1rem}</style>
</head><body>
<h1>${escape(title)}</h1>
<form method="post" id="join">
<label for="id_name">Votre nom / Your name</label>
<input type="text" name="name" id="id_name" maxlength="64" required autofocus>
<button type="submit" id="id_submit">Rejoindre / Join</button>
</form>
</body></html>
`;
}

export const relayNotLive = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Régie</title></head>
<body><p>Ce webinaire n'est pas en direct.</p><p lang="en">This webinar is not live.</p></body></html>
`;
