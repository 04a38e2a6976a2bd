/**
 * Pod's serializers are hyperlinked (reference/pod-behaviour.md §7.1): foreign keys are absolute
 * URLs such as `https://pod/rest/users/3/`, read and written. The mirror keeps ids; these turn
 * one into the other. A link is read by its path only: behind a proxy its host may be wrong.
 */

/** The numeric id at the end of `/rest/<route>/<id>/`; undefined for anything else. */
export function idOfLink(link: unknown, route: string): number | undefined {
  if (typeof link !== 'string') return undefined;
  let path: string;
  try {
    path = new URL(link, 'http://x').pathname;
  } catch {
    return undefined;
  }
  const match = new RegExp(`/rest/${route}/(\\d+)/?$`).exec(path);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** The slug at the end of `/rest/broadcasters/<slug>/` (broadcasters are looked up by slug). */
export function slugOfLink(link: unknown, route: string): string | undefined {
  if (typeof link !== 'string') return undefined;
  try {
    const match = new RegExp(`/rest/${route}/([^/]+)/?$`).exec(new URL(link, 'http://x').pathname);
    return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

/** The link Pod expects for an object, on POD_URL: `<base>/rest/<route>/<id>/`. */
export const linkTo = (base: string, route: string, id: number | string): string =>
  `${base}/rest/${route}/${encodeURIComponent(String(id))}/`;
