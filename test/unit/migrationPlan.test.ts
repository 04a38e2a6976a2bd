import { describe, expect, it } from 'vitest';
import { migrationCsv } from '../../src-main/migration/csv';
import { presentationUrl, type ListedRecording } from '../../src-main/migration/listing';
import { migrationFileName, selectRecordings } from '../../src-main/migration/plan';

// reference/pod-behaviour.md §3.4, §3.5, §3.7 and §8.3 (the migration script's wire formats).

const recording = (patch: Partial<ListedRecording> = {}): ListedRecording => ({
  position: 1,
  bbbRecordingId: 1,
  recordId: 'a'.repeat(40) + '-1700000000000',
  meetingId: 'cours-1',
  internalMeetingId: 'a'.repeat(40) + '-1700000000000',
  name: 'Cours',
  state: 'published',
  startMs: Date.UTC(2023, 10, 14, 22, 30),
  metadata: {},
  formats: [],
  knownOwners: [],
  podOwner: null,
  ...patch,
});

describe('presentation URL (§8.3.5)', () => {
  const url = 'https://bbb.univ.fr/playback/presentation/2.0/playback.html?meetingId=ID';
  it('rewrites 2.0 to 2.3 only for a server that plays 2.3', () => {
    expect(presentationUrl(url, 'ID', '2.7.3')).toBe(
      'https://bbb.univ.fr/playback/presentation/2.3/ID?meetingId=ID',
    );
    expect(presentationUrl(url, 'ID', '3.0.0')).toContain('/2.3/ID');
    expect(presentationUrl(url, 'ID', '2.2.31')).toBe(url);
    // Scalelite hides the version: the URL stays as the server gave it.
    expect(presentationUrl(url, 'ID', null)).toBe(url);
    expect(presentationUrl(` ${url} `, 'ID', 'Scalelite')).toBe(url);
  });
});

describe("Pod's CSV (§3.7)", () => {
  it("quotes only what needs it, dates as YYYY-MM-DD, Moodle_owners as Python's repr", () => {
    const csv = migrationCsv(
      [
        {
          recording: recording({
            name: 'Cours; "spécial"',
            metadata: { 'bbb-origin': 'Moodle', 'bbb-origin-server-name': 'moodle.univ.fr' },
            formats: [
              {
                type: 'video',
                url: 'https://bbb/v/',
                lengthMinutes: 1,
                sizeBytes: null,
                previews: [],
              },
            ],
          }),
          owners: [
            { username: "o'brien", firstName: 'Seán', lastName: "O'Brien" },
            { username: 'admin' },
          ],
        },
      ],
      { version: '2.7', withMoodleOwners: true },
    );
    const [header, row] = csv.split('\r\n');
    expect(header?.endsWith(';source_url;Moodle_owners')).toBe(true);
    expect(row).toBe(
      `"Cours; ""spécial""";;2023-11-14;Moodle;moodle.univ.fr;;;;;;true;published;https://bbb/v/;['Seán O\\'Brien (o\\'brien)', 'admin']`,
    );
  });
});

describe('selection and names', () => {
  const all = [1, 2, 3, 4, 5].map((position) =>
    recording({
      position,
      recordId: `r${String(position)}`,
      startMs: Date.UTC(2024, 0, 10 - position),
      metadata: { 'bbb-origin-server-name': position % 2 ? 'a' : 'b' },
    }),
  );
  it('takes positions over the whole list, then the filters', () => {
    expect(
      selectRecordings(all, { serverId: 1, mode: 'export_csv', min: 2, max: 4 }).map(
        (r) => r.recordId,
      ),
    ).toEqual(['r2', 'r3', 'r4']);
    expect(
      selectRecordings(all, {
        serverId: 1,
        mode: 'export_csv',
        min: 2,
        max: 4,
        originServer: 'a',
      }).map((r) => r.recordId),
    ).toEqual(['r3']);
    expect(
      selectRecordings(all, {
        serverId: 1,
        mode: 'export_csv',
        from: '2024-01-07',
        to: '2024-01-08',
      }).map((r) => r.recordId),
    ).toEqual(['r2', 'r3']);
  });

  it('names a file by the name, the day and the record id: two same-named meetings never collide (§8.3.7)', () => {
    const name = 'Réunion d’équipe : point hebdomadaire du lundi matin en amphi';
    const a = migrationFileName(recording({ name, recordId: 'x-1' }), 'm4v');
    const b = migrationFileName(recording({ name, recordId: 'x-2' }), 'm4v');
    expect(a).toBe('reunion-d-equipe-point-hebdomadaire-du-2023-11-14-x-1.m4v');
    expect(a).not.toBe(b);
  });
});
