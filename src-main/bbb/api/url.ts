/**
 * The API base of a BBB or Scalelite server from any URL an admin pastes: the host root, the
 * `/bigbluebutton` form `bbb-conf --secret` prints and Moodle's plugin uses, or the API URL
 * itself, each with or without a trailing slash. A path before them (a reverse-proxy prefix) is
 * kept. `…/bigbluebutton/bigbluebutton/api`, which Régie itself stored from the `/bigbluebutton/`
 * form before it normalised (issue #9 §1), is repaired.
 *
 *   https://h                               → https://h/bigbluebutton/api
 *   https://h/bigbluebutton/                → https://h/bigbluebutton/api
 *   https://h/bigbluebutton/api/            → https://h/bigbluebutton/api
 *   https://h/proxy/                        → https://h/proxy/bigbluebutton/api
 */
export function apiBase(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  const [, origin = '', rawPath = ''] = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(.*)$/i.exec(trimmed) ?? [
    '',
    '',
    trimmed,
  ];
  const path = rawPath.replace(/\/{2,}/g, '/').replace(/(\/bigbluebutton)+(?=\/api$|$)/i, '$1');
  if (/\/api$/i.test(path)) return `${origin}${path}`;
  if (/\/bigbluebutton$/i.test(path)) return `${origin}${path}/api`;
  return `${origin}${path}/bigbluebutton/api`;
}

/**
 * The API base of `input`, or why it is not a server URL (no query, no user in it: the secret
 * goes in its own field, and a pasted call URL with its checksum is not a server).
 */
export function normaliseServerUrl(input: string): { url: string } | { problem: string } {
  let parsed: URL;
  try {
    parsed = new URL(input.trim());
  } catch {
    return { problem: 'not a URL' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return { problem: 'not http(s)' };
  if (parsed.search !== '' || parsed.hash !== '') return { problem: 'has a query' };
  if (parsed.username !== '' || parsed.password !== '') return { problem: 'has a user' };
  return { url: apiBase(`${parsed.origin}${parsed.pathname}`) };
}
