/** One query parameter; order is kept, so the string hashed is the string sent. */
export type QueryParams = readonly (readonly [string, string])[];

/**
 * `a=1&b=x%20y`: insertion order, `encodeURIComponent` for names and values (so `%20` for a space,
 * and `[`, `]`, `,` escaped, as BBB meeting ids need: bbb.md §1.4). Any consistent encoding passes
 * the checksum; this one is never changed after hashing.
 */
export function encodeQuery(params: QueryParams): string {
  return params
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
}
