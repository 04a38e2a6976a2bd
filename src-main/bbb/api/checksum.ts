import { createHash } from 'node:crypto';

/** The algorithms BBB accepts (2.5+); Scalelite accepts all but sha384 (bbb.md §1.1). */
export const checksumAlgorithms = ['sha1', 'sha256', 'sha384', 'sha512'] as const;
export type ChecksumAlgorithm = (typeof checksumAlgorithms)[number];

/**
 * BBB's checksum (reference/bbb.md §1.1): lowercase hex of HASH(callName + query + secret), where
 * `query` is exactly the query string put on the wire, without `checksum=`. Never re-encode a query
 * after hashing it.
 */
export function bbbChecksum(
  algorithm: ChecksumAlgorithm,
  callName: string,
  query: string,
  secret: string,
): string {
  return createHash(algorithm).update(`${callName}${query}${secret}`, 'utf8').digest('hex');
}

/** How BBB and Scalelite pick the algorithm: by the length of the checksum sent. */
export function algorithmOfChecksum(checksum: string): ChecksumAlgorithm | null {
  switch (checksum.length) {
    case 40:
      return 'sha1';
    case 64:
      return 'sha256';
    case 96:
      return 'sha384';
    case 128:
      return 'sha512';
    default:
      return null;
  }
}
