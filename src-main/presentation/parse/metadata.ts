import {
  LIMITS,
  RecordingFileError,
  parseDocument,
  readDocument,
  text,
  type XmlElement,
} from './files';

export interface RecordingMetadata {
  recordId: string;
  meetingName: string;
  /** Milliseconds since the epoch (`start_time`). */
  startTime: number | null;
  /** Playback length in seconds (`playback/duration`, in ms in the file): bbb.md §2. */
  durationS: number;
}

const FILE = 'metadata.xml';

export async function readMetadata(dir: string): Promise<RecordingMetadata> {
  const source = await readDocument(dir, FILE, 4 * 1024 * 1024);
  if (source === null) {
    throw new RecordingFileError(
      FILE,
      'is missing: this folder is not a published BigBlueButton presentation recording.',
      'est absent : ce dossier n’est pas un enregistrement BigBlueButton « presentation » publié.',
    );
  }
  return parseMetadata(source);
}

export function parseMetadata(source: string): RecordingMetadata {
  const root = parseDocument(source, FILE)['recording'] as XmlElement | undefined;
  if (!root) {
    throw new RecordingFileError(
      FILE,
      'has no <recording> element.',
      'n’a pas d’élément <recording>.',
    );
  }
  const playback = root['playback'] as XmlElement | undefined;
  const durationMs = Number.parseFloat(text(playback?.['duration']));
  if (!Number.isFinite(durationMs) || durationMs <= 0) {
    throw new RecordingFileError(
      FILE,
      'gives no playback duration (<playback><duration>, in ms).',
      'ne donne pas de durée de lecture (<playback><duration>, en ms).',
    );
  }
  const durationS = durationMs / 1000;
  if (durationS > LIMITS.durationS) {
    throw new RecordingFileError(
      FILE,
      `says the recording lasts ${(durationS / 3600).toFixed(1)} h, more than the 24 h Régie accepts; check the file.`,
      `indique une durée de ${(durationS / 3600).toFixed(1).replace('.', ',')} h, au-delà des 24 h qu’accepte Régie ; vérifiez le fichier.`,
    );
  }
  const meeting = root['meeting'] as XmlElement | undefined;
  const meta = root['meta'] as XmlElement | undefined;
  const start = Number.parseInt(text(root['start_time']), 10);
  return {
    recordId: text(root['id']),
    meetingName:
      (typeof meeting?.['@_name'] === 'string' ? meeting['@_name'] : '') ||
      text(meta?.['meetingName']) ||
      text(root['id']),
    startTime: Number.isFinite(start) ? start : null,
    durationS,
  };
}
