import type { ListedRecording } from './listing';
import { sourceUrlOf } from './listing';
import type { PlannedOwner } from './plan';

/** Pod's columns, in Pod's order (reference/pod-behaviour.md §3.7). */
const columns = [
  'meeting_name',
  'recording_name',
  'start_date',
  'origin',
  'origin_server_name',
  'origin_version',
  'origin_context',
  'origin_id',
  'origin_label',
  'description',
  'published',
  'state',
  'source_url',
] as const;

/** Python's csv module with `;`, `"` and minimal quoting: quoted only when needed. */
const field = (value: string): string =>
  /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** Python's repr of a list of strings, as Pod writes `Moodle_owners`: `['John Doe (jdoe)']`. */
const pythonList = (values: string[]): string =>
  `[${values.map((v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`;

const ownerText = (o: PlannedOwner) =>
  o.firstName !== undefined || o.lastName !== undefined
    ? `${o.firstName ?? ''} ${o.lastName ?? ''} (${o.username})`.trim()
    : o.username;

/**
 * Pod's `out.csv` (§3.7): `;`-separated, a header, one row per recording, `start_date` as
 * `YYYY-MM-DD`, and `Moodle_owners` when the Moodle lookup was asked for.
 */
export function migrationCsv(
  rows: readonly { recording: ListedRecording; owners: PlannedOwner[] }[],
  options: { version: string | null; withMoodleOwners: boolean },
): string {
  const header = [...columns, ...(options.withMoodleOwners ? ['Moodle_owners'] : [])];
  const lines = [header.join(';')];
  for (const { recording: r, owners } of rows) {
    const m = r.metadata;
    const values = [
      r.name,
      m['bbb-recording-name'] ?? '',
      new Date(r.startMs).toISOString().slice(0, 10),
      m['bbb-origin'] ?? '',
      m['bbb-origin-server-name'] ?? '',
      m['bbb-origin-version'] ?? '',
      m['bbb-context'] ?? '',
      m['bbb-context-id'] ?? '',
      m['bbb-context-label'] ?? '',
      m['bbb-recording-description'] ?? '',
      r.state === 'published' ? 'true' : 'false',
      r.state,
      sourceUrlOf(r, options.version) ?? '',
      ...(options.withMoodleOwners ? [pythonList(owners.map(ownerText))] : []),
    ];
    lines.push(values.map(field).join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}
