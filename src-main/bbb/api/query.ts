/** One query parameter; order is kept, so the string hashed is the string sent. */
export type QueryParams = readonly (readonly [string, string])[];

/**
 * `a=1&b=x%20y`: insertion order, `encodeURIComponent` for names and values (so `%20` for a space,
 * and `[`, `]`, `,` escaped, as BBB meeting ids need: bbb.md §1.4). Any consistent encoding passes
 * the checksum; this one is never changed after hashing.
 */
export function encodeQuery(params: QueryParams): string {
  return params.map(([name, value]) => `${strict(name)}=${strict(value)}`).join('&');
}

/**
 * `encodeURIComponent` leaves `!'()*` as they are, and a URL parser may escape `'` on the way out
 * (WHATWG's query set does): the string sent would then differ from the string hashed, and BBB
 * refuse the checksum of every meeting name or chat message with an apostrophe ("L'amphi").
 */
const strict = (text: string): string =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
