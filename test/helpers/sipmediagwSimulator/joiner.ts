/*
 * What SIPMediaGW's BBB browsing script does for a Pod webinar (reference/bbb.md §4.1): open
 * `https://<domain>/<room>`, fill the join form's `#id_name` with the gateway's display name,
 * submit it, and follow the redirect into BBB. Done here with HTTP requests instead of Chrome:
 * the page is read, the form found, its hidden inputs kept, cookies carried (Django's CSRF).
 */

export interface JoinedRoom {
  /** The display name submitted. */
  name: string;
  /** Where the relay's form answer sent us: a BBB join URL. */
  joinUrl: string;
}

export interface JoinRoomOptions {
  displayName: string;
  signal: AbortSignal;
}

export interface JoinForm {
  /** Absolute: the form's action against the page URL, or the page URL itself. */
  action: string;
  method: 'GET' | 'POST';
  /** The `name` attribute of `input#id_name`. */
  nameField: string;
  /** Hidden inputs, in order (a CSRF token…). */
  hidden: [string, string][];
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** `&amp;`, `&#39;`, `&#x2F;` → characters, for attribute values. */
export const decodeEntities = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return entities[name.toLowerCase()] ?? whole;
  });

/** The attributes of one start tag (`<input type="text" name=name id='id_name' required>`). */
export function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const body = tag.replace(/^<\s*[\w-]+/, '').replace(/\/?>$/, '');
  for (const match of body.matchAll(/([^\s"'=<>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
    const [, name = '', raw] = match;
    const value = raw === undefined ? '' : raw.replace(/^(["'])([\s\S]*)\1$/, '$2');
    attributes.set(name.toLowerCase(), decodeEntities(value));
  }
  return attributes;
}

/** The form holding `input#id_name`, or null when the page has none. */
export function findJoinForm(html: string, pageUrl: string): JoinForm | null {
  for (const match of html.matchAll(/(<form\b[^>]*>)([\s\S]*?)<\/form\s*>/gi)) {
    const [, formTag = '', inner = ''] = match;
    const inputs = [...inner.matchAll(/<input\b[^>]*>/gi)].map((m) => attributesOf(m[0]));
    const field = inputs.find((input) => input.get('id') === 'id_name');
    if (!field) continue;
    const form = attributesOf(formTag);
    const action = form.get('action') ?? '';
    return {
      action: new URL(action === '' ? pageUrl : action, pageUrl).href,
      // HTML's default method is GET.
      method: (form.get('method') ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET',
      nameField: field.get('name') ?? 'name',
      hidden: inputs
        .filter((input) => input.get('type')?.toLowerCase() === 'hidden' && input.has('name'))
        .map((input) => [input.get('name') ?? '', input.get('value') ?? '']),
    };
  }
  return null;
}

/** A browser's cookie jar, reduced to what one join needs: name=value pairs, any path. */
function cookieJar() {
  const cookies = new Map<string, string>();
  return {
    take(response: Response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const eq = pair.indexOf('=');
        if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      }
    },
    header: (): Record<string, string> =>
      cookies.size === 0
        ? {}
        : { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
  };
}

/** Opens the room page, submits the name, follows into BBB; throws an Error saying what failed. */
export async function joinRoom(pageUrl: string, options: JoinRoomOptions): Promise<JoinedRoom> {
  const jar = cookieJar();
  const page = await fetch(pageUrl, { signal: options.signal, redirect: 'follow' });
  jar.take(page);
  const html = await page.text();
  if (!page.ok) throw new Error(`GET ${pageUrl}: HTTP ${String(page.status)}`);
  const form = findJoinForm(html, page.url || pageUrl);
  if (!form) throw new Error(`GET ${pageUrl}: no form with an input#id_name`);

  const data = new URLSearchParams([...form.hidden, [form.nameField, options.displayName]]);
  const target = new URL(form.action);
  if (form.method === 'GET') target.search = data.toString();
  const submitted = await fetch(target, {
    method: form.method,
    redirect: 'manual',
    signal: options.signal,
    headers: {
      ...jar.header(),
      referer: pageUrl,
      ...(form.method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(form.method === 'POST' ? { body: data.toString() } : {}),
  });
  await submitted.body?.cancel();
  const location = submitted.headers.get('location');
  if ((submitted.status !== 302 && submitted.status !== 303) || !location) {
    throw new Error(
      `${form.method} ${form.action}: HTTP ${String(submitted.status)}, not a 302/303 redirect`,
    );
  }
  const joinUrl = new URL(location, form.action).href;

  // BBB's join redirects on to its client; a refused join is a 200 XML FAILED.
  const bbb = await fetch(joinUrl, { redirect: 'follow', signal: options.signal });
  const answer = await bbb.text();
  if (!bbb.ok) throw new Error(`GET the BBB join: HTTP ${String(bbb.status)}`);
  const failed = /<returncode>FAILED<\/returncode>[\s\S]*?<messageKey>([^<]*)<\/messageKey>/.exec(
    answer,
  );
  if (failed) throw new Error(`GET the BBB join: FAILED ${failed[1] ?? ''}`);
  return { name: options.displayName, joinUrl };
}
