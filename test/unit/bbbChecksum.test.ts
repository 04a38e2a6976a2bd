import { describe, expect, it } from 'vitest';
import {
  algorithmOfChecksum,
  bbbChecksum,
  checksumAlgorithms,
  type ChecksumAlgorithm,
} from '../../src-main/bbb/api/checksum';
import { createBbbClient } from '../../src-main/bbb/api/client';
import { encodeQuery } from '../../src-main/bbb/api/query';
import { bbbFixture } from '../helpers/bbbFixtures';

interface Vector {
  id: string;
  callName: string;
  queryString: string;
  secret: string;
  expected?: Partial<Record<ChecksumAlgorithm, string>>;
  computedHere?: Partial<Record<ChecksumAlgorithm, string>>;
}

const { vectors } = JSON.parse(bbbFixture('checksum-vectors.json')) as { vectors: Vector[] };

describe('BBB checksum (bbb.md §1.1, fixtures/bbb/checksum-vectors.json)', () => {
  const cases = vectors.flatMap((v) =>
    checksumAlgorithms.flatMap((algorithm) => {
      const want = v.expected?.[algorithm] ?? v.computedHere?.[algorithm];
      return want ? [{ id: v.id, algorithm, vector: v, want }] : [];
    }),
  );

  it('has vectors for every algorithm', () => {
    expect(new Set(cases.map((c) => c.algorithm))).toEqual(new Set(checksumAlgorithms));
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('$id with $algorithm', ({ algorithm, vector, want }) => {
    expect(bbbChecksum(algorithm, vector.callName, vector.queryString, vector.secret)).toBe(want);
    expect(algorithmOfChecksum(want)).toBe(algorithm);
  });

  it('signs the query exactly as it sends it, checksum last', () => {
    const client = createBbbClient({
      url: 'https://bbb.example.org/',
      secret: '639259d4-9dd8-4b25-bf01-95f9567eaf4b',
      algorithm: 'sha1',
    });
    const url = new URL(client.urlFor('getRecordings', [['meetingID', 'English 101 [0],b']]));
    expect(url.pathname).toBe('/bigbluebutton/api/getRecordings');
    const raw = url.search.slice(1);
    const [query, checksum] = raw.split('&checksum=');
    expect(query).toBe('meetingID=English%20101%20%5B0%5D%2Cb');
    expect(checksum).toBe(
      bbbChecksum('sha1', 'getRecordings', query ?? '', '639259d4-9dd8-4b25-bf01-95f9567eaf4b'),
    );
    expect(client.urlFor('getMeetings')).toMatch(/\/getMeetings\?checksum=[0-9a-f]{40}$/);
  });

  it('keeps the order and encodes UTF-8', () => {
    expect(
      encodeQuery([
        ['name', 'Café Pod'],
        ['meetingID', 'webinar-42'],
      ]),
    ).toBe('name=Caf%C3%A9%20Pod&meetingID=webinar-42');
  });

  it("escapes !'()* too, so the URL sent is the string hashed (a URL parser escapes ')", () => {
    const query = encodeQuery([['name', "L'amphi (L1)*!"]]);
    expect(query).toBe('name=L%27amphi%20%28L1%29%2A%21');
    expect(new URL(`http://bbb.example/api/create?${query}`).search).toBe(`?${query}`);
  });
});
