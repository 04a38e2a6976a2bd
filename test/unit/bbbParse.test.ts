import { describe, expect, it } from 'vitest';
import { BbbError } from '../../src-main/bbb/api/errors';
import {
  createRecordingsReader,
  parseRecordingsInBatches,
  parseMeeting,
  parseMeetings,
  parseRecordings,
  parseVersion,
  responseOf,
} from '../../src-main/bbb/api/parse';
import { parseXml } from '../../src-main/bbb/api/xml';
import { bbbApiFixtures, bbbFixture } from '../helpers/bbbFixtures';

const ok = (path: string) => responseOf('test', bbbFixture(path));
const php = (name: string) => `api/bigbluebutton-api-php/${name}`;

describe('every BBB and Scalelite fixture parses (fixtures/bbb)', () => {
  it.each(bbbApiFixtures())('%s', (path, body) => {
    const root = parseXml(body);
    if (!('response' in root)) {
      // metadata.xml-shaped files (the recording's own metadata), not API answers.
      expect(Object.keys(root).some((k) => ['recording', 'playback'].includes(k))).toBe(true);
      return;
    }
    const failed = /<returncode>FAILED/.test(body);
    if (failed) {
      expect(() => responseOf('test', body)).toThrow(BbbError);
      return;
    }
    const response = responseOf('test', body);
    if (/<recordings/.test(body)) {
      for (const r of parseRecordings(response).recordings) {
        expect(r.recordId).toMatch(/^[0-9a-f]{40}-\d{13}$/);
        expect(r.startTimeMs).toBeGreaterThan(1e12);
        for (const f of r.formats) expect(f.url).toMatch(/^https?:\/\//);
      }
    }
    if (/<meetings/.test(body))
      for (const m of parseMeetings(response)) expect(m.meetingId).not.toBe('');
  });
});

describe('BBB answers, typed', () => {
  it('FAILED answers carry their messageKey', () => {
    const cases: [string, string][] = [
      ['derived/scalelite/checksum_error.xml', 'checksumError'],
      ['derived/scalelite/unsupported_request.xml', 'unsupportedRequest'],
      ['derived/scalelite/get_meeting_info_not_found.xml', 'notFound'],
      [php('send_chat_message_failed.xml'), 'meetingNotFound'],
    ];
    for (const [path, key] of cases) {
      try {
        ok(path);
        throw new Error(`${path} did not fail`);
      } catch (error) {
        expect(error).toBeInstanceOf(BbbError);
        expect((error as BbbError).failure).toBe('api');
        expect((error as BbbError).messageKey).toBe(key);
      }
    }
  });

  it('meetings: attendees forced to arrays, empty containers, lower-cased metadata', () => {
    const meetings = parseMeetings(ok(php('get_meetings.xml')));
    expect(meetings.length).toBeGreaterThan(1);
    expect(meetings[0]?.attendees).toEqual([]);
    expect(meetings[0]?.endTimeMs).toBeNull();
    expect(meetings[1]).toMatchObject({ isBreakout: true, parentMeetingId: 'ParentMeetingId' });
    const info = parseMeeting(ok(php('get_meeting_info.xml')));
    expect(info.attendees.map((a) => [a.fullName, a.role])).toContainEqual([
      'Ernie Abernathy',
      'MODERATOR',
    ]);
    expect(info.attendees.find((a) => a.fullName === 'Barrett Kutch')?.clientType).toBe('FLASH');
    const docs = parseMeeting(ok('api/bigbluebutton-docs/getMeetingInfo.xml'));
    expect(Object.keys(docs.metadata)).toEqual(
      expect.arrayContaining(['bbb-origin', 'bbb-origin-server-name', 'endcallbackurl']),
    );
  });

  it('recordings: length in minutes, epoch ms, sizes, previews, CRLF and Cyrillic', () => {
    const page = parseRecordings(ok('derived/bbb/get_recordings_2.7_paginated.xml'));
    expect(page.totalElements).toBe(3);
    const [r] = page.recordings;
    expect(r?.formats.map((f) => f.type)).toEqual(['presentation', 'video']);
    expect(r?.formats[1]).toMatchObject({
      lengthMinutes: 1,
      sizeBytes: 610950,
      processingTimeMs: 41210,
    });
    expect(r).toMatchObject({ participants: 3, rawSizeBytes: 977816, sizeBytes: 916425 });

    const demo = parseRecordings(
      ok('api/bigbluebutton-bbb-common-web/sample-get-recordings-response.xml'),
    );
    expect(demo.totalElements).toBeNull();
    expect(demo.recordings.length).toBe(8);
    expect(demo.recordings.some((x) => /[А-я]/.test(x.name))).toBe(true);
    // Entities are decoded once: the double-escaped apostrophe stays visible as sent.
    expect(demo.recordings.some((x) => x.name.includes('&#39;'))).toBe(true);

    const docs = parseRecordings(ok('api/bigbluebutton-docs/getRecordings.xml'));
    const presentation = docs.recordings[0]?.formats.find((f) => f.type === 'presentation');
    expect(presentation?.previews).toHaveLength(3);
    expect(presentation?.previews[0]).toMatchObject({ width: 176, height: 136, alt: 'Welcome to' });
    expect(presentation?.lengthMinutes).toBe(0);

    const moodle = parseRecordings(ok(php('get_recordings.xml')));
    expect(moodle.recordings.filter((x) => x.participants !== null)).toHaveLength(1);
  });

  it('Scalelite: protected, no sizes, empty CDATA metadata, no recordings', () => {
    const [r] = parseRecordings(
      ok('derived/scalelite/get_recordings_single_protected.xml'),
    ).recordings;
    expect(r).toMatchObject({ isProtected: true, sizeBytes: null, rawSizeBytes: null });
    expect(r?.metadata['bbb-origin']).toBe('');
    expect(r?.metadata['bbb-origin-server-name']).toBe('pod.example.org');
    expect(
      parseRecordings(ok('derived/scalelite/get_recordings_no_recordings.xml')).recordings,
    ).toEqual([]);
    expect(parseMeetings(ok('derived/scalelite/get_meetings_no_meetings.xml'))).toEqual([]);
  });

  it('the version document tells BBB 3 from older servers and Scalelite', () => {
    expect(parseVersion(ok(php('api_version.xml')))).toMatchObject({
      apiVersion: '2.0',
      bbbVersion: '3.0.19',
    });
    expect(parseVersion(ok('derived/scalelite/index.xml'))).toEqual({
      apiVersion: '2.0',
      bbbVersion: null,
      build: null,
    });
  });

  it('garbage is an error, not a crash', () => {
    for (const body of [
      '',
      'Internal Server Error',
      '<html><body>502</body></html>',
      '<response><returncode>MAYBE',
    ]) {
      expect(() => responseOf('getMeetings', body)).toThrow(BbbError);
    }
  });

  it('reads a large answer in batches, the same recordings as in one piece, CDATA respected', () => {
    for (const path of [
      'api/bigbluebutton-bbb-common-web/sample-get-recordings-response.xml',
      'derived/bbb/get_recordings_2.7_paginated.xml',
      'derived/scalelite/get_recordings_single_protected.xml',
      'derived/scalelite/get_recordings_no_recordings.xml',
      php('get_recordings.xml'),
    ]) {
      const whole = parseRecordings(ok(path));
      const batches: number[] = [];
      const seen: string[] = [];
      const read = parseRecordingsInBatches(
        'getRecordings',
        bbbFixture(path),
        (batch) => {
          batches.push(batch.length);
          seen.push(...batch.map((r) => r.recordId));
        },
        3,
      );
      expect(seen).toEqual(whole.recordings.map((r) => r.recordId));
      expect(read).toEqual({ totalElements: whole.totalElements, count: whole.recordings.length });
      expect(batches.every((n) => n <= 3)).toBe(true);
    }
    const tricky = bbbFixture('derived/scalelite/get_recordings_single_protected.xml').replace(
      '<meetingName>random-1291479</meetingName>',
      '<meetingName><![CDATA[a </recording> in a name]]></meetingName>',
    );
    const names: string[] = [];
    parseRecordingsInBatches('getRecordings', tricky, (b) =>
      names.push(...b.map((r) => r.metadata.meetingname ?? '')),
    );
    expect(names).toEqual(['a </recording> in a name']);
    expect(() =>
      parseRecordingsInBatches(
        'getRecordings',
        bbbFixture('derived/scalelite/checksum_error.xml'),
        () => {},
      ),
    ).toThrow(BbbError);
  });

  it('reads an answer arriving in pieces of any size, tags and CDATA cut anywhere', () => {
    // The reader keeps a cursor in what has arrived (bench:migration): cuts must not matter.
    const body = bbbFixture('derived/bbb/get_recordings_2.7_paginated.xml').replace(
      /<name>([^<]*)<\/name>/,
      '<name><![CDATA[$1 </recording></recordings><recording>]]></name>',
    );
    const read = (pieces: string[]) => {
      const ids: string[] = [];
      const reader = createRecordingsReader(
        'getRecordings',
        (b) => ids.push(...b.map((r) => `${r.recordId} ${r.name}`)),
        2,
      );
      for (const piece of pieces) reader.push(piece);
      return { ids, end: reader.end() };
    };
    const once = read([body]);
    expect(once.ids.some((id) => id.includes('</recordings><recording>'))).toBe(true);
    for (const size of [1, 2, 5, 11, 13, 64, 1000]) {
      const pieces: string[] = [];
      for (let i = 0; i < body.length; i += size) pieces.push(body.slice(i, i + size));
      expect(read(pieces)).toEqual(once);
    }
  });
});
