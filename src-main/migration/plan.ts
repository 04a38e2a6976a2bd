import { join } from 'node:path';
import type { Bilingual, MigrationAction, MigrationOptions } from '../../src-preload/contract';
import { bi } from '../ground/errors';
import { sourceUrlOf, type ListedRecording } from './listing';

/** A person an item is for; `create`: a Moodle user Régie does not know yet (made staff, as Pod). */
export interface PlannedOwner {
  username: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  create?: boolean;
  /** Found in Moodle: the run then writes Moodle's notice into the activity (§3.8.4). */
  fromMoodle?: boolean;
}

export interface PlannedItem {
  position: number;
  recordId: string;
  bbbRecordingId: number;
  name: string;
  startMs: number;
  action: MigrationAction;
  owners: PlannedOwner[];
  target: string | null;
  reason: Bilingual;
}

/** What the moderators lookup (Moodle) answered for one recording. */
export type OwnerLookup = { owners: PlannedOwner[]; from: Bilingual } | { skip: Bilingual } | null;

export interface PlanContext {
  options: MigrationOptions;
  /** The server's detected version, for the 2.0 → 2.3 playback rewrite. */
  version: string | null;
  /** manual claim: the recorder's drop folder. */
  dropPath?: string;
  /** manual claim: what earlier runs delivered, by record id. */
  delivered: ReadonlyMap<string, string>;
  /** import video: the (source URL, username) pairs that already have an external recording. */
  hasExternal: (sourceUrl: string, username: string) => boolean;
  /** import video with Moodle: the moderators of one recording. */
  lookupOwners?: (recording: ListedRecording) => Promise<OwnerLookup>;
  usernameExists: (username: string) => boolean;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The recordings a run covers: positions first (over the whole list), then the filters. */
export function selectRecordings(
  all: readonly ListedRecording[],
  options: MigrationOptions,
): ListedRecording[] {
  const min = options.min ?? 1;
  const max = options.max ?? Number.POSITIVE_INFINITY;
  return all.filter(
    (r) =>
      r.position >= min &&
      r.position <= max &&
      (options.from === undefined || day(r.startMs) >= options.from) &&
      (options.to === undefined || day(r.startMs) <= options.to) &&
      (options.originServer === undefined ||
        (r.metadata['bbb-origin-server-name'] ?? '') === options.originServer) &&
      (options.states === undefined || options.states.includes(r.state)),
  );
}

/**
 * A file name that says what the file is and never collides: Pod's readable part (the name's
 * first 40 characters and the date, §3.5) plus the record id, unique per recording (Pod's names
 * collide for two same-named meetings on one day, §8.3.7).
 */
export function migrationFileName(r: ListedRecording, ext: 'm4v' | 'mp4'): string {
  const slug = r.name
    .slice(0, 40)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'bbb'}-${day(r.startMs)}-${r.recordId}.${ext}`;
}

/** One line per recording: what will happen, to whom, with which file, and why (issue #12 §5). */
export async function planItems(
  recordings: readonly ListedRecording[],
  context: PlanContext,
): Promise<PlannedItem[]> {
  const items: PlannedItem[] = [];
  for (const r of recordings) {
    const base = {
      position: r.position,
      recordId: r.recordId,
      bbbRecordingId: r.bbbRecordingId,
      name: r.name,
      startMs: r.startMs,
    };
    const line = (
      action: MigrationAction,
      reason: Bilingual,
      extra: { owners?: PlannedOwner[]; target?: string | null } = {},
    ): PlannedItem => ({
      ...base,
      action,
      owners: extra.owners ?? [],
      target: extra.target ?? null,
      reason,
    });
    const sourceUrl = sourceUrlOf(r, context.version);
    switch (context.options.mode) {
      case 'export_csv':
        items.push(
          line('csv', bi('one row of the CSV', 'une ligne du CSV'), { target: sourceUrl }),
        );
        break;
      case 'manual_claim':
        items.push(claimLine(r, context, line));
        break;
      case 'import_video':
        items.push(await importLine(r, sourceUrl, context, line));
        break;
    }
  }
  return items;
}

type Line = (
  action: MigrationAction,
  reason: Bilingual,
  extra?: { owners?: PlannedOwner[]; target?: string | null },
) => PlannedItem;

function claimLine(r: ListedRecording, context: PlanContext, line: Line): PlannedItem {
  const done = context.delivered.get(r.recordId);
  if (done !== undefined)
    return line('skip', bi(`already delivered: ${done}`, `déjà livré : ${done}`), { target: done });
  const dropPath = context.dropPath ?? '';
  if (r.formats.some((f) => f.type === 'video'))
    return line(
      'download',
      bi('its video playback is downloaded', 'sa lecture vidéo est téléchargée'),
      { target: join(dropPath, migrationFileName(r, 'm4v')) },
    );
  if (r.formats.some((f) => f.type === 'presentation'))
    return line(
      'convert',
      bi('presentation only: converted to video', 'présentation seulement : convertie en vidéo'),
      { target: join(dropPath, migrationFileName(r, 'mp4')) },
    );
  return noPlayback(line);
}

const noPlayback = (line: Line) =>
  line(
    'skip',
    bi(
      'no playback to take (neither video nor presentation format)',
      'aucune lecture à reprendre (ni format vidéo ni présentation)',
    ),
  );

async function importLine(
  r: ListedRecording,
  sourceUrl: string | null,
  context: PlanContext,
  line: Line,
): Promise<PlannedItem> {
  if (sourceUrl === null) return noPlayback(line);
  let owners: PlannedOwner[] = [];
  let why: Bilingual;
  if (r.podOwner !== null) {
    owners = [{ username: r.podOwner }];
    why = bi(
      "the meeting's owner in Pod (a BBB session made with Pod)",
      'le propriétaire de la réunion dans Pod (session BBB créée avec Pod)',
    );
  } else if (r.knownOwners.length > 0) {
    owners = r.knownOwners.map((username) => ({ username }));
    why = bi(
      'the moderators Régie saw in the meeting',
      'les modérateurs que Régie a vus dans la réunion',
    );
  } else {
    const found =
      context.options.useMoodle && context.lookupOwners ? await context.lookupOwners(r) : null;
    if (found && 'owners' in found && found.owners.length > 0) {
      owners = found.owners.map((o) => ({
        ...o,
        create: !context.usernameExists(o.username),
        fromMoodle: true,
      }));
      why = found.from;
    } else {
      const admin = context.options.admin ?? '';
      owners = [{ username: admin }];
      const cause =
        found && 'skip' in found ? found.skip : bi('no moderator found', 'aucun modérateur trouvé');
      why = bi(`${cause.en} → the admin ${admin}`, `${cause.fr} → l'administrateur ${admin}`);
    }
  }
  const missing = owners.filter((o) => !context.hasExternal(sourceUrl, o.username));
  if (missing.length === 0)
    return line(
      'skip',
      bi(
        `already in the external recordings of ${owners.map((o) => o.username).join(', ')}`,
        `déjà dans les enregistrements externes de ${owners.map((o) => o.username).join(', ')}`,
      ),
      { owners, target: sourceUrl },
    );
  const created = missing.filter((o) => o.create).map((o) => o.username);
  const note =
    created.length > 0
      ? bi(`; users created: ${created.join(', ')}`, `; utilisateurs créés : ${created.join(', ')}`)
      : bi('', '');
  return line('external', bi(`${why.en}${note.en}`, `${why.fr}${note.fr}`), {
    owners: missing,
    target: sourceUrl,
  });
}
